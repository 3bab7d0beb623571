import type { Kysely, Transaction } from 'kysely';
import type { Database, ItemStatus, ItemType } from '../../../db/schema.js';
import { recordEvent, type AuditAction } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { scheduleJob } from '../../../platform/jobs/runner.js';
import { checkItem, findingSummary, type CheckReport } from '../checks.js';
import { ACTION_LABELS, afterApproval, findReviewTransition, refusal, WITHDRAWAL_REASONS, type ReviewAction, type ReviewActor, type ReviewSubject, type WithdrawalReason } from '../domain/workflow.js';
import type { ContentKind } from '../../../platform/content/kind.js';
import { announceChange, contentKind, publishItem } from '../../../platform/content/registry.js';
import { removePublicEditions } from '../../editions/public.js';
import { mayAcknowledgeFinding, mayActAt, mayDismissFinding } from '../policy.js';

export interface ReviewActionInput {
  type: ItemType;
  id: number;
  action: ReviewAction;
  comment: string;
  /** schedule: when to publish. */
  publishAt?: Date | null;
  /** withdraw: why, which decides whether the page stays with a notice. */
  withdrawalReason?: WithdrawalReason | null;
}

export interface ReviewOutcome {
  status: ItemStatus;
  /** The item the public sees (the original, when an edition was published into it). */
  liveId: number;
}

/** The columns of the review state, the same in every publishable kind's table. */
const STATE_COLUMNS = ['id', 'org_id', 'status', 'review_level', 'created_by', 'updated_by', 'submitted_by', 'publish_at', 'needs_review', 'edition_of'] as const;

/**
 * Takes one review step on an item: checks the step is allowed in the item's state for this
 * person (table-driven, see domain/workflow.ts), runs the automatic checks where the step puts
 * content forward, writes the new state, the ledger row and the audit event in one transaction.
 */
export async function applyReviewAction(ctx: CommandContext, actor: Actor | 'system', input: ReviewActionInput): Promise<ReviewOutcome> {
  const kind = contentKind(input.type);
  return inTransaction(ctx, (trx) => reviewInTransaction(trx, ctx, kind, actor, input));
}

async function reviewInTransaction(trx: Transaction<Database>, ctx: CommandContext, kind: ContentKind, actor: Actor | 'system', input: ReviewActionInput): Promise<ReviewOutcome> {
  // The column lists are the same in both tables; Kysely is told one of them.
  const table = kind.table as 'documents';
  const item = await trx.selectFrom(table).select(STATE_COLUMNS).where('id', '=', input.id).forUpdate().executeTakeFirst();
  if (!item) throw new NotFoundError(`${kind.label}不存在`);
  if (actor !== 'system' && !mayActAt(actor, item.org_id)) throw new NotFoundError(`${kind.label}不存在，或您无权查看。`);
  const org = await trx.selectFrom('organizations').select('review_levels').where('id', '=', item.org_id).executeTakeFirstOrThrow();
  const subject = await reviewSubject(trx, kind.type, item);
  const refused = refusal(input.action, subject, actor === 'system' ? 'system' : reviewActorOf(actor));
  if (refused) throw refused.forbidden ? new ForbiddenError(refused.message) : new RuleError(refused.message);
  const t = findReviewTransition(input.action, item.status)!;
  const comment = input.comment.trim();
  if (t.needsComment && !comment) throw new RuleError(input.action === 'return' ? '退回时请填写修改意见' : '请填写理由', 'comment');
  if (comment.length > 2000) throw new RuleError('意见不能超过 2000 字', 'comment');

  let report: CheckReport | null = null;
  if (t.checked) {
    report = await checkItem(trx, kind, item.id, ctx);
    if (report.openBlocking > 0) throw new RuleError(`自动检查发现 ${report.openBlocking} 处必须处理的问题（敏感内容、个人信息、密级标志或必备要求），请修改、删减或由审核人排除误报后再${ACTION_LABELS[input.action]}`);
    if (input.action === 'submit' && report.openWarnings > 0) throw new RuleError(`还有 ${report.openWarnings} 条提示未确认：请逐条修改或确认后再提交`);
  }

  const now = ctx.clock.now();
  let status: ItemStatus = t.to === 'same' || t.to === 'by_level' ? item.status : t.to;
  let liveId = item.id;
  let level: number | null = null;
  const set: Record<string, unknown> = {};
  switch (input.action) {
    case 'submit':
      Object.assign(set, { review_level: 0, submitted_by: actorId(actor), submitted_at: now });
      break;
    case 'approve': {
      const next = afterApproval(item.review_level, org.review_levels);
      status = next.status;
      level = next.level;
      set.review_level = next.level;
      break;
    }
    case 'return':
    case 'unschedule':
      Object.assign(set, { review_level: input.action === 'return' ? 0 : item.review_level, publish_at: null });
      break;
    case 'schedule': {
      const at = input.publishAt;
      if (!at || Number.isNaN(at.getTime())) throw new RuleError('请填写定时发布的时间', 'publishAt');
      if (at.getTime() <= now.getTime() + 60_000) throw new RuleError('定时发布的时间须晚于当前时间', 'publishAt');
      set.publish_at = at;
      // Kept in the database: runs once, on whichever instance claims it, and survives a restart.
      await scheduleJob(trx, 'publish-scheduled', at, { uniqueKey: `publish:${kind.type}:${item.id}:${at.toISOString()}`, payload: { type: kind.type, id: item.id } });
      break;
    }
    case 'publish':
    case 'publish_scheduled':
    case 'urgent_publish':
      if (input.action === 'publish_scheduled' && (!item.publish_at || item.publish_at.getTime() > now.getTime())) return { status: item.status, liveId: item.edition_of ?? item.id };
      liveId = await publishItem(trx, ctx, kind.type, item.id);
      status = 'published';
      if (input.action === 'urgent_publish') {
        // Published before full review: stays on the “needs review” list until a reviewer reviews it.
        await trx.updateTable(table).set({ needs_review: true, urgent_reason: comment }).where('id', '=', liveId).execute();
      }
      break;
    case 'post_review':
      Object.assign(set, { needs_review: false });
      break;
    case 'withdraw': {
      const reason = input.withdrawalReason ? WITHDRAWAL_REASONS[input.withdrawalReason] : null;
      if (!reason) throw new RuleError('请选择撤稿原因', 'withdrawalReason');
      Object.assign(set, { withdrawn_at: now, withdrawal_kind: reason.kind, withdrawal_reason: `${reason.label}。${comment}` });
      if (reason.kind === 'remove') await removePublicEditions(trx, { type: kind.type, id: item.id });
      break;
    }
  }
  // publish() already wrote the published state (and for an edition, merged it into the original).
  if (!['publish', 'publish_scheduled', 'urgent_publish'].includes(input.action)) {
    await trx.updateTable(table).set({ ...set, status }).where('id', '=', item.id).execute();
  }
  // The job runner's publication is in the ledger under the publisher who scheduled it.
  const staffId =
    actor !== 'system'
      ? actor.id
      : ((await trx.selectFrom('review_actions').select('staff_id').where('item_type', '=', kind.type).where('item_id', '=', item.id).where('action', '=', 'schedule').orderBy('id', 'desc').executeTakeFirst())?.staff_id ?? null);
  if (staffId !== null) {
    await trx
      .insertInto('review_actions')
      .values({ item_type: kind.type, item_id: item.id, org_id: item.org_id, action: input.action, level, comment, findings: JSON.stringify(report ? findingSummary(report) : {}), staff_id: staffId, created_at: now })
      .execute();
  }
  await recordEvent(trx, {
    actor: ctx.actor,
    action: `review.${input.action}` as AuditAction,
    entityType: kind.type,
    entityId: item.id,
    orgId: item.org_id,
    before: { status: item.status, review_level: item.review_level },
    after: { status, review_level: set.review_level ?? item.review_level, live_id: liveId, comment: comment || undefined, level },
    at: now,
  });
  if (input.action === 'withdraw') await announceChange(trx, ctx, { type: kind.type, id: item.id, event: 'withdrawn' });
  return { status, liveId };
}

function actorId(actor: Actor | 'system'): number | null {
  return actor === 'system' ? null : actor.id;
}

export function reviewActorOf(actor: Actor): ReviewActor {
  return { id: actor.id, rolesAt: (orgId) => actor.roles.filter((r) => r.orgId === orgId).map((r) => r.role) };
}

/** What `refusal` needs to know of an item: its state, who wrote it, who approved a level since it was last submitted. */
export async function reviewSubject(
  db: Kysely<Database>,
  type: ItemType,
  item: { id: number; status: ItemStatus; org_id: number; needs_review: boolean; created_by: number | null; updated_by: number | null; submitted_by: number | null },
): Promise<ReviewSubject> {
  const lastSubmit = await db.selectFrom('review_actions').select('id').where('item_type', '=', type).where('item_id', '=', item.id).where('action', '=', 'submit').orderBy('id', 'desc').executeTakeFirst();
  const approvers = lastSubmit
    ? await db.selectFrom('review_actions').select('staff_id').where('item_type', '=', type).where('item_id', '=', item.id).where('action', '=', 'approve').where('id', '>', lastSubmit.id).execute()
    : [];
  return {
    status: item.status,
    orgId: item.org_id,
    authors: [item.created_by, item.updated_by, item.submitted_by].filter((x): x is number => x !== null),
    approvers: approvers.map((r) => r.staff_id),
    needsReview: item.needs_review,
  };
}

/** Records a check finding as a false positive (reviewers, with a reason) or a warning as seen. */
export async function resolveFinding(ctx: CommandContext, actor: Actor, input: { type: ItemType; id: number; key: string; resolution: 'dismissed' | 'acknowledged'; reason: string }): Promise<void> {
  const kind = contentKind(input.type);
  await inTransaction(ctx, async (trx) => {
    const item = await trx.selectFrom(kind.table as 'documents').select(['id', 'org_id', 'status']).where('id', '=', input.id).forUpdate().executeTakeFirst();
    if (!item || !mayActAt(actor, item.org_id)) throw new NotFoundError(`${kind.label}不存在，或您无权查看。`);
    if (input.resolution === 'dismissed' && !mayDismissFinding(actor, item.org_id)) throw new ForbiddenError('只有审核人可以排除误报');
    const report = await checkItem(trx, kind, item.id, ctx);
    const finding = report.findings.find((f) => f.key === input.key);
    if (!finding) throw new RuleError('该检查结果已不存在（内容可能已修改），请刷新页面');
    const reason = input.reason.trim();
    if (input.resolution === 'dismissed') {
      if (finding.check === 'rule') throw new RuleError('规则性要求不能作为误报排除，请补充后再提交');
      if (!reason) throw new RuleError('排除误报时请说明理由', 'reason');
    } else {
      if (!mayAcknowledgeFinding(actor, item.org_id)) throw new ForbiddenError('您没有处理该稿件的权限');
      if (finding.severity === 'block') throw new RuleError('必须处理的问题不能仅作确认，请修改、删减或由审核人排除误报');
    }
    await trx
      .insertInto('check_resolutions')
      .values({ item_type: kind.type, item_id: item.id, finding_key: input.key, resolution: input.resolution, reason, staff_id: actor.id, created_at: ctx.clock.now() })
      .onConflict((oc) => oc.columns(['item_type', 'item_id', 'finding_key']).doUpdateSet({ resolution: input.resolution, reason, staff_id: actor.id, created_at: ctx.clock.now() }))
      .execute();
    await recordEvent(trx, { actor: ctx.actor, action: input.resolution === 'dismissed' ? 'review.dismiss' : 'review.acknowledge', entityType: kind.type, entityId: item.id, orgId: item.org_id, after: { finding: input.key, message: finding.message, reason }, at: ctx.clock.now() });
  });
}
