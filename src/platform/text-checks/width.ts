/**
 * Full-width → half-width folding, shared by the detectors. Chinese documents mix full-width
 * digits, letters and brackets (１３８…, （０１０）, ＠) with ASCII ones; both mean the same thing
 * to a reader, so the checks treat them alike. The mapping is one UTF-16 code unit to one code
 * unit, so every offset found in the folded text is an offset into the original text.
 *
 * U+FF01–U+FF5E (full-width ASCII forms) → U+0021–U+007E; U+3000 (ideographic space) → U+0020.
 * Nothing else is changed (no case folding, no NFKC, no traditional/simplified mapping).
 */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;

/** The half-width equivalent of one code unit (the code unit itself when it has none). */
export function foldWidthUnit(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000) return 0x20;
  return c;
}

/** Length-preserving: `foldWidth(s).length === s.length`, offsets are interchangeable. */
export function foldWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(foldWidthUnit(c.charCodeAt(0))));
}
