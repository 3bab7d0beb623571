// What Word and WPS put on the clipboard besides the text: Office XML islands, conditional
// comments, <o:p> and style blocks. The editor's schema drops every style and class it does not
// know; this only removes the pieces that would otherwise come through as stray text or empty
// paragraphs; a list's numbering that Word writes as text stays. The server's sanitizer checks
// the result again.
export function cleanPastedHtml(html) {
  if (!/mso-|urn:schemas-microsoft-com|<o:p|class="?Mso|kingsoft|wps/i.test(html)) return html;
  return html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!\[if[^\]]*\]>|<!\[endif\]>/gi, '')
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/<xml[\s\S]*?<\/xml>/gi, '')
    .replace(/<\/?o:p[^>]*>/gi, '')
    .replace(/<p[^>]*>(?:\s|&nbsp;|\u00a0)*<\/p>/gi, '');
}
