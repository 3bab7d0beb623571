import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database, RequestChannel } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import { loadWorkingCalendar } from '../../../platform/calendar/store.js';
import type { Upload } from '../../../platform/files/uploads.js';
import { inTransaction } from '../../../platform/http/command.js';
import { RuleError } from '../../../platform/http/errors.js';
import { loadCase } from '../case.js';
import { REPLY_WORKING_DAYS } from '../domain/clock.js';
import { contentTokens, lookbackStart, MASS_PER_MONTH, SAME_CONTENT, similarity } from '../domain/similarity.js';
import { issueLetter } from '../letters.js';
import { applicantOf, maskApplicant, RECEIPT_RULES, RECEIPT_DATE_LABELS, type Application } from '../schemas.js';
import { checkRequestAttachments, storeRequestAttachments } from './request-attachments.js';
import { addEvent, storeClock, type RequestCommandContext } from './request-action.js';

export interface CreatedRequest {
  id: number;
  trackingNo: string;
  /** Shown once on the receipt; only its keyed hash is stored. */
  accessCode: string;
}

/** Unambiguous characters (no 0/O, 1/I/L), read out over the phone without confusion. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newAccessCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export function accessCodeHash(ctx: Pick<RequestCommandContext, 'sealer'>, trackingNo: string, code: string): string {
  return ctx.sealer.blindIndex(`access:${trackingNo}:${code}`);
}

/**
 * Files an application: online it waits to be registered (received on the day both sides confirm);
 * at the counter, by post or fax the handler enters the day that counts as receipt for that channel
 * (条例 第三十一条) and it is registered at once, with its receipt letter. The applicant's identity
 * is sealed; repeat and mass requests are flagged for the handler.
 */
export async function createRequest(
  ctx: RequestCommandContext,
  app: Application,
  opts: { channel: RequestChannel; receivedOn?: string; attachments?: Upload[]; accountId?: number | null },
): Promise<CreatedRequest> {
  const uploads = opts.attachments ?? [];
  const problem = checkRequestAttachments(uploads, ctx.maxUploadBytes);
  if (problem) throw new RuleError(problem, 'attachments');
  return inTransaction(ctx, async (trx) => {
    const org = await trx.selectFrom('organizations').select(['id', 'slug', 'request_fee_pauses_clock']).where('id', '=', app.orgId).executeTakeFirst();
    if (!org) throw new RuleError('所选受理机关不存在', 'orgId');
    const today = ctx.clock.today();
    const year = today.slice(0, 4);
    const trackingNo = await allocateTrackingNo(trx, org.id, org.slug, year);
    const accessCode = newAccessCode();
    const applicant = applicantOf(app);
    const applicantKey = ctx.sealer.blindIndex(`${applicant.idType}:${applicant.idNumber}`);
    const tokens = contentTokens(app.subject, app.docNumber, app.description);
    const flags = await flagsFor(trx, org.id, applicantKey, tokens, today);
    const online = opts.channel === 'online';
    const row = await trx
      .insertInto('requests')
      .values({
        org_id: org.id, tracking_no: trackingNo, access_code_hash: accessCodeHash(ctx, trackingNo, accessCode), channel: opts.channel, status: online ? 'pending' : 'handling',
        applicant_kind: applicant.kind, applicant_sealed: ctx.sealer.seal(applicant), applicant_masked: maskApplicant(applicant), applicant_key: applicantKey,
        subject: app.subject, doc_number: app.docNumber, description: app.description,
        provide_form: app.provideForm, delivery_method: app.deliveryMethod, content_tokens: tokens, submitted_at: ctx.clock.now(),
        received_on: online ? null : opts.receivedOn!, receipt_note: online ? '' : `${RECEIPT_RULES[opts.channel]}：${RECEIPT_DATE_LABELS[opts.channel]} ${opts.receivedOn}`,
        repeat_of: flags.repeatOf, mass_flag: flags.mass, account_id: opts.accountId ?? null, created_at: ctx.clock.now(), updated_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const eventId = await addEvent(trx, ctx, row.id, online ? 'submitted' : 'intake', online ? today : opts.receivedOn!, { channel: opts.channel });
    await storeRequestAttachments(trx, ctx, row.id, uploads, true, eventId);
    const cal = await loadWorkingCalendar(trx);
    if (!online) {
      await addEvent(trx, ctx, row.id, 'registered', opts.receivedOn!, {});
      const c = (await loadCase(trx, row.id))!;
      const due = cal.deadline(opts.receivedOn!, REPLY_WORKING_DAYS);
      await issueLetter(trx, c, ctx.sealer, { kind: 'receipt', dueOn: due.dueOn, dueExplanation: `收到申请后第 ${REPLY_WORKING_DAYS} 个工作日` }, { date: today, actorId: ctx.actor.id, status: 'sent', at: ctx.clock.now() });
    }
    await storeClock(trx, row.id, { feePausesClock: org.request_fee_pauses_clock, closed: false }, cal, today);
    await recordEvent(trx, { actor: ctx.actor, action: online ? 'request.submit' : 'request.intake', entityType: 'request', entityId: row.id, orgId: org.id, after: { trackingNo, channel: opts.channel, repeatOf: flags.repeatOf, mass: flags.mass }, at: ctx.clock.now() });
    return { id: row.id, trackingNo, accessCode };
  });
}

async function allocateTrackingNo(trx: Transaction<Database>, orgId: number, slug: string, year: string): Promise<string> {
  const row = await sql<{ last_serial: number }>`
    insert into index_counters (org_id, scope_key, last_serial) values (${orgId}, ${`request:${year}`}, 1)
    on conflict (org_id, scope_key) do update set last_serial = index_counters.last_serial + 1
    returning last_serial`.execute(trx);
  return `${slug.toUpperCase()}-${year}-${String(row.rows[0]!.last_serial).padStart(5, '0')}`;
}

/**
 * A repeat: the same applicant asked this organ for the same content within the past year. Mass:
 * the applicant has filed more requests this month than the free allowance.
 */
async function flagsFor(trx: Transaction<Database>, orgId: number, applicantKey: string, tokens: string, today: string): Promise<{ repeatOf: number | null; mass: boolean }> {
  const earlier = await trx
    .selectFrom('requests')
    .select(['id', 'org_id', 'content_tokens', 'submitted_at'])
    .where('applicant_key', '=', applicantKey)
    .where('submitted_at', '>=', lookbackStart(today))
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const repeat = earlier.find((r) => r.org_id === orgId && similarity(r.content_tokens, tokens) >= SAME_CONTENT);
  const monthStart = new Date(`${today.slice(0, 7)}-01T00:00:00+08:00`);
  const thisMonth = earlier.filter((r) => r.submitted_at >= monthStart).length + 1;
  return { repeatOf: repeat?.id ?? null, mass: thisMonth > MASS_PER_MONTH };
}
