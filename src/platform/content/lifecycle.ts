import type { DisclosureAttribute, ItemStatus, Role } from '../../db/schema.js';
import { NotFoundError } from '../http/errors.js';

/**
 * The lifecycle every content kind shares (DESIGN.md “Content kinds”): its statuses and their
 * labels, who may write and who may see a kind's items, and which disclosure attributes put an
 * item on the portal. Kinds add their own rules; none of this is copied into them.
 */
export const STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  in_review: '审核中',
  approved: '已审核',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤稿',
  merged: '已发布为新版本',
};

/** Statuses in which an item is with its reviewers: an edit takes it back to draft. */
export const UNDER_REVIEW: readonly ItemStatus[] = ['submitted', 'in_review', 'approved', 'scheduled'];

/** Roles that may write an item's content, at the item's organization. */
export const EDITOR_ROLES: readonly Role[] = ['drafter', 'publisher', 'admin'];
/** Roles that may see an organization's items in the back office (the office also sees those below it). */
export const VIEWER_ROLES: readonly Role[] = ['drafter', 'publisher', 'admin', 'reviewer', 'disclosure_office'];

/** 公开属性 (domain.md §4): what each attribute means for publishing. */
export const ATTRIBUTE_LABELS: Record<DisclosureAttribute, string> = {
  public: '主动公开',
  public_redacted: '删减后公开',
  on_request: '依申请公开',
  not_public: '不予公开',
};

export const ATTRIBUTES = Object.keys(ATTRIBUTE_LABELS) as DisclosureAttribute[];

/** Only these attributes put an item on the public portal. */
export const PUBLIC_ATTRIBUTES: readonly DisclosureAttribute[] = ['public', 'public_redacted'];

/** An item's id from an address: anything that is not one is “not found”, never an error. */
export function idParam(s: string): number {
  if (!/^\d{1,12}$/.test(s)) throw new NotFoundError();
  return Number(s);
}
