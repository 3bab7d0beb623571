import { openEditionOf } from '../../editions/public.js';
import type { Kysely } from 'kysely';
import type { Database, ItemStatus } from '../../../db/schema.js';
import { inScope, pageWithTotal, type AdminListParams as ContentListParams } from '../../../platform/content/paging.js';
import { linkedDocuments, suggestDocNumber } from '../../documents/public.js';
import { INTERPRETATION_DOCUMENTS } from '../document-link.js';

export type AdminListParams = ContentListParams;

/** Interpretations in the actor's organizations, newest first; retired (merged) editions are left out. */
export async function listAdminInterpretations(db: Kysely<Database>, p: AdminListParams) {
  let q = db.selectFrom('interpretations as i').innerJoin('organizations as o', 'o.id', 'i.org_id').where('i.org_id', 'in', p.orgIds).where('i.status', '!=', 'merged');
  if (p.status) q = q.where('i.status', '=', p.status);
  if (p.q) q = q.where('i.title', 'like', `%${p.q}%`);
  const r = await pageWithTotal(q, (q) => q
    .select(['i.id', 'i.title', 'i.form', 'i.status', 'i.edition_of', 'i.published_on', 'i.updated_at', 'o.short_name as org'])
    .select((eb) => eb.selectFrom('interpretation_documents as x').select(({ fn }) => fn.countAll<number>().as('n')).whereRef('x.interpretation_id', '=', 'i.id').as('documents'))
    .orderBy('i.updated_at', 'desc')
    .orderBy('i.id', 'desc'), p);
  return { total: r.total, rows: r.rows.map((row) => ({ ...row, documents: Number(row.documents ?? 0) })) };
}
export type AdminInterpretationRow = Awaited<ReturnType<typeof listAdminInterpretations>>['rows'][number];

/** One interpretation with its documents and open edition, only when it belongs to one of `scope` (the actor's organizations). */
export async function getInterpretationForAdmin(db: Kysely<Database>, id: number, scope: number[]) {
  const i = await db.selectFrom('interpretations as i').innerJoin('organizations as o', 'o.id', 'i.org_id').selectAll('i').select('o.name as org_name').where('i.id', '=', id).where(inScope('i.org_id', scope)).executeTakeFirst();
  return i ? { ...i, documents: await linkedDocuments(db, INTERPRETATION_DOCUMENTS, id), openEdition: await openEditionOf(db, 'interpretations', i) } : null;
}
export type AdminInterpretation = NonNullable<Awaited<ReturnType<typeof getInterpretationForAdmin>>>;

export interface LinkableDocument {
  id: number;
  title: string;
  doc_no: string | null;
  status: ItemStatus;
  org_id: number;
  org: string;
}

/**
 * Documents an interpretation may explain, as offered to a drafter: those of the organizations
 * the drafter edits (drafts included) and any published document. Editions and retired rows are
 * never offered: links go to the live document.
 */
function linkable(db: Kysely<Database>, orgIds: number[]) {
  return db
    .selectFrom('documents as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.title', 'd.doc_no', 'd.status', 'd.org_id', 'o.short_name as org'])
    .where('d.edition_of', 'is', null)
    .where((eb) =>
      eb.or([
        eb('d.status', '=', 'published'),
        ...(orgIds.length ? [eb.and([eb('d.org_id', 'in', orgIds), eb('d.status', 'not in', ['merged', 'withdrawn'])])] : []),
      ]),
    );
}

/** A search by words of the title or the 发文字号, for the form's 查找文件 button. */
export async function searchLinkableDocuments(db: Kysely<Database>, orgIds: number[], q: string, limit = 20): Promise<LinkableDocument[]> {
  const number = suggestDocNumber(q);
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return linkable(db, orgIds)
    .where((eb) => eb.or([eb('d.title', 'like', like), eb('d.doc_no', 'like', like), ...(number ? [eb('d.doc_no', '=', number)] : []), ...(/^\d{1,12}$/.test(q) ? [eb('d.id', '=', Number(q))] : [])]))
    .orderBy('d.published_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The documents named one per line by their number in the back office, their 发文字号 (any common
 * spelling) or their exact title. Returns the ids found and, for each line that names no single
 * document, a message.
 */
export async function resolveDocumentRefs(db: Kysely<Database>, orgIds: number[], refs: string[]): Promise<{ ids: number[]; errors: string[] }> {
  const ids: number[] = [];
  const errors: string[] = [];
  for (const ref of refs.slice(0, 50)) {
    // A line as the form writes it back: '123 标题（文号）'.
    const byId = /^(\d{1,12})(?:\s|$)/.exec(ref);
    let q = linkable(db, orgIds);
    if (byId) q = q.where('d.id', '=', Number(byId[1]));
    else {
      const number = suggestDocNumber(ref) ?? ref;
      q = q.where((eb) => eb.or([eb('d.doc_no', '=', number), eb('d.title', '=', ref)]));
    }
    const found = await q.limit(2).execute();
    if (found.length === 1) ids.push(found[0]!.id);
    else if (found.length === 0) errors.push(`找不到“${ref.slice(0, 60)}”：请填写文件编号、发文字号或完整标题（只能解读本机构的文件或已发布的文件）`);
    else errors.push(`“${ref.slice(0, 60)}”对应多个文件，请改填文件编号`);
  }
  return { ids: [...new Set(ids)], errors };
}

/** The documents behind ids chosen on the form, to show them again (unknown ids are dropped). */
export async function documentsByIds(db: Kysely<Database>, ids: number[]): Promise<LinkableDocument[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('documents as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.title', 'd.doc_no', 'd.status', 'd.org_id', 'o.short_name as org'])
    .where('d.id', 'in', ids.slice(0, 100))
    .orderBy('d.id')
    .execute();
}

export async function listOrganizationsByIds(db: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).orderBy('position').orderBy('id').execute();
}
