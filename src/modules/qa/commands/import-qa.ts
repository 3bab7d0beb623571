import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Clock } from '../../../platform/clock/clock.js';
import { textToHtml } from '../../../platform/html/sanitize.js';
import { importJsonlBatches, type ImportProgress } from '../../../platform/files/jsonl-import.js';
import { classifyPair, cleanCorpusText, IMPORT_CLASS_LABELS, readsAsQuestionAndAnswer, type ImportClass } from '../domain/corpus-text.js';
import { maskPersonal } from '../../../platform/text-checks/index.js';
import { QA_LIMITS } from './save-qa.js';
import { qaSearchVector } from './search-vector.js';

// The smart Q&A masks asked questions and referrals the same way.

/** One line of the corpus format (shared/corpus/README.md §2). */
export interface CorpusQaPair {
  id: string;
  question: string;
  answer: string;
  department: string | null;
  /** The policy-docs.jsonl id of the document the answer comes from, when it is in the corpus. */
  docId?: string | null;
  /** extractive-span, faq or message-reply (a message board's letter and its reply). */
  kind?: string;
  title?: string;
  askedAt?: string | null;
}

export interface QaImportResult {
  imported: number;
  /** Already imported (same sourceId), or taken by an import running at the same time. */
  skipped: number;
  /** Not a question with an answer once cleaned: left out. */
  dropped: number;
  /** The imported entries by what they are (published, or waiting for a reviewer). */
  classes: Record<ImportClass, number>;
}

/** The import's outcome in words, for the command line and the first start's log. */
export function describeQaImport(r: QaImportResult): string {
  const classes = (Object.keys(IMPORT_CLASS_LABELS) as ImportClass[]).map((k) => `${IMPORT_CLASS_LABELS[k]} ${r.classes[k]}`).join('，');
  return `新增 ${r.imported} 条问答（${classes}），不成问答而略去 ${r.dropped} 条，已存在而跳过 ${r.skipped} 条。`;
}

/** Rows per multi-row INSERT and per transaction: ~20 parameters a row stays far below PostgreSQL's 65,535. */
const BATCH = 500;

/**
 * Imports a Q&A corpus into the library. The text is cleaned (corpus-text.ts) and personal data
 * masked; a pair that does not read as a question with an answer is left out. A department's
 * answer and an answer drawn from a library document are published directly: they are official
 * answers already public at their source, and a bulk import must not send every subscriber a
 * notice, so there is no review and no fan-out. A message board's letters, and answers whose
 * source is not in the library, wait on the reviewers' list (submitted), never public until a
 * reviewer publishes them. Idempotent by `sourceId` and resumable: each batch commits on its own,
 * and a rerun skips what is already there. Streams the file.
 */
export async function importQaPairs(db: Kysely<Database>, clock: Clock, file: string, onProgress: (p: ImportProgress) => void = () => {}): Promise<QaImportResult> {
  const orgFor = await organizationMatcher(db);
  const tally: Omit<QaImportResult, 'imported' | 'skipped'> = { dropped: 0, classes: { department: 0, library: 0, letter: 0, unsourced: 0 } };
  const progress = await importJsonlBatches<CorpusQaPair>(file, {
    batchSize: BATCH,
    missing: (p) => (!p.id || typeof p.question !== 'string' || !p.question.trim() || typeof p.answer !== 'string' ? 'id、question 或 answer' : null),
    importBatch: (batch) => insertBatch(db, clock, batch, orgFor, tally),
    onProgress,
  });
  // Fresh planner statistics, or the first searches may scan every entry instead of the index.
  await sql`analyze qa_entries`.execute(db);
  return { imported: progress.imported, skipped: progress.skipped - tally.dropped, ...tally };
}

/** A pair cleaned, masked and classified, ready to insert. */
interface Prepared {
  pair: CorpusQaPair;
  question: string;
  answer: string;
  department: string;
  documentId: number | undefined;
  cls: ImportClass;
}

function prepare(p: CorpusQaPair, documents: Map<string, number>): Prepared | null {
  const documentId = p.docId ? documents.get(p.docId) : undefined;
  const cls = classifyPair(p, documentId !== undefined);
  const letter = cls === 'letter';
  const question = cleanCorpusText(p.question);
  const answer = cleanCorpusText(p.answer);
  if (!readsAsQuestionAndAnswer(question, answer, letter)) return null;
  return {
    pair: p,
    // A letter's reply quotes the letter: both are a citizen's words for masking.
    question: maskPersonal(question, true).slice(0, QA_LIMITS.question),
    answer: maskPersonal(answer, letter),
    department: cleanCorpusText(p.department ?? '').slice(0, QA_LIMITS.department),
    documentId,
    cls,
  };
}

async function insertBatch(db: Kysely<Database>, clock: Clock, batch: CorpusQaPair[], orgFor: (department: string) => number, tally: Omit<QaImportResult, 'imported' | 'skipped'>): Promise<number> {
  const existing = new Set((await db.selectFrom('qa_entries').select('source_id').where('source_id', 'in', batch.map((p) => p.id)).execute()).map((r) => r.source_id));
  const seen = new Set<string>();
  const fresh = batch.filter((p) => !existing.has(p.id) && !seen.has(p.id) && seen.add(p.id));
  if (fresh.length === 0) return 0;
  const docIds = fresh.map((p) => p.docId).filter((x): x is string => typeof x === 'string' && x.length > 0);
  const documents = docIds.length
    ? new Map((await db.selectFrom('documents').select(['id', 'source_id']).where('source_id', 'in', [...new Set(docIds)]).where('edition_of', 'is', null).execute()).map((d) => [d.source_id!, d.id]))
    : new Map<string, number>();
  const prepared = fresh.map((p) => prepare(p, documents)).filter((x): x is Prepared => x !== null);
  tally.dropped += fresh.length - prepared.length;
  if (prepared.length === 0) return 0;
  const now = clock.now();
  const today = clock.today();
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('qa_entries')
      .values(
        prepared.map((x) => {
          const published = x.cls === 'department' || x.cls === 'library';
          return {
            org_id: orgFor(x.department), source_id: x.pair.id, question: x.question, phrasings: [], answer_html: textToHtml(x.answer), answer_text: x.answer, department: x.department, contact: '',
            topic_id: null, audiences: [], review_on: null, origin: 'import' as const, search_vector: qaSearchVector(x.question, [], x.answer), created_by: null, updated_by: null, created_at: now, updated_at: now,
            // Waiting for a reviewer: submitted at the first level, as a drafter's submission would be.
            ...(published ? { status: 'published' as const, published_on: today, published_at: now, submitted_at: null } : { status: 'submitted' as const, published_on: null, published_at: null, submitted_at: now, review_level: 0 }),
            edition_of: null, submitted_by: null, urgent_reason: null, publish_at: null, withdrawn_at: null, withdrawal_kind: null, withdrawal_reason: null,
          };
        }),
      )
      // Another import running at the same time may have taken some: theirs stand.
      .onConflict((oc) => oc.column('source_id').doNothing())
      .returning(['id', 'source_id'])
      .execute();
    const bySource = new Map(prepared.map((x) => [x.pair.id, x]));
    const classes: Record<ImportClass, number> = { department: 0, library: 0, letter: 0, unsourced: 0 };
    for (const r of rows) classes[bySource.get(r.source_id!)!.cls]++;
    const links = rows.flatMap((r) => {
      const documentId = bySource.get(r.source_id!)?.documentId;
      return documentId === undefined ? [] : [{ qa_id: r.id, document_id: documentId, clause: '' }];
    });
    if (links.length) await trx.insertInto('qa_entry_documents').values(links).execute();
    if (rows.length) {
      await recordEvent(trx, {
        actor: { id: null, label: '系统（语料导入）' }, action: 'qa.import', entityType: 'qa', entityId: `${rows[0]!.source_id}…`, at: now,
        after: { count: rows.length, linked: links.length, classes, sourceIds: rows.map((r) => r.source_id) },
      });
    }
    for (const k of Object.keys(classes) as ImportClass[]) tally.classes[k] += classes[k];
    return rows.length;
  });
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
