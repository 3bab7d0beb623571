/**
 * Synthetic disclosure requests for bench/requests.ts: whole case histories, each a list of dated
 * events as the app's commands would have written them (submitted or intake, registered, assigned,
 * corrections, consultations, extensions, fees, reply review, reply, delivery, archiving), from
 * which the stored columns (status, received_on, due_on, clock, outcome, closed_on, …) are derived
 * with the app's own clock fold (computeClock). Deterministic for a given seed; dates never pass
 * `today`. Also the event lists of the deadline-rate measurement (clockCases).
 */
import type { ApplicantKind, RequestChannel, RequestStatus } from '../../src/db/schema.js';
import { addDays, daysBetween } from '../../src/platform/calendar/dates.js';
import type { WorkingCalendar } from '../../src/platform/calendar/working-calendar.js';
import { CLOCK_EVENT_KINDS, computeClock, CONSULTATION_DAYS, FEE_PAYMENT_DAYS, type ClockEvent, type ClockState } from '../../src/modules/requests/domain/clock.js';
import { OUTCOMES } from '../../src/modules/requests/domain/outcomes.js';

/** Seeded, so every build holds the same cases. */
export { seededRandom } from '../../test/helpers/random.js';

export type Rng = () => number;
export const randInt = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
export function pick<T>(rng: Rng, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

/** The demo organizations (src/db/seeds/demo.ts keys) and their share of requests: the city and 人社局 hold most. */
export const ORG_SHARES: readonly (readonly [string, number])[] = [
  ['city', 0.4], ['rsj', 0.24], ['zjj', 0.09], ['czj', 0.05], ['fgw', 0.05], ['dongshan', 0.07], ['xihu', 0.05], ['qingshi', 0.025], ['baisha', 0.025],
];
/** Organizations whose replies go through the disclosure office's procedural review. */
export const REVIEWED_ORGS = new Set(['city', 'rsj']);

/** About 8 % of requests are open; pending ones were submitted online and are not yet registered. */
const OPEN_SHARE = 0.08;
const OPEN_STATUS_WEIGHTS: readonly (readonly [RequestStatus, number])[] = [
  ['pending', 0.14], ['handling', 0.46], ['awaiting_correction', 0.09], ['consulting', 0.08], ['extension_pending', 0.05], ['awaiting_fee', 0.03], ['reply_review', 0.1], ['reply_approved', 0.05],
];
const CHANNELS: readonly (readonly [RequestChannel, number])[] = [['online', 0.65], ['in_person', 0.18], ['post_signed', 0.1], ['post_unsigned', 0.02], ['fax', 0.05]];
export const APPLICANT_KIND_WEIGHTS: readonly (readonly [ApplicantKind, number])[] = [['natural', 0.78], ['business', 0.12], ['research', 0.01], ['public_interest', 0.01], ['legal_service', 0.05], ['other', 0.03]];
/** Outcomes chosen in a reply (the lapses and withdrawal come from their own paths). */
const OUTCOME_WEIGHTS: Record<string, number> = {
  disclose: 0.36, partial: 0.1, withhold_secret: 0.003, withhold_law: 0.005, withhold_security: 0.005, withhold_third_party: 0.02, withhold_internal: 0.02, withhold_process: 0.03,
  withhold_enforcement: 0.01, withhold_inquiry: 0.01, unable_not_held: 0.2, unable_needs_creation: 0.05, unable_unclear: 0.02, reject_complaint: 0.04, reject_repeat: 0.03,
  reject_publication: 0.005, reject_mass: 0.01, reject_confirm: 0.01, other_other: 0.03,
};
const CHOSEN: readonly (readonly [string, number])[] = OUTCOMES.filter((o) => OUTCOME_WEIGHTS[o.code]).map((o) => [o.code, OUTCOME_WEIGHTS[o.code]!] as const);
/** Received-date weights by year (requests grow year on year); the current year runs to today. */
const YEAR_WEIGHTS: Record<number, number> = { 2021: 0.12, 2022: 0.14, 2023: 0.16, 2024: 0.18, 2025: 0.2, 2026: 0.2 };

export interface SimEvent {
  kind: string;
  on: string;
  details: Record<string, unknown>;
  visible: boolean;
  by: 'handler' | 'applicant' | 'office' | 'system';
}

export interface SimRequest {
  org: string;
  status: RequestStatus;
  channel: RequestChannel;
  submittedOn: string;
  receivedOn: string | null;
  events: SimEvent[];
  outcome: string | null;
  deliveredOn: string | null;
  closedOn: string | null;
  assigned: boolean;
  /** The clock as storeClock keeps it: folded at today while open, at the closing day once closed. */
  clock: ClockState;
}

export function clockEventsOf(events: readonly SimEvent[]): ClockEvent[] {
  return events.filter((e) => (CLOCK_EVENT_KINDS as readonly string[]).includes(e.kind)).map((e) => ({ ...e.details, kind: e.kind, on: e.on }) as ClockEvent);
}

/** Builds one case history; `today` bounds every date. */
export class CaseSimulator {
  private readonly firstDay = '2021-01-04';
  constructor(
    private readonly rng: Rng,
    private readonly cal: WorkingCalendar,
    private readonly today: string,
  ) {}

  /** The working day `n` working days before `day` (n = 0: `day` itself if working, else the one before). */
  private workingDaysBefore(day: string, n: number): string {
    let d = day;
    while (!this.cal.isWorkingDay(d)) d = addDays(d, -1);
    for (let k = 0; k < n; ) {
      d = addDays(d, -1);
      if (this.cal.isWorkingDay(d)) k++;
    }
    return d;
  }

  private plus(day: string, n: number): string {
    return this.cal.addWorkingDays(day, n);
  }

  private nextWorking(day: string): string {
    return this.cal.isWorkingDay(day) ? day : this.plus(day, 1);
  }

  /** Not after today. */
  private capped(day: string): string {
    return day > this.today ? this.today : day;
  }

  next(): SimRequest {
    const r = this.rng;
    const org = pick(r, ORG_SHARES);
    if (r() < OPEN_SHARE) return this.open(org, pick(r, OPEN_STATUS_WEIGHTS));
    for (let back = 0; ; back += 150) {
      const sim = this.closed(org, back);
      if (sim) return sim;
    }
  }

  private receivedDay(back: number): string {
    const r = this.rng;
    const year = pick(r, Object.entries(YEAR_WEIGHTS).map(([y, w]) => [Number(y), w] as const));
    const last = addDays(this.today, -25);
    const from = year === 2021 ? this.firstDay : `${year}-01-01`;
    const to = `${year}-12-31` < last ? `${year}-12-31` : last;
    const span = Math.max(0, daysBetween(from, to));
    let d = addDays(from, randInt(r, 0, span));
    if (back) d = addDays(d, -back);
    if (d < this.firstDay) d = this.firstDay;
    return this.nextWorking(d);
  }

  private intake(channel: RequestChannel, receivedOn: string, submittedOn: string): SimEvent[] {
    const ev: SimEvent[] = [];
    if (channel === 'online') ev.push({ kind: 'submitted', on: submittedOn, details: { channel }, visible: true, by: 'applicant' });
    else ev.push({ kind: 'intake', on: receivedOn, details: { channel }, visible: true, by: 'handler' });
    ev.push({ kind: 'registered', on: receivedOn, details: {}, visible: true, by: 'handler' });
    return ev;
  }

  private submittedBefore(receivedOn: string, channel: RequestChannel): string {
    return channel === 'online' ? addDays(receivedOn, -randInt(this.rng, 0, 3)) : receivedOn;
  }

  private clockAt(events: readonly SimEvent[], day: string): ClockState {
    return computeClock(clockEventsOf(events), this.cal, { feePausesClock: true }, day);
  }

  /** A closed case; null when its history would run past today (the caller retries further back). */
  private closed(org: string, back: number): SimRequest | null {
    const r = this.rng;
    const channel = pick(r, CHANNELS);
    const receivedOn = this.receivedDay(back);
    const submittedOn = this.submittedBefore(receivedOn, channel);
    const events = this.intake(channel, receivedOn, submittedOn);
    let c = receivedOn;
    const assigned = r() < 0.9;
    if (assigned) {
      c = this.plus(c, randInt(r, 0, 1));
      events.push({ kind: 'assigned', on: c, details: {}, visible: false, by: 'handler' });
    }
    const finish = (status: RequestStatus, outcome: string, closedOn: string, replied: boolean): SimRequest | null => {
      let deliveredOn: string | null = null;
      let archivedOn: string | null = null;
      if (replied) {
        deliveredOn = addDays(closedOn, randInt(r, 0, 5));
        if (deliveredOn > this.today) deliveredOn = null;
        else events.push({ kind: 'delivered', on: deliveredOn, details: { method: pick(r, [['post', 0.4], ['email', 0.3], ['online', 0.2], ['pickup', 0.1]]) }, visible: true, by: 'handler' });
      }
      if (status !== 'withdrawn' && daysBetween(closedOn, this.today) > 60 && r() < 0.9) {
        archivedOn = addDays(closedOn, randInt(r, 20, 60));
        events.push({ kind: 'archived', on: archivedOn, details: {}, visible: false, by: 'handler' });
        status = 'archived';
      }
      if (events.some((e) => e.on > this.today)) return null;
      return {
        org, status, channel, submittedOn, receivedOn, events, outcome, deliveredOn, closedOn, assigned,
        clock: this.clockAt(events, closedOn),
      };
    };

    if (r() < 0.05) {
      const on = this.plus(c, randInt(r, 1, 15));
      events.push({ kind: 'withdrawn', on, details: { reason: '申请人撤回申请' }, visible: true, by: 'applicant' });
      return finish('withdrawn', 'other_other', on, false);
    }
    const episode = pick(r, [['none', 0.75], ['correction', 0.08], ['consultation', 0.07], ['extension', 0.05], ['fee', 0.03], ['consultation+extension', 0.02]] as const);
    if (episode === 'correction') {
      const asked = this.plus(receivedOn, randInt(r, 1, 7));
      const correctBy = this.plus(asked, 15);
      events.push({ kind: 'correction_requested', on: asked, details: { correctBy, items: '请写明所需信息的名称、文号或便于查询的其他特征性描述。' }, visible: true, by: 'handler' });
      if (r() < 0.15) {
        const on = this.plus(correctBy, randInt(r, 1, 5));
        return this.reply(events, on, 'other_no_correction', finish);
      }
      c = this.plus(asked, randInt(r, 1, 15));
      events.push({ kind: 'correction_received', on: c, details: {}, visible: true, by: 'applicant' });
    }
    if (episode === 'consultation' || episode === 'consultation+extension') {
      const start = this.plus(c, randInt(r, 2, 10));
      events.push({ kind: 'consultation_started', on: start, details: { replyBy: this.plus(start, CONSULTATION_DAYS), partyKind: 'third_party', party: '第三方企业' }, visible: true, by: 'handler' });
      c = this.plus(start, randInt(r, 3, 15));
      events.push({ kind: 'consultation_ended', on: c, details: { opinion: pick(r, [['同意公开', 0.5], ['不同意公开', 0.3], ['逾期未答复', 0.2]]) }, visible: true, by: 'handler' });
    }
    if (episode === 'extension' || episode === 'consultation+extension') {
      const due = this.clockAt(events, c).dueOn!;
      const asked = this.workingDaysBefore(due, randInt(r, 1, 5));
      const on = asked < c ? c : asked;
      events.push({ kind: 'extension_requested', on, details: { days: 20, reason: '申请内容复杂，需要调取多年档案' }, visible: false, by: 'handler' });
      c = this.plus(on, randInt(r, 0, 1));
      events.push({ kind: 'extension_approved', on: c, details: { days: pick(r, [[20, 0.7], [15, 0.2], [10, 0.1]]) }, visible: true, by: 'office' });
    }
    if (episode === 'fee') {
      const on = this.plus(c, randInt(r, 2, 10));
      const payBy = this.plus(on, FEE_PAYMENT_DAYS);
      events.push({ kind: 'fee_notified', on, details: { payBy, method: 'by_piece', amount: randInt(r, 100, 800), pages: randInt(r, 40, 300) }, visible: true, by: 'handler' });
      if (r() < 0.15) return this.reply(events, this.plus(payBy, randInt(r, 1, 5)), 'other_no_fee', finish);
      c = this.plus(on, randInt(r, 1, 15));
      events.push({ kind: 'fee_paid', on: c, details: {}, visible: true, by: 'handler' });
    }
    const due = this.clockAt(events, c).dueOn!;
    const late = r() < 0.02;
    const left = Math.max(1, this.cal.workingDaysBetween(c, due));
    const replyOn = late ? this.plus(due, randInt(r, 1, 8)) : this.plus(c, randInt(r, 1, left));
    return this.reply(events, replyOn, pick(r, CHOSEN), finish);
  }

  private reply(events: SimEvent[], on: string, outcome: string, finish: (s: RequestStatus, o: string, closedOn: string, replied: boolean) => SimRequest | null): SimRequest | null {
    if (this.rng() < 0.3) {
      events.push({ kind: 'reply_submitted', on, details: {}, visible: false, by: 'handler' });
      events.push({ kind: 'reply_approved', on, details: {}, visible: false, by: 'office' });
    }
    events.push({ kind: 'replied', on, details: { outcome }, visible: true, by: 'handler' });
    return finish('replied', outcome, on, true);
  }

  /** An open case as it stands today. */
  private open(org: string, status: RequestStatus): SimRequest {
    const r = this.rng;
    const t = this.today;
    if (status === 'pending') {
      const submittedOn = addDays(t, -randInt(r, 0, 4));
      const events: SimEvent[] = [{ kind: 'submitted', on: submittedOn, details: { channel: 'online' }, visible: true, by: 'applicant' }];
      return this.openCase(org, status, 'online', submittedOn, null, events, false);
    }
    const ago = {
      handling: r() < 0.85 ? randInt(r, 0, 19) : randInt(r, 20, 35),
      awaiting_correction: randInt(r, 1, 12),
      consulting: randInt(r, 3, 25),
      extension_pending: randInt(r, 14, 22),
      awaiting_fee: randInt(r, 3, 20),
      reply_review: randInt(r, 6, 22),
      reply_approved: randInt(r, 8, 22),
    }[status as Exclude<RequestStatus, 'pending' | 'replied' | 'archived' | 'withdrawn'>];
    const channel = pick(r, CHANNELS);
    const receivedOn = this.workingDaysBefore(t, ago);
    const submittedOn = this.submittedBefore(receivedOn, channel);
    const events = this.intake(channel, receivedOn, submittedOn);
    const assigned = r() < 0.85;
    if (assigned) events.push({ kind: 'assigned', on: this.capped(this.plus(receivedOn, randInt(r, 0, 1))), details: {}, visible: false, by: 'handler' });
    const soon = (from: string, lo: number, hi: number) => this.capped(this.plus(from, randInt(r, lo, hi)));
    switch (status) {
      case 'handling':
        if (ago >= 20 && r() < 0.5) events.push({ kind: 'extension_approved', on: soon(receivedOn, 17, 19), details: { days: 20 }, visible: true, by: 'office' });
        else if (ago >= 10 && r() < 0.15) {
          const start = soon(receivedOn, 2, 4);
          events.push({ kind: 'consultation_started', on: start, details: { replyBy: this.plus(start, CONSULTATION_DAYS), partyKind: 'agency', party: '市自然资源和规划局' }, visible: true, by: 'handler' });
          events.push({ kind: 'consultation_ended', on: soon(start, 2, 5), details: { opinion: '同意公开' }, visible: true, by: 'handler' });
        }
        break;
      case 'awaiting_correction': {
        const asked = soon(receivedOn, 1, Math.min(7, ago));
        events.push({ kind: 'correction_requested', on: asked, details: { correctBy: this.plus(asked, 15), items: '请写明所需信息的名称、文号或便于查询的其他特征性描述。' }, visible: true, by: 'handler' });
        break;
      }
      case 'consulting': {
        const start = soon(receivedOn, 2, Math.max(2, Math.min(10, ago)));
        events.push({ kind: 'consultation_started', on: start, details: { replyBy: this.plus(start, CONSULTATION_DAYS), partyKind: 'third_party', party: '第三方企业' }, visible: true, by: 'handler' });
        break;
      }
      case 'extension_pending':
        events.push({ kind: 'extension_requested', on: soon(receivedOn, 12, ago), details: { days: 20, reason: '申请内容复杂，需要调取多年档案' }, visible: false, by: 'handler' });
        break;
      case 'awaiting_fee': {
        const on = soon(receivedOn, 2, Math.max(2, ago));
        events.push({ kind: 'fee_notified', on, details: { payBy: this.plus(on, FEE_PAYMENT_DAYS), method: 'by_piece', amount: randInt(r, 100, 800), pages: randInt(r, 40, 300) }, visible: true, by: 'handler' });
        break;
      }
      case 'reply_review':
      case 'reply_approved': {
        const on = soon(receivedOn, 5, ago);
        events.push({ kind: 'reply_submitted', on, details: {}, visible: false, by: 'handler' });
        if (status === 'reply_approved') events.push({ kind: 'reply_approved', on: soon(on, 0, 1), details: {}, visible: false, by: 'office' });
        break;
      }
    }
    events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    return this.openCase(org, status, channel, submittedOn, receivedOn, events, assigned);
  }

  private openCase(org: string, status: RequestStatus, channel: RequestChannel, submittedOn: string, receivedOn: string | null, events: SimEvent[], assigned: boolean): SimRequest {
    return { org, status, channel, submittedOn, receivedOn, events, outcome: null, deliveredOn: null, closedOn: null, assigned, clock: this.clockAt(events, this.today) };
  }
}

// ---------------------------------------------------------------------------------------------
// The deadline-rate measurement's inputs.

export interface ClockCase {
  shape: string;
  events: ClockEvent[];
  feePausesClock: boolean;
  today: string;
}

const CLOCK_SHAPES = [
  ['registered', 0.35],
  ['correction', 0.15],
  ['consultation', 0.15],
  ['consultation (ongoing)', 0.05],
  ['extension', 0.1],
  ['fee', 0.08],
  ['fee (unpaid)', 0.04],
  ['correction+consultation+extension+fee', 0.08],
] as const;

/**
 * Event lists of every shape the clock folds, registered between 2024 and 2026, a tenth of them in
 * the first half of 2027 (a year without a published holiday schedule: provisional deadlines).
 */
export function clockCases(rng: Rng, cal: WorkingCalendar, n: number): ClockCase[] {
  const out: ClockCase[] = [];
  const plus = (d: string, k: number) => cal.addWorkingDays(d, k);
  for (let i = 0; i < n; i++) {
    const shape = pick(rng, CLOCK_SHAPES);
    let d = rng() < 0.1 ? addDays('2027-01-01', randInt(rng, 0, 180)) : addDays('2024-01-01', randInt(rng, 0, 1095));
    const events: ClockEvent[] = [{ kind: 'registered', on: d }];
    if (shape === 'correction' || shape.startsWith('correction+')) {
      d = plus(d, randInt(rng, 1, 7));
      events.push({ kind: 'correction_requested', on: d, correctBy: plus(d, 15) });
      d = plus(d, randInt(rng, 1, 15));
      events.push({ kind: 'correction_received', on: d });
    }
    if (shape.startsWith('consultation') || shape.includes('+consultation')) {
      d = plus(d, randInt(rng, 2, 10));
      events.push({ kind: 'consultation_started', on: d, replyBy: plus(d, CONSULTATION_DAYS) });
      if (shape !== 'consultation (ongoing)') {
        d = plus(d, randInt(rng, 3, 15));
        events.push({ kind: 'consultation_ended', on: d });
      }
    }
    if (shape === 'extension' || shape.includes('+extension')) {
      d = plus(d, randInt(rng, 10, 19));
      events.push({ kind: 'extension_approved', on: d, days: pick(rng, [[20, 0.7], [15, 0.2], [10, 0.1]]) });
    }
    if (shape.startsWith('fee') || shape.endsWith('+fee')) {
      d = plus(d, randInt(rng, 2, 10));
      events.push({ kind: 'fee_notified', on: d, payBy: plus(d, FEE_PAYMENT_DAYS) });
      if (shape !== 'fee (unpaid)') {
        d = plus(d, randInt(rng, 1, 15));
        events.push({ kind: 'fee_paid', on: d });
      }
    }
    out.push({ shape, events, feePausesClock: rng() < 0.7, today: addDays(d, randInt(rng, 0, 20)) });
  }
  return out;
}
