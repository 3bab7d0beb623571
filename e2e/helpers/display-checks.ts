import type { Page } from 'playwright-core';

export interface DisplayReport {
  /** The smallest computed font size of any visible text or form control, in CSS px. */
  minFontPx: number;
  /** Where it is, for the failure message. */
  minFontAt: string;
  /** Texts and controls below the asked contrast ratio against what is behind them. */
  lowContrast: string[];
  /** How many texts and controls were measured. */
  measured: number;
}

// Plain JavaScript in a string: the test runner's transpiler would otherwise add helpers (__name)
// that do not exist in the page.
const MEASURE = String.raw`(min) => {
  const rgb = (c) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
  };
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0.5) return c;
    }
    return [255, 255, 255];
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '') + ' «' + (el.textContent || el.value || '').trim().slice(0, 24) + '»';
  const hidden = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width <= 1 || r.height <= 1 || s.visibility === 'hidden' || Number(s.opacity) === 0 || (s.clip && s.clip !== 'auto' && s.position === 'absolute') || r.right < 0 || r.bottom < 0;
  };
  const controls = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'SUMMARY']);
  let minFontPx = Infinity;
  let minFontAt = '';
  let measured = 0;
  const low = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('script, style, noscript, svg, [aria-hidden="true"]') || el.type === 'hidden') continue;
    const isControl = controls.has(el.tagName);
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!isControl && !ownText) continue;
    if (hidden(el)) continue;
    const s = getComputedStyle(el);
    measured++;
    const bg = background(el);
    const checkable = el.tagName === 'INPUT' && ['checkbox', 'radio'].includes(el.type);
    if (!checkable) {
      const fs = parseFloat(s.fontSize);
      if (fs < minFontPx) { minFontPx = fs; minFontAt = name(el); }
      const fg = rgb(s.color);
      if (fg && ratio(fg, bg) < min) low.push(name(el) + ': text ' + ratio(fg, bg).toFixed(2) + ':1');
    }
    if (isControl) {
      // A control must be seen as a control: its edge (border, or its own fill) against the page behind it.
      const behind = background(el.parentElement);
      const edge = checkable ? rgb(s.accentColor) : parseFloat(s.borderTopWidth) > 0 ? rgb(s.borderTopColor) : rgb(s.backgroundColor);
      const r = edge && edge[3] > 0.5 ? ratio(edge, behind) : 1;
      if (r < min) low.push(name(el) + ': edge ' + r.toFixed(2) + ':1');
    }
  }
  return { minFontPx, minFontAt, lowContrast: low, measured };
}`;

/**
 * Measures, in the page, every visible text and control: its computed font size, and the WCAG
 * contrast ratio of its text colour — and, for a control, of its border or, for a checkbox, its
 * accent colour — against the first opaque background behind it. Visually hidden text (for screen
 * readers only) is left out; so are images.
 */
export async function measureDisplay(page: Page, minRatio: number): Promise<DisplayReport> {
  return page.evaluate(`(${MEASURE})(${Number(minRatio)})`) as Promise<DisplayReport>;
}
