import type { Transaction } from 'kysely';
import type { Database, ItemType } from '../../db/schema.js';
import type { CommandContext } from '../../platform/http/command.js';
import { recordEvent, type AuditAction } from '../../platform/audit/audit.js';
import { NotFoundError, RuleError } from '../../platform/http/errors.js';
import { recordBaselineEdition, recordPublicEdition, type EditionSnapshot } from './record.js';

/** The row of an item as publication reads it: the review columns every kind has, and its content. */
export type EditionRow = Record<string, unknown> & { id: number; org_id: number; edition_of: number | null; published_on: string | null; change_note: string; updated_by: number | null };

/** How one kind's items are published: the rest is the same for every kind, and lives here once. */
export interface EditionPublication {
  type: ItemType;
  table: string;
  /** 文件 / 政策解读 / … for messages */
  label: string;
  /** The columns an approved edition carries into the live item. */
  contentColumns: readonly string[];
  /** What the public sees of the live item, for its public edition. */
  snapshot(trx: Transaction<Database>, id: number): Promise<EditionSnapshot>;
  /** A first publication: what it sets besides the status and the dates (an index number, the year …). */
  onFirst?(trx: Transaction<Database>, row: EditionRow, publishedOn: string): Promise<Record<string, unknown>>;
  /** An edition merged into the live item: what else moves with it (attachments, links, versions, search text). */
  onMerge?(trx: Transaction<Database>, edition: EditionRow, liveId: number, now: Date): Promise<void>;
  /** Either way, once the content is in place and before its public edition is recorded (validity from the dates …). */
  settle?(trx: Transaction<Database>, ctx: CommandContext, liveId: number): Promise<void>;
}

/**
 * `publishEdition`, then the kind's audit event of the publication on the live item (with the
 * edition it came from), for a kind whose own publish step records nothing else.
 */
export async function publishEditionAudited(trx: Transaction<Database>, ctx: CommandContext, p: EditionPublication, id: number, event: { action: AuditAction; entityType: string }): Promise<number> {
  const liveId = await publishEdition(trx, ctx, p, id);
  const { org_id } = await trx.selectFrom(p.table as 'documents').select('org_id').where('id', '=', liveId).executeTakeFirstOrThrow();
  await recordEvent(trx, { actor: ctx.actor, ...event, entityId: liveId, orgId: org_id, after: { from_edition: liveId !== id ? id : undefined }, at: ctx.clock.now() });
  return liveId;
}

/**
 * Makes an approved item public, inside the caller's transaction. A first edition becomes
 * published. A later edition is copied into the item it edits, which keeps its id, address and
 * first publication date, and the edition row is retired as `merged`; the live item's earlier
 * public content is kept as a baseline edition first. Either way the public edition is recorded
 * with the change note the edition carried. Returns the live id. The caller checks permission and
 * state, tells the kind's listeners and records the audit event.
 */
export async function publishEdition(trx: Transaction<Database>, ctx: CommandContext, p: EditionPublication, id: number): Promise<number> {
  const table = p.table as 'documents';
  const row = (await trx.selectFrom(table).selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as EditionRow | undefined;
  if (!row) throw new NotFoundError(`${p.label}不存在`);
  const now = ctx.clock.now();
  if (row.edition_of === null) {
    const publishedOn = row.published_on ?? ctx.clock.today();
    const extra = (await p.onFirst?.(trx, row, publishedOn)) ?? {};
    await trx.updateTable(table).set({ ...extra, status: 'published', published_on: publishedOn, published_at: now, publish_at: null }).where('id', '=', id).execute();
    await p.settle?.(trx, ctx, id);
    await recordPublicEdition(trx, { type: p.type, id }, now, await p.snapshot(trx, id));
    return id;
  }
  const live = await trx.selectFrom(table).select(['id', 'status', 'published_at']).where('id', '=', row.edition_of).forUpdate().executeTakeFirstOrThrow();
  if (live.status !== 'published') throw new RuleError(`原${p.label}已不在发布状态（可能已撤稿），不能发布其修订版本`);
  await recordBaselineEdition(trx, { type: p.type, id: live.id }, live.published_at ?? now, () => p.snapshot(trx, live.id));
  const content = Object.fromEntries(p.contentColumns.map((c) => [c, row[c]]));
  await trx.updateTable(table).set({ ...content, updated_by: row.updated_by, updated_at: now }).where('id', '=', live.id).execute();
  await p.onMerge?.(trx, row, live.id, now);
  await trx.updateTable(table).set({ status: 'merged', publish_at: null, published_at: now }).where('id', '=', row.id).execute();
  await p.settle?.(trx, ctx, live.id);
  await recordPublicEdition(trx, { type: p.type, id: live.id }, now, await p.snapshot(trx, live.id), row.change_note);
  return live.id;
}
