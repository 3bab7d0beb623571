import type { PlacementStatus } from '../../../db/schema-columns.js';

/** A column tree is at most three levels deep: 专题 → 专栏 → 子栏目. */
export const MAX_DEPTH = 3;

export const PLACEMENT_LABELS: Record<PlacementStatus, string> = {
  pending: '待采用',
  accepted: '已采用',
  returned: '已退回',
};

/**
 * The placement lifecycle as data (rules of the house §3). `place` is an item of the column's own
 * organization, accepted at once; `submit` is another organization's (报送, 003 三(一)), pending
 * until the column's owner accepts or returns it; a returned submission may be submitted again;
 * `remove` takes an item out of the column (its row goes; the item itself is untouched).
 */
export type PlacementAction = 'place' | 'submit' | 'accept' | 'return' | 'remove';

export const PLACEMENT_TRANSITIONS: { action: PlacementAction; from: PlacementStatus | null; to: PlacementStatus | null }[] = [
  { action: 'place', from: null, to: 'accepted' },
  { action: 'place', from: 'pending', to: 'accepted' },
  { action: 'place', from: 'returned', to: 'accepted' },
  { action: 'submit', from: null, to: 'pending' },
  { action: 'submit', from: 'returned', to: 'pending' },
  { action: 'accept', from: 'pending', to: 'accepted' },
  { action: 'return', from: 'pending', to: 'returned' },
  { action: 'remove', from: 'pending', to: null },
  { action: 'remove', from: 'accepted', to: null },
  { action: 'remove', from: 'returned', to: null },
];

/** The state an action leads to from `from`, or undefined when the action is not allowed there. */
export function placementTransition(action: PlacementAction, from: PlacementStatus | null): { to: PlacementStatus | null } | undefined {
  const t = PLACEMENT_TRANSITIONS.find((x) => x.action === action && x.from === from);
  return t ? { to: t.to } : undefined;
}

/** Why the action is not allowed in this state, in Chinese. */
export function placementRefusal(action: PlacementAction, from: PlacementStatus | null): string {
  if (from === null) return '该信息不在本专栏中。';
  if ((action === 'place' || action === 'submit') && from === 'accepted') return '该信息已在本专栏中。';
  if (action === 'submit' && from === 'pending') return '该信息已报送本专栏，正等待采用。';
  return `该信息在本专栏中的状态为“${PLACEMENT_LABELS[from]}”，不能进行此操作。`;
}

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Banner images: checked against the file's bytes. */
export const BANNER_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };
export const MAX_BANNER_BYTES = 5 * 1024 * 1024;
