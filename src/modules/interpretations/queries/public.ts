import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { publicLinkedDocuments } from '../../documents/public.js';
import { withPublicEditions } from '../../editions/public.js';
import { INTERPRETATION_DOCUMENTS } from '../document-link.js';

/**
 * An interpretation as the portal shows it: published, or withdrawn (the route decides what a
 * withdrawal leaves visible). Editions and drafts are never public. Only the linked documents the
 * public can see are listed.
 */
export async function getPublicInterpretation(db: Kysely<Database>, id: number) {
  const i = await db
    .selectFrom('interpretations as i')
    .innerJoin('organizations as o', 'o.id', 'i.org_id')
    .select(['i.id', 'i.title', 'i.form', 'i.department', 'i.contact', 'i.body_html', 'i.body_text', 'i.status', 'i.published_on', 'i.updated_at', 'i.withdrawn_at', 'i.withdrawal_kind', 'i.withdrawal_reason', 'o.name as org_name', 'o.slug as org_slug'])
    .where('i.id', '=', id)
    .where('i.edition_of', 'is', null)
    .where('i.status', 'in', ['published', 'withdrawn'])
    .executeTakeFirst();
  if (!i) return null;
  // A withdrawn interpretation's content is not shown again, only its title and the reason.
  const shown = await withPublicEditions(db, 'interpretation', i, { shown: i.status !== 'withdrawn', body: ['body_html', 'body_text'] });
  return { ...shown, documents: await publicLinkedDocuments(db, INTERPRETATION_DOCUMENTS, id) };
}
export type PublicInterpretation = NonNullable<Awaited<ReturnType<typeof getPublicInterpretation>>>;

/**
 * Published interpretations, newest first, of one organization or of all: the public list and
 * each organization's 政策解读 column. Drafts, editions and withdrawn ones are never listed.
 */
export async function listPublicInterpretations(db: Kysely<Database>, p: { orgId?: number; limit: number; offset?: number }) {
  let q = db.selectFrom('interpretations as i').innerJoin('organizations as o', 'o.id', 'i.org_id').where('i.status', '=', 'published').where('i.edition_of', 'is', null);
  if (p.orgId) q = q.where('i.org_id', '=', p.orgId);
  const [count, rows] = await Promise.all([
    q.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(['i.id', 'i.title', 'i.form', 'i.department', 'i.published_on', 'o.name as org_name', 'o.slug as org_slug'])
      .orderBy(sql`i.published_on desc nulls last`)
      .orderBy('i.id', 'desc')
      .limit(p.limit)
      .offset(p.offset ?? 0)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}
export type PublicInterpretationRow = Awaited<ReturnType<typeof listPublicInterpretations>>['rows'][number];

/** The published interpretations of a document (三同步), oldest first: for the document's page. */
export async function listInterpretationsOf(db: Kysely<Database>, documentId: number) {
  return db
    .selectFrom('interpretation_documents as x')
    .innerJoin('interpretations as i', 'i.id', 'x.interpretation_id')
    .select(['i.id', 'i.title', 'i.form', 'i.published_on'])
    .where('x.document_id', '=', documentId)
    .where('i.status', '=', 'published')
    .orderBy('i.published_on')
    .orderBy('i.id')
    .execute();
}
