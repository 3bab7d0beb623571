import type { Kysely, Transaction } from 'kysely';
import type { Database, ItemStatus, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../platform/http/errors.js';

/** The row an edit lands on: the review columns every kind has. */
export interface EditableRow {
  id: number;
  org_id: number;
  status: ItemStatus;
}

/** What the shared editing step needs of a kind. */
export interface EditionEditing<Row extends EditableRow> {
  table: string;
  /** 政策解读 / 政策问答: for messages */
  label: string;
  /** 解读 / 问答: the short word in messages about the original */
  noun: string;
  editorRoles: readonly Role[];
  /** A new draft row: a new item, or (editionOf set) the first edition of a published one. */
  insert(editionOf: number | null, original: Row | null): Promise<number>;
  /** The edit written into an existing draft (or an edition); true when it recalled the row from review. */
  update(row: Row): Promise<boolean>;
}

export interface EditionSaved {
  /** The row written. */
  id: number;
  /** The published item an edition edits, or null. */
  editionOf: number | null;
  /** The row was under review and went back to draft. */
  recalled: boolean;
}

/**
 * Where one edit of an item goes, the same for every kind: a new item is inserted; a draft (or an
 * item under review, which goes back to draft) is updated; a published item stays as it is on the
 * portal and the edit goes into its open edition, made on the first edit, which review publishes
 * into it later. Merged editions and withdrawn items are not edited. Runs in the save command's
 * transaction; the caller has checked the input.
 */
export async function saveIntoEdition<Row extends EditableRow>(
  trx: Transaction<Database>,
  e: EditionEditing<Row>,
  a: { id: number | null; orgId: number; actor: Actor },
): Promise<EditionSaved> {
  if (a.id === null) return { id: await e.insert(null, null), editionOf: null, recalled: false };
  const table = e.table as 'interpretations';
  const existing = (await trx.selectFrom(table).selectAll().where('id', '=', a.id).forUpdate().executeTakeFirst()) as Row | undefined;
  if (!existing) throw new NotFoundError(`${e.label}不存在`);
  if (!a.actor.roles.some((r) => r.orgId === existing.org_id && e.editorRoles.includes(r.role))) throw new ForbiddenError(`您没有编辑该${e.label}的权限。`);
  if (existing.org_id !== a.orgId) throw new RuleError(`不能更改${e.label}所属的机构`, 'orgId');
  if (existing.status === 'merged') throw new RuleError(`这一版本已发布并入原${e.noun}，请编辑原${e.noun}`);
  if (existing.status === 'withdrawn') throw new RuleError(`已撤稿的${e.label}不能修改`);
  if (existing.status !== 'published') return { id: existing.id, editionOf: null, recalled: await e.update(existing) };
  const open = (await trx.selectFrom(table).selectAll().where('edition_of', '=', existing.id).where('status', '!=', 'merged').forUpdate().executeTakeFirst()) as Row | undefined;
  if (!open) return { id: await e.insert(existing.id, existing), editionOf: existing.id, recalled: false };
  return { id: open.id, editionOf: existing.id, recalled: await e.update(open) };
}

/** A published item's open edition (the revision being drafted or reviewed), if any. */
export async function findOpenEdition(db: Kysely<Database>, table: string, id: number): Promise<{ id: number; status: ItemStatus } | null> {
  const r = await db
    .selectFrom(table as 'interpretations')
    .select(['id', 'status'])
    .where('edition_of', '=', id)
    .where('status', '!=', 'merged')
    .executeTakeFirst();
  return r ?? null;
}

/** A live item's open edition, for its back-office page; an edition itself has none. */
export async function openEditionOf(db: Kysely<Database>, table: string, row: { id: number; edition_of: number | null }): Promise<{ id: number; status: ItemStatus } | null> {
  return row.edition_of === null ? findOpenEdition(db, table, row.id) : null;
}
