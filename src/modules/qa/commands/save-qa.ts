import { newDraftColumns, recordDraftCreated, saveIntoEdition, type EditionSaved } from '../../editions/public.js';
import type { Selectable, Transaction } from 'kysely';
import type { Database, QaEntriesTable } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, RuleError } from '../../../platform/http/errors.js';
import { isValidDate } from '../../../platform/http/forms.js';
import { sanitizeBodyInput } from '../../../platform/html/sanitize.js';
import { publicText } from '../../../platform/html/redaction.js';
import { EDITOR_ROLES } from '../../../platform/content/lifecycle.js';
import { recallForEdit } from '../../review/public.js';
import { UNDER_REVIEW } from '../../review/public.js';
import type { QaOrigin } from '../domain/labels.js';
import { qaSearchVector } from './search-vector.js';

/** A document an entry rests on, and the clause (第十二条) when it rests on one. */
export interface QaDocumentLink {
  documentId: number;
  clause: string;
}

/** What a drafter (or the smart Q&A's promotion of a referral) submits for an entry. */
export interface QaInput {
  orgId: number;
  question: string;
  /** Other ways people ask the same thing (相似问法). */
  phrasings: string[];
  answerHtml: string;
  department: string;
  contact: string;
  topicId: number | null;
  audiences: string[];
  /** 复核日期, 'YYYY-MM-DD'. */
  reviewOn: string | null;
  /** A revision's public change note (修订说明). */
  changeNote?: string;
  documents: QaDocumentLink[];
  origin?: QaOrigin;
}

export type SaveQaResult = EditionSaved;

export const QA_LIMITS = { question: 4000, phrasings: 20, phrasing: 500, answerHtml: 2_000_000, department: 100, contact: 100, documents: 50, clause: 50 } as const;

/**
 * Creates or edits a Q&A entry. A published entry is never changed in place: the edit goes into
 * its open edition (a draft row with edition_of), which the review workflow later publishes into
 * it. An entry waiting in review goes back to draft, to be reviewed again.
 */
export async function saveQaEntry(ctx: CommandContext, a: { actor: Actor; qaId: number | null; input: QaInput }): Promise<SaveQaResult> {
  const { actor } = a;
  if (!hasRole(actor, a.input.orgId, EDITOR_ROLES)) throw new ForbiddenError('您没有在该机构编辑政策问答的权限。');
  const input = checkQaInput(a.input);
  return inTransaction(ctx, async (trx) => {
    await checkReferences(trx, input);
    const now = ctx.clock.now();
    const answerHtml = sanitizeBodyInput(input.answerHtml);
    // Search, snippets and smart answers read this text: what the public may see of the answer.
    const answerText = publicText(answerHtml);
    const w: Write = {
      trx, ctx, actor, input, now,
      content: {
        question: input.question, phrasings: input.phrasings, answer_html: answerHtml, answer_text: answerText, department: input.department, contact: input.contact,
        topic_id: input.topicId, audiences: input.audiences, review_on: input.reviewOn, change_note: input.changeNote ?? '', updated_by: actor.id, updated_at: now,
      },
    };
    return saveIntoEdition<Selectable<QaEntriesTable>>(trx, {
      table: 'qa_entries', label: '政策问答', noun: '问答', editorRoles: EDITOR_ROLES,
      insert: (editionOf, original) => insertRow(w, editionOf, original?.origin ?? input.origin ?? 'manual'),
      update: (row) => updateRow(w, row),
    }, { id: a.qaId, orgId: input.orgId, actor });
  });
}

/** The field rules, for callers other than the form (whose schema says the same in the form's words). */
function checkQaInput(i: QaInput): QaInput {
  const question = i.question.trim();
  if (!question) throw new RuleError('请填写问题', 'question');
  if (question.length > QA_LIMITS.question) throw new RuleError(`问题不能超过 ${QA_LIMITS.question} 个字`, 'question');
  const phrasings = [...new Set(i.phrasings.map((p) => p.trim()).filter((p) => p && p !== question))];
  if (phrasings.length > QA_LIMITS.phrasings) throw new RuleError(`其他问法最多 ${QA_LIMITS.phrasings} 条`, 'phrasings');
  if (phrasings.some((p) => p.length > QA_LIMITS.phrasing)) throw new RuleError(`每条其他问法不能超过 ${QA_LIMITS.phrasing} 个字`, 'phrasings');
  if (i.answerHtml.length > QA_LIMITS.answerHtml) throw new RuleError('答复内容过长', 'answerHtml');
  if (i.department.length > QA_LIMITS.department) throw new RuleError(`答复部门不能超过 ${QA_LIMITS.department} 个字`, 'department');
  if (i.contact.length > QA_LIMITS.contact) throw new RuleError(`联系方式不能超过 ${QA_LIMITS.contact} 个字`, 'contact');
  if (i.reviewOn !== null && !isValidDate(i.reviewOn)) throw new RuleError('复核日期格式应为 年-月-日，如 2027-06-30', 'reviewOn');
  if (i.documents.length > QA_LIMITS.documents) throw new RuleError(`一条问答最多关联 ${QA_LIMITS.documents} 个文件`, 'documents');
  const documents = new Map<number, string>();
  for (const d of i.documents) {
    const clause = d.clause.trim();
    if (clause.length > QA_LIMITS.clause) throw new RuleError(`条款不能超过 ${QA_LIMITS.clause} 个字`, 'documents');
    if (!documents.has(d.documentId) || clause) documents.set(d.documentId, clause);
  }
  return {
    ...i, question, phrasings, department: i.department.trim(), contact: i.contact.trim(), audiences: [...new Set(i.audiences)],
    documents: [...documents].map(([documentId, clause]) => ({ documentId, clause })),
  };
}

/**
 * The topic and audiences must be the site's own; a linked document is a live one of the entry's
 * organization (drafts included, to be published first) or any published document.
 */
async function checkReferences(trx: Transaction<Database>, input: QaInput): Promise<void> {
  if (input.topicId !== null && !(await trx.selectFrom('topics').select('id').where('id', '=', input.topicId).executeTakeFirst())) throw new RuleError('主题分类不存在', 'topicId');
  if (input.audiences.length) {
    const known = new Set((await trx.selectFrom('audiences').select('name').where('name', 'in', input.audiences).execute()).map((r) => r.name));
    const unknown = input.audiences.filter((x) => !known.has(x));
    if (unknown.length) throw new RuleError(`未知的服务对象：${unknown.join('、')}`, 'audiences');
  }
  const ids = input.documents.map((d) => d.documentId);
  if (ids.length === 0) return;
  const rows = await trx.selectFrom('documents').select(['id', 'org_id', 'status', 'edition_of']).where('id', 'in', ids).execute();
  for (const id of ids) {
    const d = rows.find((r) => r.id === id);
    const allowed = d && d.edition_of === null && (d.status === 'published' || (d.org_id === input.orgId && d.status !== 'merged' && d.status !== 'withdrawn'));
    if (!allowed) throw new RuleError(`编号为 ${id} 的文件不存在，或不能关联（只能关联本机构的文件或已发布的文件）`, 'documents');
  }
}

/** One save's inputs, shared by the steps below. */
interface Write {
  trx: Transaction<Database>;
  ctx: CommandContext;
  actor: Actor;
  input: QaInput;
  now: Date;
  content: {
    question: string; phrasings: string[]; answer_html: string; answer_text: string; department: string; contact: string;
    topic_id: number | null; audiences: string[]; review_on: string | null; change_note: string; updated_by: number; updated_at: Date;
  };
}

/** A new draft: a new entry, or (editionOf set) the first edition of a published one. */
async function insertRow(w: Write, editionOf: number | null, origin: QaOrigin): Promise<number> {
  const { trx, input, now, content } = w;
  const row = await trx
    .insertInto('qa_entries')
    .values({
      ...content, ...newDraftColumns({ orgId: input.orgId, editionOf, createdBy: w.actor.id, now }),
      search_vector: qaSearchVector(content.question, content.phrasings, content.answer_text), origin,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await linkQaDocuments(trx, row.id, input.documents);
  await recordDraftCreated(trx, {
    actor: w.ctx.actor, entityType: 'qa', id: row.id, orgId: input.orgId, editionOf, at: now,
    after: { ...summarizeQa(content), origin, documents: input.documents },
  });
  return row.id;
}

/** Rewrites a draft, or an entry in review, which goes back to draft. Returns whether it was in review. */
async function updateRow(w: Write, row: Selectable<QaEntriesTable>): Promise<boolean> {
  const { trx, input, now, content } = w;
  const recalled = UNDER_REVIEW.includes(row.status);
  const before = { ...summarizeQa(row), status: row.status, documents: await linkedQaDocuments(trx, row.id) };
  const review = await recallForEdit(trx, 'qa', row, w.actor.id, now);
  await trx
    .updateTable('qa_entries')
    .set({ ...content, ...review, search_vector: qaSearchVector(content.question, content.phrasings, content.answer_text) })
    .where('id', '=', row.id)
    .execute();
  await linkQaDocuments(trx, row.id, input.documents);
  await recordEvent(trx, {
    actor: w.ctx.actor, entityType: 'qa', orgId: row.org_id, at: now, entityId: row.id, action: 'qa.update', before,
    after: { ...summarizeQa(content), documents: input.documents, status: review.status, review_level: recalled ? 0 : undefined },
  });
  return recalled;
}

export async function linkQaDocuments(trx: Transaction<Database>, qaId: number, documents: readonly QaDocumentLink[]): Promise<void> {
  await trx.deleteFrom('qa_entry_documents').where('qa_id', '=', qaId).execute();
  if (documents.length) {
    await trx.insertInto('qa_entry_documents').values(documents.map((d) => ({ qa_id: qaId, document_id: d.documentId, clause: d.clause }))).execute();
  }
}

export async function linkedQaDocuments(trx: Transaction<Database>, qaId: number): Promise<QaDocumentLink[]> {
  const rows = await trx.selectFrom('qa_entry_documents').select(['document_id', 'clause']).where('qa_id', '=', qaId).orderBy('document_id').execute();
  return rows.map((r) => ({ documentId: r.document_id, clause: r.clause }));
}

/** What the audit trail keeps of an entry: its fields, the question shortened and the answer only as its length. */
function summarizeQa(r: { question: string; phrasings: string[]; answer_text: string; department: string; contact: string; topic_id: number | null; audiences: string[]; review_on: string | null }) {
  return {
    question: r.question.slice(0, 200), phrasings: r.phrasings.length, answer_length: r.answer_text.length, department: r.department, contact: r.contact,
    topic_id: r.topic_id, audiences: r.audiences, review_on: r.review_on,
  };
}
