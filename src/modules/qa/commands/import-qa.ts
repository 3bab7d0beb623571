import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Clock } from '../../../platform/clock/clock.js';
import { textToHtml } from '../../../platform/html/sanitize.js';
import { findPersonalData, maskPersonalData, type PersonalDataKind } from '../../../platform/text-checks/index.js';
import { importJsonlBatches, type ImportProgress } from '../../../platform/files/jsonl-import.js';
import { qaSearchVector } from './search-vector.js';

/** One line of the corpus format (shared/corpus/README.md §2). */
export interface CorpusQaPair {
  id: string;
  question: string;
  answer: string;
  department: string | null;
  /** The policy-docs.jsonl id of the document the answer comes from, when it is in the corpus. */
  docId?: string | null;
  kind?: string;
  title?: string;
}

/** Rows per multi-row INSERT and per transaction: ~20 parameters a row stays far below PostgreSQL's 65,535. */
const BATCH = 500;

/**
 * Imports a Q&A corpus into the library, published directly: the pairs are official answers
 * already public at their source, and a bulk import must not send every subscriber a notice, so
 * there is no review and no fan-out. Idempotent by `sourceId` and resumable: each batch commits
 * on its own, and a rerun skips what is already there. Streams the file.
 */
export async function importQaPairs(db: Kysely<Database>, clock: Clock, file: string, onProgress: (p: ImportProgress) => void = () => {}): Promise<{ imported: number; skipped: number }> {
  const orgFor = await organizationMatcher(db);
  const progress = await importJsonlBatches<CorpusQaPair>(file, {
    batchSize: BATCH,
    missing: (p) => (!p.id || typeof p.question !== 'string' || !p.question.trim() || typeof p.answer !== 'string' ? 'id、question 或 answer' : null),
    importBatch: (batch) => insertBatch(db, clock, batch, orgFor),
    onProgress,
  });
  // Fresh planner statistics, or the first searches may scan every entry instead of the index.
  await sql`analyze qa_entries`.execute(db);
  return { imported: progress.imported, skipped: progress.skipped };
}

async function insertBatch(db: Kysely<Database>, clock: Clock, batch: CorpusQaPair[], orgFor: (department: string) => number): Promise<number> {
  const existing = new Set((await db.selectFrom('qa_entries').select('source_id').where('source_id', 'in', batch.map((p) => p.id)).execute()).map((r) => r.source_id));
  const seen = new Set<string>();
  const fresh = batch.filter((p) => !existing.has(p.id) && !seen.has(p.id) && seen.add(p.id));
  if (fresh.length === 0) return 0;
  const docIds = fresh.map((p) => p.docId).filter((x): x is string => typeof x === 'string' && x.length > 0);
  const documents = docIds.length
    ? new Map((await db.selectFrom('documents').select(['id', 'source_id']).where('source_id', 'in', [...new Set(docIds)]).where('edition_of', 'is', null).execute()).map((d) => [d.source_id!, d.id]))
    : new Map<string, number>();
  const now = clock.now();
  const today = clock.today();
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('qa_entries')
      .values(
        fresh.map((p) => {
          const question = maskPersonal(p.question.trim(), true);
          const answer = maskPersonal(p.answer.trim(), false);
          const department = (p.department ?? '').trim().slice(0, 100);
          return {
            org_id: orgFor(department), source_id: p.id, question, phrasings: [], answer_html: textToHtml(answer), answer_text: answer, department, contact: '',
            topic_id: null, audiences: [], review_on: null, origin: 'import' as const, status: 'published' as const, published_on: today, published_at: now,
            search_vector: qaSearchVector(question, [], answer), created_by: null, updated_by: null, created_at: now, updated_at: now,
            edition_of: null, submitted_by: null, submitted_at: null, urgent_reason: null, publish_at: null, withdrawn_at: null, withdrawal_kind: null, withdrawal_reason: null,
          };
        }),
      )
      // Another import running at the same time may have taken some: theirs stand.
      .onConflict((oc) => oc.column('source_id').doNothing())
      .returning(['id', 'source_id'])
      .execute();
    const links = rows.flatMap((r) => {
      const docId = fresh.find((p) => p.id === r.source_id)?.docId;
      const documentId = docId ? documents.get(docId) : undefined;
      return documentId === undefined ? [] : [{ qa_id: r.id, document_id: documentId, clause: '' }];
    });
    if (links.length) await trx.insertInto('qa_entry_documents').values(links).execute();
    if (rows.length) {
      await recordEvent(trx, {
        actor: { id: null, label: '系统（语料导入）' }, action: 'qa.import', entityType: 'qa', entityId: `${rows[0]!.source_id}…`, at: now,
        after: { count: rows.length, linked: links.length, sourceIds: rows.map((r) => r.source_id) },
      });
    }
    return rows.length;
  });
}

// What must never appear on a public page: a citizen's ID, card and mobile numbers anywhere, and in
// a citizen's own message also an e-mail address or a plate. Official landlines and mailboxes in
// replies are the departments' public contacts and stay.
const MASKED_EVERYWHERE: readonly PersonalDataKind[] = ['id_number', 'bank_card', 'mobile'];
const MASKED_IN_QUESTIONS: readonly PersonalDataKind[] = [...MASKED_EVERYWHERE, 'email', 'plate'];

/** The text with personal data masked (138****5678); cheap when there is none, which is nearly always. */
export function maskPersonal(text: string, asked: boolean): string {
  const kinds = asked ? MASKED_IN_QUESTIONS : MASKED_EVERYWHERE;
  const hits = findPersonalData(text).filter((h) => kinds.includes(h.kind));
  let out = text;
  for (const h of hits.sort((a, b) => b.start - a.start)) out = out.slice(0, h.start) + maskPersonalData(h.value, h.kind) + out.slice(h.end);
  return out;
}

/**
 * The organization answering for a department named in the corpus (人力资源社会保障局, 住房公积金管理中心,
 * …): an organization whose name says the same once the place and 和 are left out, else the site's
 * top government. The department's own words are kept on the entry.
 */
async function organizationMatcher(db: Kysely<Database>): Promise<(department: string) => number> {
  const orgs = await db.selectFrom('organizations').select(['id', 'name', 'short_name', 'kind', 'parent_id']).orderBy('position').orderBy('id').execute();
  const top = orgs.find((o) => o.parent_id === null && o.kind === 'government') ?? orgs.find((o) => o.parent_id === null) ?? orgs[0];
  if (!top) throw new Error('尚无机构，请先运行 gongkai seed');
  const keys = orgs.map((o) => ({ id: o.id, key: departmentKey(o.name) })).filter((o) => o.key.length >= 3);
  const memo = new Map<string, number>();
  return (department) => {
    let id = memo.get(department);
    if (id === undefined) {
      const key = departmentKey(department);
      id = key.length >= 3 ? (keys.find((o) => o.key === key || o.key.endsWith(key) || key.endsWith(o.key))?.id ?? top.id) : top.id;
      memo.set(department, id);
    }
    return id;
  };
}

/** 江宁市人力资源和社会保障局 and 北京市人力资源社会保障局 both become 人力资源社会保障局. */
function departmentKey(name: string): string {
  return name.replace(/^.{2,3}?[省市县区](?=.{3,})/, '').replace(/和/g, '').replace(/[\s（）()]/g, '');
}
