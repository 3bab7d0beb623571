import type { Kysely } from 'kysely';
import type { Database, DocumentStatus } from '../../../db/schema.js';
import { inScope, pageWithTotal, type AdminListParams as ContentListParams } from '../../../platform/content/paging.js';
import { suggestDocNumber } from '../domain/doc-number.js';
import { inTreeOrder } from '../../organizations/public.js';
import { VERSIONED_FIELDS, type VersionSnapshot } from '../commands/versions.js';

export interface AdminListParams extends Omit<ContentListParams, 'status'> {
  status: DocumentStatus | null;
  expiringBefore: string | null;
}

/** The actor's organizations' own documents, newest first: drafts and published alike (reference material is not theirs to edit). */
export async function listAdminDocuments(db: Kysely<Database>, p: AdminListParams) {
  let q = db.selectFrom('documents as d').innerJoin('organizations as o', 'o.id', 'd.org_id').where('d.org_id', 'in', p.orgIds).where('d.provenance', '=', 'own');
  if (p.status) q = q.where('d.status', '=', p.status);
  if (p.q) q = q.where((eb) => eb.or([eb('d.title', 'like', `%${p.q}%`), eb('d.doc_no', 'like', `%${p.q}%`), eb('d.index_no', '=', p.q)]));
  if (p.expiringBefore) q = q.where('d.doc_type', '=', '行政规范性文件').where('d.expires_on', '<=', p.expiringBefore).where('d.validity', 'not in', ['expired', 'repealed']);
  return pageWithTotal(q, (q) => q.select(['d.id', 'd.title', 'd.doc_no', 'd.index_no', 'd.status', 'd.validity', 'd.updated_at', 'd.published_on', 'd.expires_on', 'o.short_name as org']).orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc'), p);
}

export async function countDocumentsForWorkbench(db: Kysely<Database>, orgIds: number[], today: string) {
  if (orgIds.length === 0) return { drafts: 0, published: 0, expiringSoon: 0 };
  const halfYear = addMonths(today, 6);
  const r = await db
    .selectFrom('documents')
    .select(({ fn, eb }) => [
      fn.count<number>(eb.case().when('status', '=', 'draft').then(1).end()).as('drafts'),
      fn.count<number>(eb.case().when('status', '=', 'published').then(1).end()).as('published'),
      fn
        .count<number>(
          eb
            .case()
            .when(eb.and([eb('doc_type', '=', '行政规范性文件'), eb('expires_on', '<=', halfYear), eb('validity', 'not in', ['expired', 'repealed'])]))
            .then(1)
            .end(),
        )
        .as('expiring'),
    ])
    .where('org_id', 'in', orgIds)
    .where('provenance', '=', 'own')
    .executeTakeFirstOrThrow();
  return { drafts: Number(r.drafts), published: Number(r.published), expiringSoon: Number(r.expiring) };
}

/** Six months before expiry is when a normative document is evaluated (domain.md §6.3). */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** A document as the back office shows it, only when it belongs to one of `scope` (the actor's organizations). */
export async function getDocumentForEdit(db: Kysely<Database>, id: number, scope: number[]) {
  const d = await db.selectFrom('documents').selectAll().where('id', '=', id).where(inScope('org_id', scope)).executeTakeFirst();
  if (!d) return null;
  const attachments = await db.selectFrom('attachments').select(['id', 'file_name', 'size_bytes', 'media_type', 'redacted_copy']).where('document_id', '=', id).where('removed_at', 'is', null).orderBy('position').execute();
  // A published document's pending edit, and for an edition the document it edits.
  const openEdition = await db.selectFrom('documents').select(['id', 'status']).where('edition_of', '=', id).where('status', '<>', 'merged').executeTakeFirst();
  return { ...d, attachments, openEdition: openEdition ?? null };
}

/** What a document form offers: the organizations the actor may write for, and the reference lists. */
export async function loadFormOptions(db: Kysely<Database>, orgIds: number[]) {
  const [orgs, nodes, docTypes, topics, audiences] = await Promise.all([
    orgIds.length ? db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).orderBy('position').orderBy('id').execute() : Promise.resolve([]),
    orgIds.length ? db.selectFrom('catalog_nodes').select(['id', 'org_id', 'name', 'parent_id', 'position']).where('org_id', 'in', orgIds).execute() : Promise.resolve([]),
    db.selectFrom('doc_types').select('name').orderBy('position').execute(),
    db.selectFrom('topics').select(['id', 'name', 'parent_id']).orderBy('position').execute(),
    db.selectFrom('audiences').select('name').orderBy('position').execute(),
  ]);
  // Columns as the portal orders them: each organization's tree, depth first.
  const ordered = orgs.flatMap((o) => inTreeOrder(nodes.filter((n) => n.org_id === o.id)));
  return { orgs, nodes: ordered, docTypes: docTypes.map((t) => t.name), topics, audiences: audiences.map((a) => a.name) };
}
export type FormOptions = Awaited<ReturnType<typeof loadFormOptions>>;

/** The validity events recorded against a document, with the documents behind them. */
export async function listRelationsOf(db: Kysely<Database>, documentId: number) {
  return db
    .selectFrom('document_relations as r')
    .leftJoin('documents as b', 'b.id', 'r.by_document_id')
    .select(['r.kind', 'r.effective_on', 'r.by_document_id', 'b.title'])
    .where('r.document_id', '=', documentId)
    .orderBy('r.effective_on')
    .execute();
}

/** A document named by its 发文字号 (any common spelling) or by its number in the back office. */
export async function resolveDocumentRef(db: Kysely<Database>, ref: string): Promise<number | null> {
  if (/^\d{1,12}$/.test(ref)) {
    const d = await db.selectFrom('documents').select('id').where('id', '=', Number(ref)).executeTakeFirst();
    return d?.id ?? null;
  }
  // Lenient here: a clerk typing 宁政发[2024]3号 means 宁政发〔2024〕3号.
  const normalized = suggestDocNumber(ref) ?? ref;
  const d = await db.selectFrom('documents').select('id').where('doc_no', '=', normalized).where('status', '=', 'published').orderBy('id', 'desc').executeTakeFirst();
  return d?.id ?? null;
}

/** Every saved version of a document, newest first, with who saved it (the internal history). */
export async function listDocumentVersions(db: Kysely<Database>, documentId: number) {
  return db
    .selectFrom('document_versions as v')
    .leftJoin('staff as s', 's.id', 'v.created_by')
    .select(['v.version_no', 'v.created_at', 'v.note', 's.display_name as author'])
    .where('v.document_id', '=', documentId)
    .orderBy('v.version_no', 'desc')
    .execute();
}

/** Two saved versions as comparable snapshots, in the order asked. */
export async function getDocumentVersionPair(db: Kysely<Database>, documentId: number, a: number, b: number) {
  const rows = await db.selectFrom('document_versions').select(['version_no', 'snapshot', 'body_html']).where('document_id', '=', documentId).where('version_no', 'in', [a, b]).execute();
  const pick = (n: number) => {
    const r = rows.find((x) => x.version_no === n);
    if (!r) return null;
    const snapshot = r.snapshot as VersionSnapshot;
    return { title: snapshot.title, fields: VERSIONED_FIELDS.filter(([k]) => k !== 'title').map(([k, label]) => [label, snapshot[k] ?? ''] as [string, string]), bodyHtml: r.body_html };
  };
  return [pick(a), pick(b)] as const;
}
