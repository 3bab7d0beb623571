/**
 * 一键替换: a flagged wording replaced by the dictionary's suggestion. The body is sanitized HTML;
 * the words are replaced in its text only, never inside a tag or an attribute (a link's address).
 */
export function replaceInHtmlText(html: string, from: string, to: string): string {
  if (!from) return html;
  const f = escapeHtml(from);
  const t = escapeHtml(to);
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? part : part.split(f).join(t)))
    .join('');
}

export function replaceInText(text: string, from: string, to: string): string {
  return from ? text.split(from).join(to) : text;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
