import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { explainDeadline } from '../calendar/working-calendar.js';
import { RuleError } from '../http/errors.js';

/**
 * 转办: a case sent on to the organization it belongs to, the generic step of the tracked-case seam
 * (DESIGN.md “Tracked cases”). A channel locks its case within the actor's scope and checks that
 * the receiving organization is in it (its policy); the rules every channel shares are here: a
 * reason is required, a case is not transferred to its own organization nor once concluded, the
 * deadline restarts at the receiving organization, and the transfer is recorded for the timeline.
 *
 * The deadline restarts (docs/adr/0021-referral-routing.md): the receiving
 * organization has its own full period from the day it receives the case, as a disclosure request
 * transferred under 条例 第三十三条 does (counted from receipt) and as 12345 rules give the handling
 * unit its 5 working days from dispatch (domain.md §9). The first deadline is kept with the
 * transfer, so the whole wait stays visible to the asker and to supervision.
 */
export const MAX_TRANSFER_REASON = 500;

export interface TransferCheck {
  fromOrgId: number;
  toOrgId: number;
  reason: string;
  /** Answered, closed or otherwise concluded. */
  concluded: boolean;
}

/** The reason, trimmed, when the transfer may be made; else a RuleError (422) with its field. */
export function checkTransfer(t: TransferCheck): string {
  if (t.concluded) throw new RuleError('已答复或已办结的事项不能转办');
  if (!Number.isInteger(t.toOrgId) || t.toOrgId <= 0) throw new RuleError('请选择转办的机构', 'toOrgId');
  if (t.toOrgId === t.fromOrgId) throw new RuleError('不能转办给本机构，请选择其他机构', 'toOrgId');
  const reason = t.reason.trim();
  if (!reason) throw new RuleError('请填写转办理由', 'reason');
  if (reason.length > MAX_TRANSFER_REASON) throw new RuleError(`转办理由不能超过 ${MAX_TRANSFER_REASON} 字`, 'reason');
  if (/[<>]/.test(reason)) throw new RuleError('转办理由不能包含尖括号 < >', 'reason');
  return reason;
}

/** The deadline at the receiving organization: its own period, counted from the day of the transfer. */
export function transferredDeadline(cal: WorkingCalendar, on: string, days: number, toName: string) {
  const d = explainDeadline(cal, on, days, `转办至${toName}`);
  return { from: on, days, dueOn: d.dueOn, provisional: d.provisional, explanation: d.explanation, calendarVersion: cal.version };
}

export interface TransferRecord {
  channel: string;
  caseId: number;
  fromOrgId: number;
  toOrgId: number;
  reason: string;
  by: number | null;
  at: Date;
  on: string;
  dueBefore: string | null;
  dueAfter: string | null;
}

/** Records the transfer; its id names the notice about it (one per transfer). */
export async function recordTransfer(trx: Transaction<Database>, t: TransferRecord): Promise<number> {
  const row = await trx
    .insertInto('case_transfers')
    .values({ channel: t.channel, case_id: t.caseId, from_org_id: t.fromOrgId, to_org_id: t.toOrgId, reason: t.reason, transferred_by: t.by, transferred_at: t.at, transferred_on: t.on, due_before: t.dueBefore, due_after: t.dueAfter })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface TransferStep {
  at: Date;
  fromName: string;
  toName: string;
  reason: string;
  dueBefore: string | null;
  dueAfter: string | null;
  /** Who transferred it: for the back office only. */
  by: string | null;
}

/** A case's transfers, oldest first, for its timeline. */
export async function listTransfers(db: Kysely<Database>, channel: string, caseId: number): Promise<TransferStep[]> {
  const rows = await db
    .selectFrom('case_transfers as t')
    .innerJoin('organizations as f', 'f.id', 't.from_org_id')
    .innerJoin('organizations as o', 'o.id', 't.to_org_id')
    .leftJoin('staff as s', 's.id', 't.transferred_by')
    .select(['t.transferred_at', 'f.name as from_name', 'o.name as to_name', 't.reason', 't.due_before', 't.due_after', 's.display_name'])
    .where('t.channel', '=', channel)
    .where('t.case_id', '=', caseId)
    .orderBy('t.transferred_at')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({ at: new Date(r.transferred_at), fromName: r.from_name, toName: r.to_name, reason: r.reason, dueBefore: r.due_before ? String(r.due_before) : null, dueAfter: r.due_after ? String(r.due_after) : null, by: r.display_name }));
}
