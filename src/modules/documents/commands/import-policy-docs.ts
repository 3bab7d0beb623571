import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Clock } from '../../../platform/clock/clock.js';
import { textToHtml } from '../../../platform/html/sanitize.js';
import { findSiteOrganization } from '../../organizations/public.js';
import { parseDocNumber } from '../domain/doc-number.js';
import { deriveValidity } from '../domain/validity.js';
import { issuerLevel, referenceProvenance } from '../domain/provenance.js';
import { searchVectorParts, searchVectors } from './document-state.js';
import { writeVersion } from './versions.js';
import { announceImport } from '../../../platform/content/registry.js';
import { importJsonlBatches, type ImportProgress } from '../../../platform/files/jsonl-import.js';

/** One line of the corpus format (shared/corpus/README.md §1). */
export interface CorpusDocument {
  id: string;
  title: string;
  organ: string | null;
  docNumber: string | null;
  category: string | null;
  writtenAt: string | null;
  publishedAt: string | null;
  effectiveAt: string | null;
  validity: string | null;
  body: string;
}

const DOC_TYPE_BY_CATEGORY: Record<string, string> = { 法律: '法律', 宪法: '法律', 行政法规: '行政法规', 地方性法规: '地方性法规', 司法解释: '司法解释', 部门规章: '规章' };
const BATCH = 50;


/**
 * Imports the corpus into the library as reference material (法律法规 / 上级文件): national laws
 * and other organs' documents, with their real 发文机关, dates and 文号. They are nobody's
 * disclosure here: no 索引号, no catalog node, held by the site's top organization (see
 * domain/provenance.ts). Idempotent by `sourceId` and resumable: each batch commits on its own,
 * and a rerun after a crash skips what is already there.
 */
export async function importPolicyDocs(
  db: Kysely<Database>,
  clock: Clock,
  file: string,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportProgress> {
  const holder = await findSiteOrganization(db);
  if (!holder) throw new Error('尚无机构，请先运行 gongkai seed');
  const progress = await importJsonlBatches<CorpusDocument>(file, {
    batchSize: BATCH,
    missing: (d) => (!d.id || !d.title || typeof d.body !== 'string' ? 'id、title 或 body' : null),
    async importBatch(records) {
      const existing = new Set((await db.selectFrom('documents').select('source_id').where('source_id', 'in', records.map((d) => d.id)).execute()).map((r) => r.source_id));
      const fresh = records.filter((d) => !existing.has(d.id));
      if (fresh.length) {
        await db.transaction().execute(async (trx) => {
          for (const d of fresh) await insertOne(trx, clock, d, holder.id);
          await recordEvent(trx, { actor: { id: null, label: '系统（语料导入）' }, action: 'document.import', entityType: 'document', entityId: `${fresh[0]!.id}…`, after: { count: fresh.length, sourceIds: fresh.map((d) => d.id) }, at: clock.now() });
        });
      }
      return fresh.length;
    },
    onProgress,
  });
  // Fresh planner statistics, or the first searches may scan every document instead of the index.
  await sql`analyze documents`.execute(db);
  // Whatever derives from documents (the smart Q&A's clauses) catches up by a job, so the import itself is no slower.
  if (progress.imported > 0) await announceImport(db, 'document', clock.now());
  return progress;
}

function docTypeOf(d: CorpusDocument): string {
  return DOC_TYPE_BY_CATEGORY[d.category ?? ''] ?? '其他文件';
}

async function insertOne(trx: Transaction<Database>, clock: Clock, d: CorpusDocument, holderId: number) {
  const parsed = d.docNumber ? parseDocNumber(d.docNumber) : null;
  const docNo = parsed?.ok ? parsed.value : null;
  const issuers = d.organ ? [d.organ] : [];
  const bodyText = d.body.trim();
  const today = clock.today();
  const lapsed = d.validity !== null && d.validity !== '现行有效';
  const written = validDate(d.writtenAt);
  const published = validDate(d.publishedAt) ?? written;
  const effective = validDate(d.effectiveAt);
  const events = lapsed ? [{ kind: 'declare_expired' as const, effectiveOn: today, byDocumentId: null, byTitle: null, byDocNo: null }] : [];
  const v = deriveValidity({ effectiveOn: effective ?? published, expiresOn: null, events }, today);
  const parts = searchVectorParts({ title: d.title, doc_no: docNo?.normalized ?? d.docNumber, issuers, body_text: bodyText });
  const row = await trx
    .insertInto('documents')
    .values({
      org_id: holderId, catalog_node_id: null, source_id: d.id, index_no: null, title: d.title.slice(0, 500),
      provenance: referenceProvenance(docTypeOf(d)), issuer_level: issuerLevel(d.organ, docTypeOf(d)),
      doc_no: docNo?.normalized ?? d.docNumber, doc_no_prefix: docNo?.prefix ?? null, doc_no_year: docNo?.year ?? null, doc_no_serial: docNo?.serial ?? null,
      issuers, doc_type: docTypeOf(d), topic_id: null, audiences: [], attribute: 'public', written_on: written, published_on: published, effective_on: effective, expires_on: null,
      year: published ? Number(published.slice(0, 4)) : null, body_html: textToHtml(bodyText), body_text: bodyText, status: 'published',
      validity: v.validity, validity_since: v.since, validity_next_change_on: v.nextChangeOn, source_validity_label: d.validity, created_by: null, updated_by: null, published_at: clock.now(),
      ...searchVectors(parts),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (lapsed) {
    await trx.insertInto('document_relations').values({ document_id: row.id, by_document_id: null, kind: 'declare_expired', effective_on: today, note: `来源库标注：${d.validity}`, created_by: null }).execute();
  }
  await writeVersion(trx, row.id, null, '导入');
}

function validDate(s: string | null): string | null {
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
}
