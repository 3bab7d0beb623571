import type { ReferralStatus } from '../../../db/schema-ask.js';

/**
 * The life of a question sent to a department (转人工) as data: which step may be taken from which
 * state, and where it leads. The command and the pages both ask `referralRefusal`, so a page
 * offers exactly the steps the command would accept.
 */
export type ReferralAction = 'assign' | 'answer' | 'close' | 'promote' | 'transfer';

export interface ReferralTransition {
  action: ReferralAction;
  from: readonly ReferralStatus[];
  /** null: the status does not change (promote only links the new Q&A entry). */
  to: ReferralStatus | null;
}

export const REFERRAL_TRANSITIONS: readonly ReferralTransition[] = [
  { action: 'assign', from: ['submitted', 'assigned'], to: 'assigned' },
  { action: 'answer', from: ['submitted', 'assigned'], to: 'answered' },
  { action: 'close', from: ['submitted', 'assigned', 'answered'], to: 'closed' },
  { action: 'promote', from: ['answered', 'closed'], to: null },
  // 转办: an open case goes to another organization's queue, unassigned, its clock restarted there
  // (platform/tracked-cases/transfer.ts); an answered or closed one stays where it was answered.
  { action: 'transfer', from: ['submitted', 'assigned'], to: 'submitted' },
];

export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['submitted', 'assigned'];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = { submitted: '待办理', assigned: '办理中', answered: '已答复', closed: '已办结' };
export const REFERRAL_ACTION_LABELS: Record<ReferralAction, string> = { assign: '指定办理人', answer: '答复', close: '办结', promote: '转为政策问答', transfer: '转办' };

export function findReferralTransition(action: ReferralAction, from: ReferralStatus): ReferralTransition | null {
  return REFERRAL_TRANSITIONS.find((t) => t.action === action && t.from.includes(from)) ?? null;
}

/** Why the step cannot be taken now (a Chinese sentence), or null when it can. */
export function referralRefusal(action: ReferralAction, r: { status: ReferralStatus; answered: boolean; promoted: boolean }): string | null {
  if (!findReferralTransition(action, r.status)) return `当前状态（${REFERRAL_STATUS_LABELS[r.status]}）不能${REFERRAL_ACTION_LABELS[action]}`;
  if (action === 'promote' && !r.answered) return '尚未答复的问题不能转为政策问答';
  if (action === 'promote' && r.promoted) return '该问题已转为政策问答';
  return null;
}
