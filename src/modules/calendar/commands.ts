import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordEvent, type AuditAction } from '../../platform/audit/audit.js';
import { bumpCalendarVersion, readWorkingCalendar } from '../../platform/calendar/store.js';
import { packageHasYear } from '../../platform/calendar/statutory-holidays.js';
import { inTransaction, type CommandContext } from '../../platform/http/command.js';
import { RuleError } from '../../platform/http/errors.js';
import { recomputeOpenDeadlines } from '../requests/public.js';
import { FIRST_YEAR, LAST_YEAR } from './schemas.js';

/**
 * Changes to the working-day calendar. Each is one transaction: the change, the new calendar
 * version, the audit event, and the recomputation of every open disclosure request's deadline
 * (DESIGN "Time and law": a change to the calendar recomputes open deadlines). Each returns how
 * many deadlines changed.
 */
export interface OverrideInput {
  day: string;
  working: boolean;
  note: string;
}

export async function setOverride(ctx: CommandContext, input: OverrideInput): Promise<number> {
  const year = Number(input.day.slice(0, 4));
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) throw new RuleError(`日期应在 ${FIRST_YEAR} 年至 ${LAST_YEAR} 年之间`, 'day');
  if (!input.note.trim()) throw new RuleError('请填写说明', 'note');
  return inTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('calendar_overrides').select(['day', 'working', 'note']).where('day', '=', input.day).executeTakeFirst();
    const row = { working: input.working, note: input.note, created_by: ctx.actor.id, created_at: ctx.clock.now() };
    await trx
      .insertInto('calendar_overrides')
      .values({ day: input.day, ...row })
      .onConflict((oc) => oc.column('day').doUpdateSet(row))
      .execute();
    return afterChange(trx, ctx, 'calendar.override_set', 'calendar_overrides', input.day, before ?? null, { day: input.day, working: input.working, note: input.note });
  });
}

export async function deleteOverride(ctx: CommandContext, day: string): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const before = await trx.deleteFrom('calendar_overrides').where('day', '=', day).returning(['day', 'working', 'note']).executeTakeFirst();
    if (!before) throw new RuleError('该日期没有调整记录，可能已被删除');
    return afterChange(trx, ctx, 'calendar.override_delete', 'calendar_overrides', day, before, null);
  });
}

/**
 * An administrator attests that a year's State Council schedule (国务院办公厅关于部分节假日安排的
 * 通知) has been entered as overrides: its deadlines are no longer provisional. A year the calendar
 * package already carries needs no confirmation.
 */
export async function confirmYear(ctx: CommandContext, input: { year: number; note: string }): Promise<number> {
  if (packageHasYear(input.year)) throw new RuleError(`${input.year} 年的放假安排已包含在日历数据包中，无需确认`);
  return inTransaction(ctx, async (trx) => {
    const row = { note: input.note, confirmed_by: ctx.actor.id, confirmed_at: ctx.clock.now() };
    await trx
      .insertInto('calendar_years')
      .values({ year: input.year, ...row })
      .onConflict((oc) => oc.column('year').doUpdateSet(row))
      .execute();
    return afterChange(trx, ctx, 'calendar.year_confirm', 'calendar_years', input.year, null, { year: input.year, note: input.note });
  });
}

export async function unconfirmYear(ctx: CommandContext, year: number): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const before = await trx.deleteFrom('calendar_years').where('year', '=', year).returning(['year', 'note']).executeTakeFirst();
    if (!before) throw new RuleError(`${year} 年尚未确认`);
    return afterChange(trx, ctx, 'calendar.year_unconfirm', 'calendar_years', year, before, null);
  });
}

async function afterChange(trx: Transaction<Database>, ctx: CommandContext, action: AuditAction, entityType: string, entityId: string | number, before: unknown, after: unknown): Promise<number> {
  await bumpCalendarVersion(trx);
  await recordEvent(trx, { actor: ctx.actor, action, entityType, entityId, before, after, at: ctx.clock.now() });
  // The calendar as this transaction sees it, change included (the cached one is the old one).
  const calendar = await readWorkingCalendar(trx);
  return recomputeOpenDeadlines(trx, calendar, ctx.clock.now());
}
