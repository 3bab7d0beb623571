import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { Database, ItemType } from '../../db/schema.js';
import type { CommandContext } from '../http/command.js';
import type { Actor } from '../auth/sessions.js';
import type { FileStorage } from '../files/storage.js';

/**
 * One kind of content that is drafted, reviewed and published (DESIGN.md “Content kinds”),
 * declared once by its module and registered at start-up (see registry.ts). The review workflow,
 * the checks, the ledger, the dictionary rescans, subscriptions, feeds and the sitemap read a kind
 * only through this. The workflow's state lives in the same-named review columns of each kind's
 * table (migration 0002: org_id, status, review_level, edition_of, publish_at, needs_review, …).
 */
export interface ContentKind {
  type: ItemType;
  /** The kind's table; it has the review columns, `title` unless `titleSql` says otherwise, and `updated_at`. */
  table: string;
  /** 文件 / 政策解读 / 政策问答: in the back office's messages */
  label: string;
  /** 政策文件 / 政策解读 / 政策问答: what the public calls it (mail, the personal center) */
  publicLabel: string;
  /** The item's title in SQL over the table's alias (a Q&A entry's is the first 200 characters of its question). */
  titleSql?(alias: string): RawBuilder<string>;
  /** Items brought in from elsewhere (other places' Q&A) that review lists keep apart from staff's own. */
  importedSql?(alias: string): RawBuilder<boolean>;
  /**
   * The condition, over the table's alias, that an item is public: published (not a merged edition,
   * not withdrawn) and, where the kind has one, with a public attribute. Every public list the
   * registry builds (feeds, sitemap, column pages) applies it.
   */
  publicSql(alias: string): RawBuilder<boolean>;
  /** What subscribers can follow in the kind's items; a kind without it is never pushed to subscribers. */
  subscription?: SubscriptionFacets;
  /** Where the kind's items sit in an organization's catalog (公开目录); a column page lists every kind that has this. */
  catalog?: CatalogPlacement;
  /** The kind's pages in the back office's menu (staff/navigation.ts adds them, with who may open them). */
  adminMenu?: { href: string; label: string; who: 'viewer' | 'editor' }[];
  adminUrl(id: number): string;
  publicUrl(id: number): string;
  /** The text the automatic checks read: the title, the full (unredacted) body, each attachment's text. */
  checkFields(db: Kysely<Database>, id: number): Promise<CheckField[]>;
  /** Findings from the kind's own rules: missing metadata, 三同步, files not redacted, … */
  ruleFindings(db: Kysely<Database>, id: number, ctx: CommandContext): Promise<RuleFinding[]>;
  /**
   * Makes the item public (call it through `publishItem`, which tells the kind's listeners). A first edition becomes published; a later edition is published into
   * the item it edits (which keeps its id and address) and becomes `merged`. Returns the live id.
   */
  publish(trx: Transaction<Database>, ctx: CommandContext, id: number): Promise<number>;
  /**
   * Saves the item again with its title and body passed through `edit`, by the kind's own save
   * command (permission, open edition, back to draft, version, audit) — a normal edit, as 一键替换
   * makes. Returns the id of the row written (the open edition of a published item).
   */
  saveEditedText?(ctx: CommandContext, a: TextEditArgs): Promise<number>;
}

export interface TextEditArgs {
  actor: Actor;
  id: number;
  edit: TextEdit;
  /** Called once every field has been through `edit`, before anything is written: refuses an edit that changed nothing. */
  confirmEdited(): void;
  /** Why: kept with the version where the kind keeps notes. */
  note: string;
  storage: FileStorage;
}

/** A change to one field's value: the title as text, the body as sanitized HTML. */
export type TextEdit = (field: 'title' | 'body', value: string) => string;

export interface CheckField {
  field: 'title' | 'body' | 'attachment';
  /** An attachment's file name. */
  name?: string;
  text: string;
}

export interface RuleFinding {
  /** Stable across edits, so a resolution sticks: e.g. 'rule:interpretation'. */
  key: string;
  severity: 'block' | 'warn';
  message: string;
}

/**
 * What a subscription can match in one of the kind's published items, as SQL over the table's
 * alias (subscriptions/matching.ts builds its queries from these; a missing facet never matches).
 */
export interface SubscriptionFacets {
  /** The item's topics (its own and, for an interpretation, its documents'), as bigint[]. */
  topicIds?(alias: string): RawBuilder<number[]>;
  audiences?(alias: string): RawBuilder<string[]>;
  docTypes?(alias: string): RawBuilder<string[]>;
  /** The segmented title and body as a stored tsvector, for keyword subscriptions … */
  vector?(alias: string): RawBuilder<unknown>;
  /** … or, for a kind that keeps none, the text to segment when an item is published (its feed then matches no keyword). */
  searchText?(alias: string): RawBuilder<string>;
  /** The line under the title in mail and the inbox: the organization's short name is `o.short_name`. */
  summary(alias: string): RawBuilder<string>;
  /** Following an organization: which of its items count (its own documents, not the reference material it keeps). */
  ownSql?(alias: string): RawBuilder<boolean>;
}

/** How the kind's public items are listed in a catalog column, a feed and the sitemap, as SQL over the table's alias. */
export interface CatalogPlacement {
  /** The catalog column (catalog_nodes.id) the item is filed in. */
  nodeSql(alias: string): RawBuilder<number | null>;
  /** The date the public sees (发布日期), as 'YYYY-MM-DD'. */
  dateSql(alias: string): RawBuilder<string | null>;
  /** The small print under the title: 索引号, 文号, a 公示's period … */
  summarySql(alias: string): RawBuilder<string>;
  /** A word shown with the title in lists, such as a document's validity (现行有效 / 已废止); null for none. */
  badgeSql?(alias: string): RawBuilder<string | null>;
  /** Whether the item belongs in the organization's own lists (not reference material it keeps for readers). */
  ownSql?(alias: string): RawBuilder<boolean>;
}
