import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordEvent, type AuditAction, type AuditActor } from '../audit/audit.js';
import type { FileStorage } from './storage.js';
import type { Upload } from './uploads.js';

/** Where a stored attachment lives: content-addressed, so one file uploaded twice is kept once. */
export function storageKeyFor(sha256: string): string {
  return `attachments/${sha256.slice(0, 2)}/${sha256}`;
}

/**
 * A content kind's new attachments, inside its save's transaction: each file is moved into storage
 * (before commit: a failed transaction leaves at most an unreferenced, content-addressed file), its
 * row added after the owner's others with the text read from it, and its audit event recorded.
 * `table` has the attachment columns every kind's attachment table shares (migration 0001's
 * `attachments`), and `owner` names its owner column.
 */
export async function addAttachmentRows(
  trx: Transaction<Database>,
  at: { table: 'attachments' | 'info_item_attachments'; owner: { column: string; id: number } },
  a: {
    files: readonly { upload: Upload; text: string }[];
    storage: FileStorage;
    redactedCopies: boolean;
    createdBy: number;
    now: Date;
    event: { actor: AuditActor; action: AuditAction; entityType: string };
  },
): Promise<void> {
  if (a.files.length === 0) return;
  const table = at.table as 'attachments';
  const owner = at.owner.column as 'document_id';
  const max = await trx.selectFrom(table).select(sql<number>`coalesce(max(position), 0)`.as('p')).where(owner, '=', at.owner.id).executeTakeFirst();
  let position = Number(max?.p ?? 0);
  for (const { upload: u, text } of a.files) {
    const key = storageKeyFor(u.sha256);
    await a.storage.putFile(key, u.tempPath);
    await trx
      .insertInto(table)
      .values({
        [owner]: at.owner.id, file_name: u.fileName, media_type: u.detected?.mime ?? u.declaredType, size_bytes: u.size, sha256: u.sha256, storage_key: key, position: ++position,
        created_by: a.createdBy, removed_at: null, created_at: a.now, text_content: text, redacted_copy: a.redactedCopies,
      } as never)
      .execute();
    await recordEvent(trx, { ...a.event, entityId: at.owner.id, after: { fileName: u.fileName, sha256: u.sha256, size: u.size }, at: a.now });
  }
}
