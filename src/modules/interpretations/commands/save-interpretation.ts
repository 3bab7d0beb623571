import { newDraftColumns, recordDraftCreated, saveIntoEdition, type EditionSaved } from '../../editions/public.js';
import type { Selectable, Transaction } from 'kysely';
import type { Database, InterpretationsTable } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, RuleError } from '../../../platform/http/errors.js';
import { sanitizeBodyInput } from '../../../platform/html/sanitize.js';
import { publicText } from '../../../platform/html/redaction.js';
import { EDITOR_ROLES } from '../../../platform/content/lifecycle.js';
import type { InterpretationForm } from '../domain/labels.js';
import { recallForEdit } from '../../review/public.js';
import { UNDER_REVIEW } from '../../review/public.js';

/** What a drafter submits for an interpretation, after the form's field checks. */
export interface InterpretationInput {
  orgId: number;
  title: string;
  form: InterpretationForm;
  department: string;
  contact: string;
  bodyHtml: string;
  /** A revision's public change note (修订说明). */
  changeNote?: string;
  /** The documents it interprets (live documents, not their editions). */
  documentIds: number[];
}

export type SaveResult = EditionSaved;

/**
 * Creates or edits an interpretation (谁起草、谁解读). A published one is never changed in place:
 * the edit goes into its open edition (a draft row with edition_of), which the review workflow
 * later publishes into it. An item waiting in review goes back to draft, to be reviewed again.
 */
export async function saveInterpretation(ctx: CommandContext, a: { actor: Actor; interpretationId: number | null; input: InterpretationInput }): Promise<SaveResult> {
  const { input, actor } = a;
  if (!hasRole(actor, input.orgId, EDITOR_ROLES)) throw new ForbiddenError('您没有在该机构编辑政策解读的权限。');
  if (input.documentIds.length === 0) throw new RuleError('请选择至少一个被解读的文件', 'documents');
  return inTransaction(ctx, async (trx) => {
    await checkLinkedDocuments(trx, input.orgId, input.documentIds);
    const now = ctx.clock.now();
    const bodyHtml = sanitizeBodyInput(input.bodyHtml);
    const w: Write = {
      trx, ctx, actor, input, now,
      content: { title: input.title, form: input.form, department: input.department, contact: input.contact, body_html: bodyHtml, body_text: publicText(bodyHtml), change_note: input.changeNote ?? '', updated_by: actor.id, updated_at: now },
    };
    return saveIntoEdition<Selectable<InterpretationsTable>>(trx, {
      table: 'interpretations', label: '政策解读', noun: '解读', editorRoles: EDITOR_ROLES,
      insert: (editionOf) => insertRow(w, editionOf),
      update: (row) => updateRow(w, row),
    }, { id: a.interpretationId, orgId: input.orgId, actor });
  });
}

/** One save's inputs, shared by the steps below. */
interface Write {
  trx: Transaction<Database>;
  ctx: CommandContext;
  actor: Actor;
  input: InterpretationInput;
  now: Date;
  content: { title: string; form: InterpretationForm; department: string; contact: string; body_html: string; body_text: string; change_note: string; updated_by: number; updated_at: Date };
}

/** A new draft: a new interpretation, or (editionOf set) the first edition of a published one. */
async function insertRow(w: Write, editionOf: number | null): Promise<number> {
  const { trx, input, now } = w;
  const row = await trx
    .insertInto('interpretations')
    .values({ ...w.content, ...newDraftColumns({ orgId: input.orgId, editionOf, createdBy: w.actor.id, now }) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await linkDocuments(trx, row.id, input.documentIds);
  await recordDraftCreated(trx, {
    actor: w.ctx.actor, entityType: 'interpretation', id: row.id, orgId: input.orgId, editionOf, at: now,
    after: { ...summarize(w.content), document_ids: input.documentIds },
  });
  return row.id;
}

/** Rewrites a draft, or an item in review, which goes back to draft. Returns whether it was in review. */
async function updateRow(w: Write, row: Selectable<InterpretationsTable>): Promise<boolean> {
  const { trx, input, now } = w;
  const recalled = UNDER_REVIEW.includes(row.status);
  const before = { ...summarize(row), status: row.status, document_ids: await linkedDocumentIds(trx, row.id) };
  const review = await recallForEdit(trx, 'interpretation', row, w.actor.id, now);
  const status = review.status;
  await trx.updateTable('interpretations').set({ ...w.content, ...review }).where('id', '=', row.id).execute();
  await linkDocuments(trx, row.id, input.documentIds);
  await recordEvent(trx, {
    actor: w.ctx.actor, entityType: 'interpretation', orgId: row.org_id, at: now, entityId: row.id, action: 'interpretation.update', before,
    after: { ...summarize(w.content), org_id: input.orgId, document_ids: input.documentIds, status, review_level: recalled ? 0 : undefined },
  });
  return recalled;
}

/**
 * An interpretation explains documents of its own organization (drafts included: 同步起草) or
 * any published document. Editions and retired rows are never linked: links point to the live
 * document, whose address stays when an edition is published into it.
 */
async function checkLinkedDocuments(trx: Transaction<Database>, orgId: number, ids: number[]): Promise<void> {
  if (ids.length > 50) throw new RuleError('一篇解读最多关联 50 个文件', 'documents');
  const rows = await trx.selectFrom('documents').select(['id', 'org_id', 'status', 'edition_of']).where('id', 'in', ids).execute();
  for (const id of ids) {
    const d = rows.find((r) => r.id === id);
    const allowed = d && d.edition_of === null && (d.status === 'published' || (d.org_id === orgId && d.status !== 'merged' && d.status !== 'withdrawn'));
    if (!allowed) throw new RuleError(`编号为 ${id} 的文件不存在，或不能由本机构解读（只能解读本机构的文件或已发布的文件）`, 'documents');
  }
}

export async function linkDocuments(trx: Transaction<Database>, interpretationId: number, documentIds: number[]): Promise<void> {
  await trx.deleteFrom('interpretation_documents').where('interpretation_id', '=', interpretationId).execute();
  if (documentIds.length) {
    await trx.insertInto('interpretation_documents').values(documentIds.map((document_id) => ({ interpretation_id: interpretationId, document_id }))).execute();
  }
}

export async function linkedDocumentIds(trx: Transaction<Database>, interpretationId: number): Promise<number[]> {
  const rows = await trx.selectFrom('interpretation_documents').select('document_id').where('interpretation_id', '=', interpretationId).orderBy('document_id').execute();
  return rows.map((r) => r.document_id);
}

/** What the audit trail keeps of an interpretation: its fields, and the body only as its length. */
function summarize(r: { title: string; form: string; department: string; contact: string; body_text: string; body_html: string }) {
  return { title: r.title, form: r.form, department: r.department, contact: r.contact, body_length: r.body_text.length, body_html_length: r.body_html.length };
}
