import { sql, type Kysely } from 'kysely';
import { issuerLevel, referenceProvenance } from '../../modules/documents/domain/provenance.js';

/**
 * Reference material (法律法规 / 上级文件) apart from the organizations' own documents.
 *
 * Until now the corpus import spread national laws and other places' notices over the demo
 * organizations as their own disclosures, with a local 索引号 and a 其他文件 catalog node. A
 * document now says where it comes from (`provenance`: own | law | superior) and, for reference
 * material, the level of its real issuing organ. Reference documents are held by the site's top
 * organization (org_id must stay set; nothing shows it as their publisher) and have no 索引号 and
 * no catalog node.
 *
 * Existing installs: every document imported from the corpus (it has a `source_id`) becomes
 * reference material. The classification is the importer's own (documents/domain/provenance.ts),
 * so an old install ends up as a fresh import would.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table documents add column provenance text not null default 'own' check (provenance in ('own', 'law', 'superior'))`.execute(db);
  await sql`alter table documents add column issuer_level text check (issuer_level in ('national', 'provincial', 'municipal'))`.execute(db);
  await sql`alter table documents add constraint documents_reference_unlisted check (provenance = 'own' or (index_no is null and catalog_node_id is null))`.execute(db);

  await reclassifyImportedDocuments(db);
  await reviewImportedQa(db);
}

/** Every document imported from the corpus (it has a `source_id`) becomes reference material. Exported for its test. */
export async function reclassifyImportedDocuments(db: Kysely<any>): Promise<void> {
  const holder = await sql<{ id: number }>`
    select id from organizations where parent_id is null order by (kind = 'government') desc, position, id limit 1`.execute(db);
  const imported = await sql<{ id: number; doc_type: string; lead: string | null }>`
    select id, doc_type, issuers[1] as lead from documents where source_id is not null`.execute(db);
  if (imported.rows.length === 0 || !holder.rows[0]) return;
  // A few thousand rows fall into a handful of (provenance, level) groups: one update per group.
  const groups = new Map<string, number[]>();
  for (const d of imported.rows) {
    const key = `${referenceProvenance(d.doc_type)}|${issuerLevel(d.lead, d.doc_type) ?? ''}`;
    const ids = groups.get(key) ?? [];
    ids.push(Number(d.id));
    groups.set(key, ids);
  }
  for (const [key, ids] of groups) {
    const [provenance, level] = key.split('|');
    await sql`
      update documents set provenance = ${provenance}, issuer_level = ${level || null}, index_no = null, catalog_node_id = null, org_id = ${holder.rows[0].id}
      where id in (${sql.join(ids)}) or edition_of in (${sql.join(ids)})`.execute(db);
  }
}

/**
 * Q&A entries imported before the import cleaned and classified (and untouched since): the Excel
 * escapes and message-board user codes go, and what the import now leaves for a reviewer — the
 * 泰迪杯 message-board letters (source ids `taidi-…`) and answers whose document is not in the
 * library — goes back on the reviewers' list, unpublished. Exported for its test.
 */
export async function reviewImportedQa(db: Kysely<any>): Promise<void> {
  const unchanged = sql`origin = 'import' and updated_by is null and edition_of is null`;
  for (const column of ['question', 'answer_text', 'answer_html']) {
    const c = sql.ref(column);
    await sql`
      update qa_entries set ${c} = regexp_replace(regexp_replace(replace(${c}, '_x000D_', ''), '\r', '', 'g'), '[“"「]?(UU[0-9]{2,}|A0[0-9]{5,})[”"」]?[ ]*', '', 'g')
      where ${unchanged} and ${c} ~ '_x000D_|\r|UU[0-9]{2,}|A0[0-9]{5,}'`.execute(db);
  }
  await sql`
    update qa_entries e set status = 'submitted', review_level = 0, submitted_at = now(), published_on = null, published_at = null
    where ${unchanged} and e.status = 'published'
      and (e.source_id like 'taidi-%' or (e.department = '' and not exists (select 1 from qa_entry_documents x where x.qa_id = e.id)))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table documents drop constraint documents_reference_unlisted`.execute(db);
  await sql`alter table documents drop column issuer_level`.execute(db);
  await sql`alter table documents drop column provenance`.execute(db);
}
