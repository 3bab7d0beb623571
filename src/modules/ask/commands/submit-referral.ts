import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import { loadWorkingCalendar } from '../../../platform/calendar/store.js';
import { explainDeadline } from '../../../platform/calendar/working-calendar.js';
import type { Sealer } from '../../../platform/crypto/sealer.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { RuleError } from '../../../platform/http/errors.js';
import { maskEmail } from '../../../platform/mail/outbox.js';
import { accessCodeHash, newAccessCode } from '../../requests/public.js';
import { maskPersonal } from '../../../platform/text-checks/index.js';
import { MAX_QUESTION_LENGTH } from '../domain/question.js';

export interface ReferralContext extends CommandContext {
  sealer: Sealer;
}

/** What the asker saw before sending: kept so the department knows what did not answer it. */
export interface ReferralSuggestion {
  kind: 'qa' | 'clause';
  title: string;
  url: string;
  score: number;
}

export interface ReferralInput {
  question: string;
  orgId: number;
  email: string | null;
  name: string | null;
  accountId: number | null;
  suggestions: ReferralSuggestion[];
  /** The department suggested by duty and why, kept so staff see whether the asker changed it. */
  routing?: { suggestedOrgId: number; reason: string } | null;
  /** The place the asker chose on the form (an area or organization), if any. */
  placeOrgId?: number | null;
}

export interface SubmittedReferral {
  id: number;
  trackingNo: string;
  /** Shown once on the receipt; only its keyed hash is stored. */
  accessCode: string;
  dueOn: string;
}

const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,190}\.[^\s@<>]{2,}$/;

/** The rules of the referral form, for every caller (the route's schema says the same). */
export function checkReferralInput(i: ReferralInput): ReferralInput {
  const question = i.question.trim();
  if (!question) throw new RuleError('请填写您要咨询的问题', 'question');
  if (question.length > MAX_QUESTION_LENGTH) throw new RuleError(`问题不能超过 ${MAX_QUESTION_LENGTH} 个字`, 'question');
  if (/[<>]/.test(question)) throw new RuleError('问题不能包含尖括号 < >（不接受网页标记）', 'question');
  const email = i.email?.trim() || null;
  if (email && (email.length > 254 || !EMAIL.test(email))) throw new RuleError('电子邮箱格式不正确', 'email');
  const name = i.name?.trim() || null;
  if (name && (name.length > 50 || /[<>]/.test(name))) throw new RuleError('称呼不能超过 50 个字，且不能包含尖括号', 'name');
  return { ...i, question, email, name };
}

/**
 * Sends a question the smart Q&A could not answer to a department (转人工): a case with a
 * tracking number and access code (as disclosure requests have), and a deadline of the
 * organization's referral_days working days from the day it was sent, stored with its inputs and
 * explanation. The asker's name and e-mail are personal data: sealed, and shown masked.
 */
export async function submitReferral(ctx: ReferralContext, raw: ReferralInput): Promise<SubmittedReferral> {
  const input = checkReferralInput(raw);
  return inTransaction(ctx, async (trx) => {
    const org = await trx.selectFrom('organizations').select(['id', 'slug', 'referral_days']).where('id', '=', input.orgId).executeTakeFirst();
    if (!org) throw new RuleError('所选部门不存在', 'orgId');
    const place = input.placeOrgId ? await trx.selectFrom('organizations').select('id').where('id', '=', input.placeOrgId).executeTakeFirst() : undefined;
    if (input.placeOrgId && !place) throw new RuleError('所选地区不存在', 'placeOrgId');
    const today = ctx.clock.today();
    const now = ctx.clock.now();
    const cal = await loadWorkingCalendar(trx);
    const d = explainDeadline(cal, today, org.referral_days, '提交问题');
    const trackingNo = await allocateTrackingNo(trx, org.id, org.slug, today.slice(0, 4));
    const accessCode = newAccessCode();
    const asker = input.email || input.name ? ctx.sealer.seal({ name: input.name, email: input.email }) : null;
    const row = await trx
      .insertInto('referrals')
      .values({
        org_id: org.id, tracking_no: trackingNo, access_code_hash: accessCodeHash(ctx, trackingNo, accessCode),
        // The question may reach staff lists and, promoted, the public library: ID and phone numbers never do.
        question: maskPersonal(input.question, true), status: 'submitted', account_id: input.accountId,
        asker_sealed: asker, asker_masked: input.name ? maskName(input.name) : '', email_masked: input.email ? maskEmail(input.email) : '',
        submitted_at: now, submitted_on: today, due_on: d.dueOn, due_provisional: d.provisional,
        deadline: JSON.stringify({ from: today, days: org.referral_days, dueOn: d.dueOn, provisional: d.provisional, explanation: d.explanation, calendarVersion: cal.version }),
        suggestions: JSON.stringify(input.suggestions.slice(0, 6)), created_at: now, updated_at: now,
        routing: JSON.stringify(input.routing ? { ...input.routing, chosenOrgId: org.id } : {}), place_org_id: place?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { actor: ctx.actor, action: 'referral.submit', entityType: 'referral', entityId: row.id, orgId: org.id, after: { trackingNo, dueOn: d.dueOn, account: input.accountId !== null, email: input.email !== null }, at: now });
    return { id: row.id, trackingNo, accessCode, dueOn: d.dueOn };
  });
}

/** 张三 → 张*, 欧阳小明 → 欧***. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(3, chars.length - 1));
}

/** ZX-SLUG-2025-00001: per organization and year, from the same counters as index numbers. */
async function allocateTrackingNo(trx: Transaction<Database>, orgId: number, slug: string, year: string): Promise<string> {
  const row = await sql<{ last_serial: number }>`
    insert into index_counters (org_id, scope_key, last_serial) values (${orgId}, ${`referral:${year}`}, 1)
    on conflict (org_id, scope_key) do update set last_serial = index_counters.last_serial + 1
    returning last_serial`.execute(trx);
  return `ZX-${slug.toUpperCase()}-${year}-${String(row.rows[0]!.last_serial).padStart(5, '0')}`;
}
