import { openEditionOf } from '../../editions/public.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { inScope, pageWithTotal, type AdminListParams } from '../../../platform/content/paging.js';
import { linkedDocuments } from '../../documents/public.js';
import { QA_DOCUMENTS } from '../document-link.js';

export interface AdminQaListParams extends AdminListParams {
  department: string;
  /** Only entries whose review date (复核日期) has come. */
  dueOn: string | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Entries in the actor's organizations, newest first (due ones by review date); retired (merged) editions are left out. */
export async function listAdminQa(db: Kysely<Database>, p: AdminQaListParams) {
  let q = db.selectFrom('qa_entries as e').innerJoin('organizations as o', 'o.id', 'e.org_id').where('e.org_id', 'in', p.orgIds).where('e.status', '!=', 'merged');
  if (p.status) q = q.where('e.status', '=', p.status);
  if (p.department) q = q.where('e.department', '=', p.department);
  if (p.q) {
    const like = `%${escapeLike(p.q)}%`;
    q = q.where((eb) => eb.or([eb('e.question', 'like', like), sql<boolean>`array_to_string(e.phrasings, ' ') like ${like}`]));
  }
  if (p.dueOn) q = q.where('e.review_on', '<=', p.dueOn).where('e.status', '!=', 'withdrawn');
  const r = await pageWithTotal(q, (q) => {
    const rows = q
      .select(['e.id', sql<string>`left(e.question, 200)`.as('question'), 'e.department', 'e.status', 'e.origin', 'e.edition_of', 'e.published_on', 'e.review_on', 'e.updated_at', 'o.short_name as org'])
      .select((eb) => eb.selectFrom('qa_entry_documents as x').select(({ fn }) => fn.countAll<number>().as('n')).whereRef('x.qa_id', '=', 'e.id').as('documents'));
    return p.dueOn ? rows.orderBy('e.review_on').orderBy('e.id') : rows.orderBy('e.updated_at', 'desc').orderBy('e.id', 'desc');
  }, p);
  return { total: r.total, rows: r.rows.map((row) => ({ ...row, documents: Number(row.documents ?? 0) })) };
}
export type AdminQaRow = Awaited<ReturnType<typeof listAdminQa>>['rows'][number];

/** The departments named on entries in these organizations, for the list's filter. */
export async function listQaDepartments(db: Kysely<Database>, orgIds: number[]): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('qa_entries')
    .select('department')
    .where('org_id', 'in', orgIds)
    .where('department', '!=', '')
    .where('status', '!=', 'merged')
    .groupBy('department')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('department')
    .limit(200)
    .execute();
  return rows.map((r) => r.department);
}

/** One entry with its documents, topic and open edition, only when it belongs to one of `scope` (the actor's organizations). */
export async function getQaForAdmin(db: Kysely<Database>, id: number, scope: number[]) {
  const e = await db
    .selectFrom('qa_entries as e')
    .innerJoin('organizations as o', 'o.id', 'e.org_id')
    .leftJoin('topics as t', 't.id', 'e.topic_id')
    .selectAll('e')
    .select(['o.name as org_name', 't.name as topic'])
    .where('e.id', '=', id)
    .where(inScope('e.org_id', scope))
    .executeTakeFirst();
  return e ? { ...e, documents: await linkedDocuments(db, QA_DOCUMENTS, id), openEdition: await openEditionOf(db, 'qa_entries', e) } : null;
}
export type AdminQa = NonNullable<Awaited<ReturnType<typeof getQaForAdmin>>>;
