import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { renderHtml } from '../../platform/html/render.js';
import { PublicComparePage } from './compare-page.js';
import { comparePublicEditions } from './comparison.js';
import type { EditionItemType } from './record.js';

/** An item's public comparison page: two of its published editions side by side, chosen by the query (?a=&b=). */
export async function sendPublicComparison(
  db: Kysely<Database>,
  req: FastifyRequest,
  reply: FastifyReply,
  item: { type: EditionItemType; id: number; title: string },
  back: { href: string; label: string },
): Promise<FastifyReply> {
  const comparison = await comparePublicEditions(db, { type: item.type, id: item.id }, req.query);
  return reply.type('text/html; charset=utf-8').send(renderHtml(PublicComparePage({ ctx: req.pageCtx, title: item.title, href: back.href, backLabel: back.label, comparison })));
}
