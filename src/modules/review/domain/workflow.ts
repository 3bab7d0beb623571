import { UNDER_REVIEW } from '../../../platform/content/lifecycle.js';
import type { ItemStatus, Role } from '../../../db/schema.js';

/**
 * The review workflow of every publishable item, as data (先审后发, 谁公开谁审核):
 * draft → submitted → 初审 / 复审 / 终审 (1–3 levels, set per organization) → approved →
 * scheduled or published → withdrawn; a published item's edit is a new edition that goes through
 * the same steps and is then published into it (the old content stays as a version).
 * An urgent item may be published before review with a stated reason, and stays on the
 * “needs review” list until a reviewer reviews it (补审).
 */
export type ReviewAction = 'submit' | 'approve' | 'return' | 'publish' | 'schedule' | 'unschedule' | 'publish_scheduled' | 'urgent_publish' | 'post_review' | 'withdraw';

export interface ReviewTransition {
  action: ReviewAction;
  from: readonly ItemStatus[];
  /** The state after the action; approve's depends on the level reached (see afterApproval). */
  to: ItemStatus | 'by_level' | 'same';
  /** Roles at the item's organization; 'system' is the job runner. */
  roles: readonly (Role | 'system')[];
  /** The action writes a comment or reason that must not be empty. */
  needsComment: boolean;
  /** Nobody acts on their own draft (起草人不得审核本人稿件). */
  notByAuthor: boolean;
  /** Blocking check findings stop it (everything that puts content in front of the public or reviewers). */
  checked: boolean;
}

const EDITORS: readonly Role[] = ['drafter', 'publisher', 'admin'];
const PUBLISHERS: readonly Role[] = ['publisher', 'admin'];
const REVIEWERS: readonly Role[] = ['reviewer'];

export const REVIEW_TRANSITIONS: readonly ReviewTransition[] = [
  { action: 'submit', from: ['draft'], to: 'submitted', roles: EDITORS, needsComment: false, notByAuthor: false, checked: true },
  { action: 'approve', from: ['submitted', 'in_review'], to: 'by_level', roles: REVIEWERS, needsComment: false, notByAuthor: true, checked: true },
  { action: 'return', from: UNDER_REVIEW, to: 'draft', roles: [...REVIEWERS, ...PUBLISHERS], needsComment: true, notByAuthor: false, checked: false },
  { action: 'publish', from: ['approved'], to: 'published', roles: PUBLISHERS, needsComment: false, notByAuthor: false, checked: true },
  { action: 'schedule', from: ['approved'], to: 'scheduled', roles: PUBLISHERS, needsComment: false, notByAuthor: false, checked: true },
  { action: 'unschedule', from: ['scheduled'], to: 'approved', roles: PUBLISHERS, needsComment: false, notByAuthor: false, checked: false },
  { action: 'publish_scheduled', from: ['scheduled'], to: 'published', roles: ['system'], needsComment: false, notByAuthor: false, checked: true },
  { action: 'urgent_publish', from: ['draft', 'submitted', 'in_review', 'approved'], to: 'published', roles: PUBLISHERS, needsComment: true, notByAuthor: false, checked: true },
  { action: 'post_review', from: ['published', 'withdrawn'], to: 'same', roles: REVIEWERS, needsComment: false, notByAuthor: true, checked: false },
  { action: 'withdraw', from: ['published'], to: 'withdrawn', roles: PUBLISHERS, needsComment: true, notByAuthor: false, checked: false },
];

export const ACTION_LABELS: Record<ReviewAction | 'recall' | 'dismiss' | 'acknowledge', string> = {
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
  publish: '发布',
  schedule: '定时发布',
  unschedule: '取消定时',
  publish_scheduled: '定时发布（自动）',
  urgent_publish: '紧急发布',
  post_review: '补审通过',
  withdraw: '撤稿',
  recall: '修改后撤回审核',
  dismiss: '排除误报',
  acknowledge: '确认提示',
};

export const LEVEL_LABELS = ['', '初审', '复审', '终审'] as const;

/** The name of the review level `level` (1-based) when an organization uses `required` levels. */
export function levelLabel(level: number, required: number): string {
  if (required === 1) return '终审';
  if (required === 2) return level === 1 ? '初审' : '终审';
  return LEVEL_LABELS[level] ?? `第${level}级审核`;
}

export function findReviewTransition(action: ReviewAction, from: ItemStatus): ReviewTransition | null {
  return REVIEW_TRANSITIONS.find((t) => t.action === action && t.from.includes(from)) ?? null;
}

/** After an approval at the next level: approved when it was the last level the organization requires. */
export function afterApproval(levelsPassed: number, required: number): { status: ItemStatus; level: number } {
  const level = levelsPassed + 1;
  return { status: level >= required ? 'approved' : 'in_review', level };
}

export interface ReviewSubject {
  status: ItemStatus;
  orgId: number;
  /** Everyone who wrote or submitted this edition. */
  authors: readonly number[];
  /** Reviewers who approved a level in the current round. */
  approvers: readonly number[];
  /** Published urgently, before full review, and not yet reviewed since. */
  needsReview: boolean;
}

export interface ReviewActor {
  id: number;
  rolesAt(orgId: number): readonly Role[];
}

/**
 * Why `actor` may not take `action` on `item`, in Chinese, or null when allowed; `forbidden` tells
 * a missing permission (403) from a wrong state (409). Pure: the commands call it inside their
 * transaction, the pages call it to offer only the possible actions.
 */
export function refusal(action: ReviewAction, item: ReviewSubject, actor: ReviewActor | 'system'): { forbidden: boolean; message: string } | null {
  const t = findReviewTransition(action, item.status);
  if (!t) return { forbidden: false, message: `当前状态下不能${ACTION_LABELS[action]}` };
  if (action === 'post_review' && !item.needsReview) return { forbidden: false, message: '该稿件已经过审核，无需补审' };
  if (actor === 'system') return t.roles.includes('system') ? null : { forbidden: true, message: '该操作需要由工作人员执行' };
  const roles = actor.rolesAt(item.orgId);
  if (!t.roles.some((r) => r !== 'system' && roles.includes(r))) return { forbidden: true, message: `您没有${ACTION_LABELS[action]}的权限` };
  if (t.notByAuthor && item.authors.includes(actor.id)) return { forbidden: true, message: '不能审核本人起草或修改的稿件' };
  // Each level is a different person's judgement (三审 means three reviewers).
  if (action === 'approve' && item.approvers.includes(actor.id)) return { forbidden: true, message: '您已审核过本轮的上一级，需由其他审核人审核' };
  return null;
}

/** Reasons for a withdrawal (撤稿): some keep the page with a public notice, some take it down. */
export const WITHDRAWAL_REASONS = {
  corrected: { label: '内容有误，已更正或将重新发布', kind: 'notice' },
  superseded: { label: '已被新的文件或信息替代', kind: 'notice' },
  outdated: { label: '信息已过时效', kind: 'notice' },
  secret: { label: '涉及国家秘密或敏感信息', kind: 'remove' },
  privacy: { label: '涉及个人隐私或商业秘密', kind: 'remove' },
} as const;
export type WithdrawalReason = keyof typeof WITHDRAWAL_REASONS;

export { UNDER_REVIEW };
