import type { DocumentStatus, Role } from '../../../db/schema.js';

/**
 * The document lifecycle as data (rules of the house §3). Publishing is one step for now; the
 * review workflow adds its rows (submitted → first/second/final review → approved → scheduled)
 * here without changing the code that applies transitions.
 */
export interface Transition {
  action: string;
  from: DocumentStatus;
  to: DocumentStatus;
  roles: readonly Role[];
}

export const DOCUMENT_TRANSITIONS: readonly Transition[] = [
  { action: 'publish', from: 'draft', to: 'published', roles: ['publisher', 'admin'] },
];

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  in_review: '审核中',
  approved: '已审核',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤稿',
  merged: '已发布为新版本',
};

export function findTransition(action: string, from: DocumentStatus): Transition | null {
  return DOCUMENT_TRANSITIONS.find((t) => t.action === action && t.from === from) ?? null;
}

/** Roles that may write a document's content, at the document's organization. */
export const EDITOR_ROLES: readonly Role[] = ['drafter', 'publisher', 'admin'];
/** Roles that may see an organization's documents in the back office (the office also sees those below it). */
export const VIEWER_ROLES: readonly Role[] = ['drafter', 'publisher', 'admin', 'reviewer', 'disclosure_office'];
