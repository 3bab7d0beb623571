import type { FastifyReply } from 'fastify';
import { LETTER_TITLES } from './letters/compose.js';
import { renderLetterDocx } from './letters/render-docx.js';
import type { ShownLetter } from './letters.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A letter as the Word file the applicant keeps, rendered from the stored text. */
export async function sendLetterDocx(reply: FastifyReply, letter: ShownLetter): Promise<FastifyReply> {
  const name = `${LETTER_TITLES[letter.kind]}-${letter.letterNo}.docx`;
  // Letters name the applicant: never kept by a shared cache. RFC 6266: an ASCII fallback, then the
  // Chinese name percent-encoded as UTF-8.
  return reply
    .header('cache-control', 'private, no-store')
    .type(DOCX)
    .header('content-disposition', `attachment; filename="letter-${letter.id}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(await renderLetterDocx(letter));
}
