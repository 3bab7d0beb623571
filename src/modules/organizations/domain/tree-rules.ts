import type { OrganizationKind } from '../../../db/schema.js';

/** What each kind of organization is called in the back office. */
export const KIND_LABELS: Record<OrganizationKind, string> = {
  government: '人民政府',
  department: '政府部门',
  county: '县（区）人民政府',
  township: '乡镇（街道）',
  office: '办事机构',
  village: '村（社区）',
};

export const ORGANIZATION_KINDS = Object.keys(KIND_LABELS) as OrganizationKind[];

/** The slug of an organization's portal (/org/{slug}): lower-case letters, digits and hyphens. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Whether an organization of `kind` may sit under a parent of `parentKind`. 村民委员会 and
 * 居民委员会 are self-governing bodies below the township (村民委员会组织法 第5条, 城市居民委员会组织法
 * 第2条): a village or community sits under a township (or 街道) only, and nothing sits under it.
 * Returns the refusal in Chinese, or null.
 */
export function placementError(kind: OrganizationKind, parentKind: OrganizationKind | null): string | null {
  if (parentKind === null) return '请选择上级机构';
  if (parentKind === 'village') return '村（社区）下不能再设机构';
  if (kind === 'village' && parentKind !== 'township') return '村（社区）只能设在乡镇（街道）之下';
  return null;
}

/**
 * Whether moving `orgId` under `newParentId` would close a loop: the new parent is the
 * organization itself or one of its descendants. `ancestorsOfNewParent` lists the new parent's
 * ancestors (nearest first).
 */
export function wouldCycle(orgId: number, newParentId: number, ancestorsOfNewParent: readonly number[]): boolean {
  return newParentId === orgId || ancestorsOfNewParent.includes(orgId);
}
