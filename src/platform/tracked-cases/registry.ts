import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { formatChineseDate } from '../clock/clock.js';

/**
 * The tracked-case seam (DESIGN.md “Tracked cases”): everything a person submits and waits for —
 * disclosure requests, referred questions, later letters and work orders — is a channel that
 * registers here at start-up. The personal center lists a person's cases from every channel, and
 * the site-wide tracker (/track) hands a tracking number and access code to the channel it
 * belongs to, without either knowing the channels.
 */

/** One case as the personal center lists it. */
export interface TrackedCase {
  /** The channel's label: 依申请公开, 政策咨询 … */
  channelLabel: string;
  trackingNo: string;
  title: string;
  orgName: string;
  /** Where it is, in Chinese (办理中, 待申请人补正, 已答复 …). */
  statusLabel: string;
  submittedAt: Date;
  /** The date the answer is due, while the clock runs. */
  dueOn: string | null;
  /** Concluded (answered, withdrawn, closed): its last word, shown instead of a deadline. */
  concluded: string | null;
  /** Why there is no due date while open (waiting for a correction, not yet registered …). */
  waiting: string | null;
  /** The case's page, which its owner opens without the access code. */
  url: string;
}

export interface CaseChannel {
  label: string;
  /** A tracking number of this channel's form, to show people what to look for on their receipt. */
  example: string;
  /** Whether a tracking number (normalized: NFKC, no spaces, upper case) has this channel's form. */
  matches(trackingNo: string): boolean;
  /** The account's own cases, newest first. */
  listForAccount(accountId: number, limit: number): Promise<TrackedCase[]>;
  /**
   * Checks the access code of a case; when it is right, lets this browser open the case (as the
   * channel's own tracking form would) and returns its page. Null for an unknown number and for a
   * wrong code alike, so the answer tells nothing about which numbers exist.
   */
  admit(req: FastifyRequest, reply: FastifyReply, trackingNo: string, accessCode: string): Promise<string | null>;
}

// Per application (tests build several in one process): keyed by the app's dependencies object.
const registries = new WeakMap<object, CaseChannel[]>();

export function registerCaseChannel(app: FastifyInstance, channel: CaseChannel): void {
  const list = registries.get(app.deps) ?? [];
  list.push(channel);
  registries.set(app.deps, list);
}

export function caseChannels(app: FastifyInstance): readonly CaseChannel[] {
  return registries.get(app.deps) ?? [];
}

/** Tracking numbers and access codes as people type them: full-width, spaces and case do not matter. */
export const normalizeTrackingInput = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** Constant-time comparison of a given access-code hash with the stored one (or a stand-in when there is no case). */
export function accessMatches(given: string, stored: string | null | undefined, standIn: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(stored ?? standIn);
  return stored != null && a.length === b.length && timingSafeEqual(a, b);
}

/** The tracking numbers this browser has opened with their codes (a signed, httpOnly cookie per channel). */
export function rememberedCases(req: FastifyRequest, cookie: string, pattern: RegExp): string[] {
  const raw = req.cookies[cookie];
  const u = raw ? req.unsignCookie(raw) : null;
  return u?.valid && u.value ? u.value.split(',').filter((s) => pattern.test(s)) : [];
}

/** Adds a case to this browser's list (the last 20), under the channel's path only. */
export function rememberCase(req: FastifyRequest, reply: FastifyReply, opts: { cookie: string; path: string; pattern: RegExp; secure: boolean }, trackingNo: string): void {
  const list = [...rememberedCases(req, opts.cookie, opts.pattern).filter((n) => n !== trackingNo), trackingNo].slice(-20);
  reply.setCookie(opts.cookie, list.join(','), { path: opts.path, httpOnly: true, sameSite: 'lax', secure: opts.secure, signed: true });
}

/** 剩 N 个工作日 / 今天到期 / 已逾期 / 已答复: where a case stands against its deadline, in working days. */
export function deadlineLabel(c: Pick<TrackedCase, 'dueOn' | 'concluded' | 'waiting'>, cal: WorkingCalendar, today: string): { text: string; overdue: boolean } {
  if (c.concluded) return { text: c.concluded, overdue: false };
  if (!c.dueOn) return { text: c.waiting ?? '期限尚未起算', overdue: false };
  const due = formatChineseDate(c.dueOn);
  if (c.dueOn < today) return { text: `已逾期（应于${due}前答复）`, overdue: true };
  const n = cal.workingDaysBetween(today, c.dueOn);
  return { text: n <= 0 ? `今天到期（${due}）` : `剩 ${n} 个工作日（${due}到期）`, overdue: false };
}

/** The account's cases from every channel, newest first. */
export async function listAccountCases(app: FastifyInstance, accountId: number, limit: number): Promise<TrackedCase[]> {
  const lists = await Promise.all(caseChannels(app).map((c) => c.listForAccount(accountId, limit)));
  return lists.flat().sort((a, b) => new Date(b.submittedAt).getTime() - new Date(a.submittedAt).getTime()).slice(0, limit);
}
