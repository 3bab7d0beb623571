import type { Kysely } from 'kysely';
import type { Database, ItemStatus } from '../../db/schema.js';
import type { Actor } from '../auth/sessions.js';
import { hasRole, scopeOrgIds } from '../auth/scope.js';
import { EDITOR_ROLES, VIEWER_ROLES } from './lifecycle.js';

/**
 * Who may do what with the items of a content kind (DESIGN.md “Policies”), the part every kind
 * shares: each module's `policy.ts` builds on these and adds its own rules.
 * - The back office shows an item to the staff of its organization (the disclosure office also
 *   sees those below it): `viewScope`, which the module's detail loaders take.
 * - Its editors write it: `editScope` lists where the actor may write, `mayEditAt` asks for one.
 */
export function viewScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, VIEWER_ROLES);
}

export function editScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, EDITOR_ROLES);
}

export function mayEditAt(actor: Actor, orgId: number): boolean {
  return hasRole(actor, orgId, EDITOR_ROLES);
}

/**
 * Why a saved row cannot be edited any more, or null: an edition merged into its live item is
 * edited there; a withdrawn item stays as it was withdrawn. `noun` is the kind's short word
 * (信息, 解读 …); `withdrawn` the kind's own sentence.
 */
export function closedRowRefusal(row: { status: ItemStatus }, words: { noun: string; withdrawn: string }, alsoClosed = false): string | null {
  if (row.status === 'merged') return `这一版本已发布并入原${words.noun}，请编辑原${words.noun}。`;
  if (row.status === 'withdrawn' || alsoClosed) return words.withdrawn;
  return null;
}

/**
 * What an item's edit page checks (see `guardEditPage`): whether the actor edits at the item's
 * organization (`refused`: the kind's sentence when not), and whether the row is closed.
 */
export function editPageRules(actor: Actor, row: { org_id: number; status: ItemStatus }, words: { refused: string; noun: string; withdrawn: string }, alsoClosed = false) {
  return { refused: mayEditAt(actor, row.org_id) ? null : words.refused, closed: closedRowRefusal(row, words, alsoClosed) };
}
