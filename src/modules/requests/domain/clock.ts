import { explainDeadline, type WorkingCalendar } from '../../../platform/calendar/working-calendar.js';

/**
 * The statutory clock of a disclosure request, as a pure fold over its events. Every deadline is
 * derived from dated events and the calendar, so it can be explained and recomputed when the
 * calendar changes (DESIGN "Time and law").
 */
export const REPLY_WORKING_DAYS = 20; // 条例 第三十三条第二款
export const MAX_EXTENSION_DAYS = 20; // 条例 第三十三条第二款
export const CORRECTION_NOTICE_DAYS = 7; // 条例 第三十条
export const CONSULTATION_DAYS = 15; // 条例 第三十二条、第三十四条
export const FEE_PAYMENT_DAYS = 20; // 国办函〔2020〕109号（收到收费通知次日起 20 个工作日）
/** Open requests due within this many working days are listed as due soon, and reminded. */
export const DUE_SOON_DAYS = 3;

/** The events that move the clock; `on` is the legal date each counts from. */
export type ClockEvent =
  | { kind: 'registered'; on: string }
  | { kind: 'correction_requested'; on: string; correctBy: string }
  | { kind: 'correction_received'; on: string }
  | { kind: 'consultation_started'; on: string; replyBy: string }
  | { kind: 'consultation_ended'; on: string }
  | { kind: 'extension_approved'; on: string; days: number }
  | { kind: 'fee_notified'; on: string; payBy: string }
  | { kind: 'fee_paid'; on: string }
  /** Sent on to the organization that holds the information: its own receipt and 20 days. */
  | { kind: 'transferred'; on: string };

export const CLOCK_EVENT_KINDS: readonly ClockEvent['kind'][] = ['registered', 'correction_requested', 'correction_received', 'consultation_started', 'consultation_ended', 'extension_approved', 'fee_notified', 'fee_paid', 'transferred'];

export type PauseKind = 'correction' | 'consultation' | 'fee';
export interface Waiting {
  kind: PauseKind;
  since: string;
  /** The last day for the applicant or the consulted party. */
  until: string;
}

export interface ExcludedPeriod {
  kind: 'consultation' | 'fee';
  from: string;
  /** null while it lasts */
  to: string | null;
  /** Working days after `from` up to `to` (or up to today while it lasts). */
  days: number;
}

export interface ClockState {
  /** The day the reply period counts from: receipt, or receipt of the corrected request (第三十条). */
  startOn: string | null;
  restarted: boolean;
  baseDays: number;
  extensionDays: number;
  excluded: ExcludedPeriod[];
  /** Why the clock stands still, and since when. */
  paused: Waiting | null;
  /** What the case waits for, whether or not the clock stands still for it. */
  waiting: Waiting | null;
  /** The reply deadline; null before registration and while paused. */
  dueOn: string | null;
  provisional: boolean;
  /** While paused: working days left once the clock runs again. */
  remainingDays: number | null;
  /** The last day for the one correction notice (7 working days from receipt), until one is sent. */
  correctionNoticeBy: string | null;
  correctionAsked: boolean;
  explanation: string;
}

export interface ClockOptions {
  /** Whether the clock stops between a fee notice and payment (configurable: the national rule is unconfirmed). */
  feePausesClock: boolean;
}

/** Folds the events, in order, into the clock at `today`. */
export function computeClock(events: readonly ClockEvent[], cal: WorkingCalendar, opts: ClockOptions, today: string): ClockState {
  let startOn: string | null = null;
  let receivedOn: string | null = null;
  let restarted = false;
  let extensionDays = 0;
  let excluded: ExcludedPeriod[] = [];
  let waiting: Waiting | null = null;
  let correctionAsked = false;

  for (const e of events) {
    switch (e.kind) {
      case 'registered':
        startOn = receivedOn = e.on;
        break;
      case 'correction_requested':
        correctionAsked = true;
        waiting = { kind: 'correction', since: e.on, until: e.correctBy };
        break;
      case 'correction_received':
        // A full restart from the corrected request, not a pause (条例 第三十条).
        startOn = e.on;
        restarted = true;
        excluded = [];
        extensionDays = 0;
        waiting = null;
        break;
      case 'consultation_started':
        waiting = { kind: 'consultation', since: e.on, until: e.replyBy };
        excluded.push({ kind: 'consultation', from: e.on, to: null, days: 0 });
        break;
      case 'fee_notified':
        waiting = { kind: 'fee', since: e.on, until: e.payBy };
        if (opts.feePausesClock) excluded.push({ kind: 'fee', from: e.on, to: null, days: 0 });
        break;
      case 'consultation_ended':
      case 'fee_paid': {
        const open = excluded.find((p) => p.to === null && p.kind === (e.kind === 'fee_paid' ? 'fee' : 'consultation'));
        if (open) {
          open.to = e.on;
          open.days = Math.max(0, cal.workingDaysBetween(open.from, e.on));
        }
        waiting = null;
        break;
      }
      case 'extension_approved':
        extensionDays += e.days;
        break;
      case 'transferred':
        // The receiving organization starts afresh from the day it receives the application
        // (条例 第三十一条、第三十三条): its own correction window, no pauses or extension carried over.
        startOn = receivedOn = e.on;
        restarted = false;
        excluded = [];
        extensionDays = 0;
        waiting = null;
        correctionAsked = false;
        break;
    }
  }
  const paused = waiting && (waiting.kind !== 'fee' || opts.feePausesClock) ? waiting : null;
  for (const p of excluded) if (p.to === null) p.days = Math.max(0, cal.workingDaysBetween(p.from, today));

  const baseDays = REPLY_WORKING_DAYS;
  const excludedDays = excluded.reduce((n, p) => n + p.days, 0);
  const total = baseDays + extensionDays + excludedDays;
  const correctionNoticeBy = receivedOn && !correctionAsked ? cal.addWorkingDays(receivedOn, CORRECTION_NOTICE_DAYS) : null;
  const base = { startOn, restarted, baseDays, extensionDays, excluded, paused, waiting, correctionNoticeBy, correctionAsked };

  if (!startOn) return { ...base, dueOn: null, provisional: false, remainingDays: null, explanation: '申请尚未登记受理，答复期限自收到申请之日（登记确认之日）起算。' };
  if (paused) {
    const closedExcluded = excluded.filter((p) => p.to !== null).reduce((n, p) => n + p.days, 0);
    const used = Math.max(0, cal.workingDaysBetween(startOn, paused.since) - closedExcluded);
    const remainingDays = Math.max(0, baseDays + extensionDays - used);
    return { ...base, dueOn: null, provisional: false, remainingDays, explanation: pauseText(paused, remainingDays) };
  }
  const d = explainDeadline(cal, startOn, total, restarted ? '收到补正后的申请' : '收到申请');
  return { ...base, dueOn: d.dueOn, provisional: d.provisional, remainingDays: null, explanation: `${explain(base, total)}${d.explanation}` };
}

const PAUSE_LABELS: Record<PauseKind, string> = {
  correction: '等待申请人补正',
  consultation: '征求第三方或其他机关意见',
  fee: '等待申请人缴纳信息处理费',
};

function pauseText(p: Waiting, remaining: number): string {
  if (p.kind === 'correction') {
    return `已于 ${p.since} 发出补正告知，申请人应于 ${p.until} 前补正；收到补正后的申请之日起重新计算 ${REPLY_WORKING_DAYS} 个工作日答复期限（条例第三十条）。`;
  }
  const why = p.kind === 'consultation' ? '征求意见所需时间不计算在答复期限内（条例第三十三条第三款）' : '缴费期间暂停计算答复期限（本机关设置）';
  return `自 ${p.since} 起${PAUSE_LABELS[p.kind]}（最迟 ${p.until}），${why}；恢复计时后尚余 ${remaining} 个工作日。`;
}

/** The sum behind the deadline ("收到申请后第 20 个工作日，加…"); the calendar's sentence follows it. */
function explain(s: Pick<ClockState, 'restarted' | 'baseDays' | 'extensionDays' | 'excluded'>, total: number): string {
  const parts = [`${s.restarted ? '收到补正后的申请' : '收到申请'}后第 ${s.baseDays} 个工作日`];
  const consult = s.excluded.filter((p) => p.kind === 'consultation').reduce((n, p) => n + p.days, 0);
  const fee = s.excluded.filter((p) => p.kind === 'fee').reduce((n, p) => n + p.days, 0);
  if (consult) parts.push(`加征求意见期间 ${consult} 个工作日（不计入答复期限，条例第三十三条第三款）`);
  if (fee) parts.push(`加缴费期间 ${fee} 个工作日`);
  if (s.extensionDays) parts.push(`加经批准延期的 ${s.extensionDays} 个工作日（条例第三十三条第二款）`);
  return `答复期限为${parts.join('，')}${parts.length > 1 ? `，共 ${total} 个工作日` : ''}。`;
}

export function lapsed(today: string, until: string): boolean {
  return today > until;
}
