import type { Transaction } from 'kysely';
import type { Database, ItemStatus, ItemType } from '../../../db/schema.js';
import { UNDER_REVIEW } from '../domain/workflow.js';

// Kept apart from review-action.ts: the kinds' save commands call it, and review-action imports the kinds.
/**
 * An edit of an item takes it back to draft: approvals given so far no longer cover its text.
 * Records the recall in the ledger when it was under review; returns the review columns to write.
 */
export async function recallForEdit(trx: Transaction<Database>, type: ItemType, item: { id: number; org_id: number; status: ItemStatus }, staffId: number, now: Date) {
  if (UNDER_REVIEW.includes(item.status)) {
    await trx.insertInto('review_actions').values({ item_type: type, item_id: item.id, org_id: item.org_id, action: 'recall', level: null, comment: '修改后需重新提交审核', staff_id: staffId, created_at: now }).execute();
  }
  return { status: 'draft' as const, review_level: 0, publish_at: null };
}
