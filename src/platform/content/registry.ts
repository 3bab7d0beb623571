import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database, ItemType } from '../../db/schema.js';
import type { CommandContext } from '../http/command.js';
import type { ContentKind, RuleFinding } from './kind.js';

/**
 * The content-kind registry (DESIGN.md “Content kinds”). Each module that owns a kind registers it
 * at start-up (src/content-kinds.ts); whatever works on every kind — review, checks, the ledger,
 * rescans, subscriptions, feeds, the sitemap — loops over `contentKinds()` and never names one.
 *
 * Kinds are code, the same in every application a process builds, so the registry is the
 * process's. Registering the same kind again is harmless (tests build many apps).
 */
const kinds = new Map<ItemType, ContentKind>();

/** What happened to an item, as the kind's listeners hear it, inside the transaction that did it. */
export interface ContentChange {
  type: ItemType;
  /** The live item (the original, when an edition was published into it). */
  id: number;
  /** first: first publication; revised: an edition merged into the live item; withdrawn. */
  event: 'first' | 'revised' | 'withdrawn';
}
export type ContentListener = (trx: Transaction<Database>, ctx: CommandContext, change: ContentChange) => Promise<void>;
/** Findings another module adds to a kind's own rules (e.g. 三同步: a document without its interpretation). */
export type RuleContributor = (db: Kysely<Database>, id: number, ctx: CommandContext) => Promise<RuleFinding[]>;

const listeners: { type: ItemType | '*'; fn: ContentListener }[] = [];
const contributors: { type: ItemType; fn: RuleContributor }[] = [];

export function registerContentKind(kind: ContentKind): void {
  const known = kinds.get(kind.type);
  if (known && known !== kind) throw new Error(`内容类型 ${kind.type} 已登记`);
  kinds.set(kind.type, kind);
}

/** Listens to publications and withdrawals of one kind ('*': of every kind). Registered once per process. */
export function onContentChange(type: ItemType | '*', fn: ContentListener): void {
  if (!listeners.some((l) => l.type === type && l.fn === fn)) listeners.push({ type, fn });
}

export function contributeRules(type: ItemType, fn: RuleContributor): void {
  if (!contributors.some((c) => c.type === type && c.fn === fn)) contributors.push({ type, fn });
}

export function contentKinds(): readonly ContentKind[] {
  return [...kinds.values()];
}

export function contentKind(type: ItemType): ContentKind {
  const kind = kinds.get(type);
  if (!kind) throw new Error(`未登记的内容类型：${type}`);
  return kind;
}

export function isContentType(s: string): boolean {
  return kinds.has(s);
}

/** The kind's own rule findings and those other modules add to them. */
export async function ruleFindingsOf(trx: Kysely<Database>, kind: ContentKind, id: number, ctx: CommandContext): Promise<RuleFinding[]> {
  const out = await kind.ruleFindings(trx, id, ctx);
  for (const c of contributors) if (c.type === kind.type) out.push(...(await c.fn(trx, id, ctx)));
  return out;
}

/** Tells the listeners, in the caller's transaction: what they do commits or fails with the change. */
export async function announceChange(trx: Transaction<Database>, ctx: CommandContext, change: ContentChange): Promise<void> {
  for (const l of listeners) if (l.type === '*' || l.type === change.type) await l.fn(trx, ctx, change);
}

/**
 * Publishes an approved item of any kind in the caller's transaction (the review workflow's, a
 * scheduled job's, or another item's that carries it, as a document carries its interpretations)
 * and tells the listeners. Returns the live id.
 */
export async function publishItem(trx: Transaction<Database>, ctx: CommandContext, type: ItemType, id: number): Promise<number> {
  const kind = contentKind(type);
  const row = await trx.selectFrom(kind.table as 'documents').select('edition_of').where('id', '=', id).executeTakeFirst();
  const liveId = await kind.publish(trx, ctx, id);
  await announceChange(trx, ctx, { type, id: liveId, event: row?.edition_of == null ? 'first' : 'revised' });
  return liveId;
}

/** A kind's title in SQL over an alias of its table. */
export function titleSql(kind: ContentKind, alias: string): RawBuilder<string> {
  return kind.titleSql?.(alias) ?? sql<string>`${sql.ref(`${alias}.title`)}`;
}

/**
 * The titles of items of any kind, as a lateral subquery over a row with `item_type` and `item_id`
 * (the ledger, a rescan's hits): `left join lateral (${itemTitles('a')}) t on true` gives `t.title`.
 */
export function itemTitles(alias: string): RawBuilder<{ title: string }> {
  const parts = contentKinds().map(
    (k) => sql`select left(${titleSql(k, 'x')}, 200) as title from ${sql.table(k.table)} x where ${sql.ref(`${alias}.item_type`)} = ${k.type} and x.id = ${sql.ref(`${alias}.item_id`)}`,
  );
  return sql`${sql.join(parts, sql` union all `)}`;
}

/** Items of another kind shown on an item's public page (a document's 政策解读, …), by the module that owns them. */
export interface RelatedSection {
  /** The section's heading and anchor: 政策解读 / interpretations */
  heading: string;
  anchor: string;
  /** Only public items: the contributor applies its kind's public condition. */
  list(db: Kysely<Database>, id: number): Promise<{ title: string; url: string; note: string }[]>;
}
const related: { type: ItemType; section: RelatedSection }[] = [];

export function contributeRelated(type: ItemType, section: RelatedSection): void {
  if (!related.some((r) => r.type === type && r.section.anchor === section.anchor)) related.push({ type, section });
}

/** The related sections of an item's public page, those with something to show. */
export async function relatedSections(db: Kysely<Database>, type: ItemType, id: number): Promise<{ heading: string; anchor: string; items: { title: string; url: string; note: string }[] }[]> {
  const all = await Promise.all(related.filter((r) => r.type === type).map(async (r) => ({ heading: r.section.heading, anchor: r.section.anchor, items: await r.section.list(db, id) })));
  return all.filter((s) => s.items.length > 0);
}

/** Listeners to a bulk import of a kind's items (written without the workflow, already public), after it has committed. */
export type ImportListener = (db: Kysely<Database>, now: Date) => Promise<void>;
const importListeners: { type: ItemType; fn: ImportListener }[] = [];

export function onContentImported(type: ItemType, fn: ImportListener): void {
  if (!importListeners.some((l) => l.type === type && l.fn === fn)) importListeners.push({ type, fn });
}

export async function announceImport(db: Kysely<Database>, type: ItemType, now: Date): Promise<void> {
  for (const l of importListeners) if (l.type === type) await l.fn(db, now);
}

/** A code column shown as its Chinese label in SQL (validity, an interpretation's form …), from the kind's own label map. */
export function labelSql(column: string, labels: Record<string, string>): RawBuilder<string | null> {
  return sql<string | null>`case ${sql.ref(column)} ${sql.join(Object.entries(labels).map(([k, v]) => sql`when ${k} then ${v}`), sql` `)} end`;
}
