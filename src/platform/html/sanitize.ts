import sanitizeHtml from 'sanitize-html';

/**
 * Rich text (document bodies, disclosure guides) is sanitized on the way in and again on the
 * way out: only structural tags survive, links are http(s)/mailto or site-relative, no script,
 * style or event handler can pass.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'h5', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup',
    'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
    'a', 'img', 'hr', 'span', 'div', 'pre',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    // A span withheld from the public (删减后公开), naming the article of the exemption.
    span: [{ name: 'data-redact', multiple: false, values: ['14', '15', '16'] }],
  },
  // The public marker that stands where a redacted span was.
  allowedClasses: { span: ['redacted'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  transformTags: { h1: 'h2' },
  // Spans that carried only a font or a language (Word, WPS) are unwrapped, their text kept.
  exclusiveFilter: (frame) => (frame.tag === 'span' && !isRedactionSpan(frame.attribs) ? 'excludeTag' : false),
};

function isRedactionSpan(attribs: Record<string, string>): boolean {
  return ['14', '15', '16'].includes(attribs['data-redact'] ?? '') || attribs.class === 'redacted';
}

export function sanitizeRichText(html: string): string {
  // Empty paragraphs (Word's <o:p>&nbsp;</o:p>, an editor's blank line) were only spacing.
  return sanitizeHtml(html, options).replace(/<p>(?:\s|&nbsp;|\u00a0)*<\/p>\n?/g, '');
}

/**
 * A rich-text field as a form sends it (document and interpretation bodies, Q&A and referral
 * answers, disclosure guides), made safe to store. With the editor it is HTML; without script it
 * is what was typed into the textarea. The input counts as HTML when it holds at least one tag
 * (`<p>`, `</td>`, `<br/>`, `<o:p>` — a `<` right before a Latin letter, or `</`, up to a `>`)
 * or an HTML comment; anything else is plain text, whose paragraphs are kept (see
 * `plainTextToHtml`). Either way the sanitizer is the one gate.
 */
export function sanitizeBodyInput(input: string): string {
  return sanitizeRichText(looksLikeHtml(input) ? input : plainTextToHtml(input));
}

export function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][\w:-]*(?:\s[^<>]*)?\/?>|<!--/i.test(s);
}

/**
 * Typed plain text to paragraphs. Text with blank lines is written in blocks: a blank line ends a
 * paragraph and a single line break inside one is kept as a line break (an address, a list of
 * names). Text without any blank line is written the Chinese official way, one paragraph a line.
 */
export function plainTextToHtml(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n');
  if (!/\n[ \t\u3000]*\n/.test(normalized)) return textToHtml(normalized);
  return normalized
    .split(/\n(?:[ \t\u3000]*\n)+/)
    .map((block) => block.split('\n').map((line) => escapeText(line.trim())).filter(Boolean).join('<br>'))
    .filter(Boolean)
    .map((block) => `<p>${block}</p>`)
    .join('\n');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text of sanitized HTML: for snippets, phrase matching and search indexing. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|div|h\d|li|tr|blockquote)>|<br\s*\/?>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text (as in the corpus) to paragraphs of escaped HTML. */
export function textToHtml(text: string): string {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeText(line)}</p>`)
    .join('\n');
}
