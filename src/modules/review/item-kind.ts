import type { Kysely, Transaction } from 'kysely';
import type { Database, ItemType } from '../../db/schema.js';
import type { CommandContext } from '../../platform/http/command.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { FileStorage } from '../../platform/files/storage.js';

/**
 * What the review workflow needs to know about one kind of publishable item. The workflow's state
 * lives in the same-named review columns of each kind's table (migration 0002); everything else
 * about the kind comes through here, so a later content type joins by adding one of these.
 */
export interface ItemKind {
  type: ItemType;
  table: 'documents' | 'interpretations' | 'qa_entries';
  /** The column review lists show as the item's title ('title' unless said otherwise; a Q&A entry's is its question). */
  titleColumn?: 'question';
  /** 文件 / 政策解读 / 政策问答 */
  label: string;
  adminUrl(id: number): string;
  publicUrl(id: number): string;
  /** The text the automatic checks read: the title, the full (unredacted) body, each attachment's text. */
  checkFields(db: Kysely<Database>, id: number): Promise<CheckField[]>;
  /** Findings from the kind's own rules: missing metadata, 三同步, files not redacted, … */
  ruleFindings(db: Kysely<Database>, id: number, ctx: CommandContext): Promise<RuleFinding[]>;
  /**
   * Makes the item public. A first edition becomes published; a later edition is published into
   * the item it edits (which keeps its id and address) and becomes `merged`. Returns the live id.
   */
  publish(trx: Transaction<Database>, ctx: CommandContext, id: number): Promise<number>;
  /** After a withdrawal or publication, anything derived (search, caches) the kind keeps. */
  afterChange?(trx: Transaction<Database>, liveId: number): Promise<void>;
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
