import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, RequestEventsTable, RequestsTable } from '../../db/schema.js';
import type { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import { CLOCK_EVENT_KINDS, computeClock, type ClockEvent, type ClockState } from './domain/clock.js';
import type { RequestSubject } from './domain/workflow.js';

/**
 * One disclosure request with what its rules need: its events (from which the clock is folded),
 * its organization's settings and its reply draft. Read inside a command's transaction (with the
 * row locked) or by a page.
 */
export type RequestRow = Selectable<RequestsTable>;
export type RequestEventRow = Selectable<RequestEventsTable>;

export interface RequestCase {
  row: RequestRow;
  events: RequestEventRow[];
  org: { id: number; name: string; parentId: number | null; replyReview: boolean; feePausesClock: boolean; correctionDays: number };
  draft: { id: number; outcome: string | null; body: string; title: string } | null;
}

type Db = Kysely<Database> | Transaction<Database>;

export async function loadCase(db: Db, id: number, opts: { lock?: boolean } = {}): Promise<RequestCase | null> {
  let q = db.selectFrom('requests').selectAll().where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const [events, org, draft] = await Promise.all([
    db.selectFrom('request_events').selectAll().where('request_id', '=', id).orderBy('id').execute(),
    db.selectFrom('organizations').select(['id', 'name', 'parent_id', 'request_reply_review', 'request_fee_pauses_clock', 'request_correction_days']).where('id', '=', row.org_id).executeTakeFirstOrThrow(),
    db.selectFrom('request_letters').select(['id', 'outcome', 'body', 'title']).where('request_id', '=', id).where('kind', '=', 'reply').where('status', '=', 'draft').executeTakeFirst(),
  ]);
  return {
    row,
    events,
    org: { id: org.id, name: org.name, parentId: org.parent_id, replyReview: org.request_reply_review, feePausesClock: org.request_fee_pauses_clock, correctionDays: org.request_correction_days },
    draft: draft ?? null,
  };
}

/** The events that move the clock, as the pure fold reads them. */
export function clockEventsOf(events: readonly Pick<RequestEventRow, 'kind' | 'on_date' | 'details'>[]): ClockEvent[] {
  return events
    .filter((e) => (CLOCK_EVENT_KINDS as readonly string[]).includes(e.kind))
    .map((e) => ({ ...(e.details as object), kind: e.kind, on: e.on_date }) as ClockEvent);
}

export function clockOf(c: RequestCase, cal: WorkingCalendar, today: string): ClockState {
  return computeClock(clockEventsOf(c.events), cal, { feePausesClock: c.org.feePausesClock }, today);
}

export function subjectOf(c: RequestCase, clock: ClockState, today: string): RequestSubject {
  return {
    status: c.row.status,
    clock,
    replyReview: c.org.replyReview,
    draftOutcome: c.draft?.outcome ?? null,
    delivered: c.row.delivered_on !== null,
    extended: c.events.some((e) => e.kind === 'extension_approved'),
    today,
  };
}
