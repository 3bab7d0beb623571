import type { FastifyReply } from 'fastify';
import type { PageContext } from '../../platform/html/page-context.js';
import { sendHtml } from '../../platform/html/render.js';
import { LETTER_TITLES } from './letters/compose.js';
import { renderLetterDocx } from './letters/render-docx.js';
import type { ShownLetter } from './letters.js';
import { LetterPage } from './views/letter-page.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A letter as a printable page, or as the Word file the applicant keeps (rendered from the stored text). */
export async function sendLetter(reply: FastifyReply, letter: ShownLetter, format: 'html' | 'docx', ctx: PageContext): Promise<FastifyReply> {
  // Letters name the applicant: never kept by a shared cache.
  reply.header('cache-control', 'private, no-store');
  if (format === 'html') return sendHtml(reply, LetterPage({ ctx, letter }));
  const buffer = await renderLetterDocx(letter);
  const name = `${LETTER_TITLES[letter.kind]}-${letter.letterNo}.docx`;
  // RFC 6266: an ASCII fallback, then the Chinese name percent-encoded as UTF-8.
  return reply
    .type(DOCX)
    .header('content-disposition', `attachment; filename="letter-${letter.id}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(buffer);
}
