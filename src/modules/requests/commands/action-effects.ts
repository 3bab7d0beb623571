import type { Transaction, Updateable } from 'kysely';
import type { Database, RequestStatus, RequestsTable } from '../../../db/schema.js';
import type { WorkingCalendar } from '../../../platform/calendar/working-calendar.js';
import type { Upload } from '../../../platform/files/uploads.js';
import { RuleError } from '../../../platform/http/errors.js';
import type { RequestCase } from '../case.js';
import { CONSULTATION_DAYS, FEE_PAYMENT_DAYS, REPLY_WORKING_DAYS, type ClockState } from '../domain/clock.js';
import { perPageFee, perRequestFee } from '../domain/fees.js';
import { outcomeOf } from '../domain/outcomes.js';
import type { RequestAction } from '../domain/workflow.js';
import { issueLetter, replyMaterialNames } from '../letters.js';
import { RECEIPT_RULES } from '../schemas.js';
import { storeRequestAttachments } from './request-attachments.js';
import type { RequestCommandContext } from './request-action.js';

/** The input of each step, as validated by the route. */
export type ActionInput =
  | { action: 'register' }
  | { action: 'assign'; handlerId: number }
  | { action: 'request_correction'; items: string; correctBy: string | null }
  | { action: 'receive_correction'; on?: string | null; description?: string | null; attachments?: Upload[] }
  | { action: 'start_consultation'; party: string; partyKind: 'third_party' | 'co_producer' }
  | { action: 'end_consultation'; opinion: string; on: string | null }
  | { action: 'request_extension'; days: number; reason: string }
  | { action: 'approve_extension' }
  | { action: 'refuse_extension'; reason: string }
  | { action: 'notify_fee'; method: 'per_request' | 'per_page'; pages: number | null }
  | { action: 'record_payment'; on: string | null }
  | { action: 'submit_reply' }
  | { action: 'return_reply'; comment: string }
  | { action: 'approve_reply' }
  | { action: 'send_reply' }
  | { action: 'record_delivery'; method: string; on: string }
  | { action: 'archive' }
  | { action: 'withdraw'; reason: string }
  | { action: 'transfer'; toOrgId: number; reason: string };

export interface EffectArgs {
  ctx: RequestCommandContext;
  c: RequestCase;
  clock: ClockState;
  cal: WorkingCalendar;
  today: string;
}

export interface Effect {
  event: { kind: string; on?: string; details?: object; visible?: boolean };
  /** Overrides the transition's target state. */
  status?: RequestStatus;
  set?: Updateable<RequestsTable>;
  message?: string;
  audit?: object;
}

type EffectFn<A extends RequestAction> = (trx: Transaction<Database>, a: EffectArgs, input: Extract<ActionInput, { action: A }>) => Promise<Effect>;

/** A date the handler enters for something that already happened: not in the future, not before `after`. */
function pastDate(on: string | null | undefined, a: EffectArgs, after: string | null, label: string): string {
  const d = on || a.today;
  if (d > a.today) throw new RuleError(`${label}不能晚于今天`, 'on');
  if (after && d < after) throw new RuleError(`${label}不能早于 ${after}`, 'on');
  return d;
}

const letter = (trx: Transaction<Database>, a: EffectArgs, details: Parameters<typeof issueLetter>[3], addressee: string | null = null) =>
  issueLetter(trx, a.c, a.ctx.sealer, details, { date: a.today, actorId: a.ctx.actor.id, status: 'sent', addressee, at: a.ctx.clock.now() });

export const ACTION_EFFECTS: { [A in RequestAction]: EffectFn<A> } = {
  // An online application is received on the day both sides confirm it (条例 第三十一条): the day it is registered.
  async register(trx, a) {
    const due = a.cal.deadline(a.today, REPLY_WORKING_DAYS);
    await letter(trx, a, { kind: 'receipt', dueOn: due.dueOn, dueExplanation: `收到申请后第 ${REPLY_WORKING_DAYS} 个工作日` });
    return { event: { kind: 'registered', on: a.today }, set: { received_on: a.today, receipt_note: `${RECEIPT_RULES.online}：${a.today} 登记确认` }, message: `已登记受理，收到申请之日为 ${a.today}` };
  },

  async assign(trx, a, input) {
    const ok = await trx.selectFrom('staff_roles').select('staff_id').where('staff_id', '=', input.handlerId).where('org_id', '=', a.c.row.org_id).where('role', '=', 'request_handler').executeTakeFirst();
    if (!ok) throw new RuleError('所选人员不是本机关的依申请公开办理人', 'handlerId');
    return { event: { kind: 'assigned', details: { handlerId: input.handlerId }, visible: false }, set: { handler_id: input.handlerId }, message: '已分配办理人' };
  },

  async request_correction(trx, a, input) {
    const correctBy = input.correctBy ?? a.cal.addWorkingDays(a.today, a.c.org.correctionDays);
    if (correctBy <= a.today) throw new RuleError('补正期限应晚于今天', 'correctBy');
    await letter(trx, a, { kind: 'correction', items: input.items, correctBy });
    return { event: { kind: 'correction_requested', details: { correctBy, items: input.items } }, message: `已发出补正告知，补正期限至 ${correctBy}` };
  },

  // The reply period starts again from the day the corrected request is received (条例 第三十条).
  async receive_correction(trx, a, input) {
    const on = pastDate(input.on, a, a.clock.waiting?.since ?? null, '收到补正的日期');
    const details: Record<string, unknown> = {};
    if (input.description) {
      details.previousDescription = a.c.row.description;
    }
    const effect: Effect = { event: { kind: 'correction_received', on, details }, message: `已收到补正，答复期限自 ${on} 起重新计算` };
    if (input.description) effect.set = { description: input.description };
    if (input.attachments?.length) await storeRequestAttachments(trx, a.ctx, a.c.row.id, input.attachments, true);
    return effect;
  },

  async start_consultation(trx, a, input) {
    const replyBy = a.cal.addWorkingDays(a.today, CONSULTATION_DAYS);
    await letter(trx, a, { kind: 'consultation', party: input.party, partyKind: input.partyKind, replyBy }, input.party);
    return { event: { kind: 'consultation_started', details: { replyBy, partyKind: input.partyKind, party: input.party } }, message: `已发出征求意见函，答复期限至 ${replyBy}；征求意见期间不计入答复期限` };
  },

  async end_consultation(_trx, a, input) {
    const on = pastDate(input.on, a, a.clock.waiting?.since ?? null, '收到意见的日期');
    return { event: { kind: 'consultation_ended', on, details: { opinion: input.opinion } }, message: '已登记征求意见结果，恢复计时' };
  },

  async request_extension(_trx, _a, input) {
    return { event: { kind: 'extension_requested', details: { days: input.days, reason: input.reason }, visible: false }, message: '已提交延期申请，待政务公开办批准' };
  },

  // Only with the consent of the head of the disclosure office, and once (条例 第三十三条第二款).
  async approve_extension(trx, a) {
    const asked = [...a.c.events].reverse().find((e) => e.kind === 'extension_requested');
    const { days, reason } = asked!.details as { days: number; reason: string };
    const newDueOn = a.cal.addWorkingDays(a.clock.dueOn ?? a.today, days);
    await letter(trx, a, { kind: 'extension', days, newDueOn, reason });
    return { event: { kind: 'extension_approved', details: { days } }, message: `已批准延期 ${days} 个工作日，答复期限延至 ${newDueOn}` };
  },

  async refuse_extension(_trx, _a, input) {
    return { event: { kind: 'extension_refused', details: { reason: input.reason }, visible: false }, message: '已不同意延期，请按原期限答复' };
  },

  async notify_fee(trx, a, input) {
    let fee;
    if (input.method === 'per_page') fee = perPageFee(input.pages!);
    else {
      // 按件: counted per applicant per calendar month (109号 第四条).
      const month = (a.c.row.received_on ?? a.today).slice(0, 7);
      const n = await trx
        .selectFrom('requests')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('applicant_key', '=', a.c.row.applicant_key)
        .where('received_on', '>=', `${month}-01`)
        .where((eb) => eb.or([eb('received_on', '<', a.c.row.received_on ?? a.today), eb.and([eb('received_on', '=', a.c.row.received_on ?? a.today), eb('id', '<=', a.c.row.id)])]))
        .executeTakeFirstOrThrow();
      fee = perRequestFee(Number(n.n));
    }
    if (fee.amount === 0) throw new RuleError('该申请未超出免费范围，不应收取信息处理费（国办函〔2020〕109号）', 'method');
    const payBy = a.cal.addWorkingDays(a.today, FEE_PAYMENT_DAYS);
    await letter(trx, a, { kind: 'fee', method: input.method, amountYuan: fee.amount, detail: fee.lines.join('；'), payBy });
    return { event: { kind: 'fee_notified', details: { payBy, method: input.method, amount: fee.amount, pages: input.pages } }, message: `已发出收费通知，金额 ${fee.amount} 元，缴费期限至 ${payBy}`, audit: { amount: fee.amount } };
  },

  async record_payment(_trx, a, input) {
    const on = pastDate(input.on, a, a.clock.waiting?.since ?? null, '缴费日期');
    return { event: { kind: 'fee_paid', on }, message: '已登记缴费' };
  },

  async submit_reply() {
    return { event: { kind: 'reply_submitted', visible: false }, message: '已提交政务公开办程序性审核' };
  },
  async return_reply(_trx, _a, input) {
    return { event: { kind: 'reply_returned', details: { comment: input.comment }, visible: false }, message: '已退回答复，请办理人修改' };
  },
  async approve_reply() {
    return { event: { kind: 'reply_approved', visible: false }, message: '答复审核通过，可以发出' };
  },

  async send_reply(trx, a) {
    const draft = a.c.draft!;
    const attachments = JSON.stringify(await replyMaterialNames(trx, a.c.row.id));
    await trx.updateTable('request_letters').set({ status: 'sent', sent_on: a.today, attachments, updated_at: a.ctx.clock.now() }).where('id', '=', draft.id).execute();
    const o = outcomeOf(draft.outcome!);
    return {
      event: { kind: 'replied', details: { outcome: o.code, letterId: draft.id } },
      set: { outcome: o.code, closed_on: a.today },
      message: `已发出答复：${o.short}`,
      audit: { outcome: o.code },
    };
  },

  async record_delivery(_trx, a, input) {
    const on = pastDate(input.on, a, a.c.row.closed_on, '送达日期');
    return { event: { kind: 'delivered', on, details: { method: input.method } }, set: { delivered_on: on }, message: `已登记送达（${on}）` };
  },

  async archive(_trx, a) {
    return { event: { kind: 'archived', visible: false }, message: '已归档' };
  },

  // 转送 (letters/transfer.ts): the case moves to the organization that holds the information, which
  // receives it today; the applicant gets a 转送告知书 from the sending organization.
  async transfer(trx, a, input) {
    if (input.toOrgId === a.c.row.org_id) throw new RuleError('请选择本机关以外的有权机关', 'toOrgId');
    const to = await trx.selectFrom('organizations').select(['id', 'name', 'address', 'phone']).where('id', '=', input.toOrgId).executeTakeFirst();
    if (!to) throw new RuleError('所选机关不存在', 'toOrgId');
    // A reply this organization began would go out under its name from the receiving one.
    const draft = await trx.selectFrom('request_letters').select('id').where('request_id', '=', a.c.row.id).where('kind', '=', 'reply').where('status', '=', 'draft').executeTakeFirst();
    const files = await trx.selectFrom('request_attachments').select('id').where('request_id', '=', a.c.row.id).where('for_reply', '=', true).executeTakeFirst();
    if (draft || files) throw new RuleError('本机关已起草答复或添加了答复附件：请先删除答复草稿和答复附件，再转送', 'toOrgId');
    const due = a.cal.deadline(a.today, REPLY_WORKING_DAYS);
    await letter(trx, a, { kind: 'transfer', to, on: a.today, dueOn: due.dueOn, reason: input.reason });
    return {
      event: { kind: 'transferred', on: a.today, details: { fromOrgId: a.c.row.org_id, fromOrgName: a.c.org.name, toOrgId: to.id, toOrgName: to.name, reason: input.reason } },
      set: { org_id: to.id, handler_id: null, received_on: a.today, receipt_note: `由${a.c.org.name}转送：${a.today} 收到` },
      message: `已转送${to.name}办理，并向申请人发出转送告知书；答复期限自今日起重新计算`,
      audit: { fromOrgId: a.c.row.org_id, toOrgId: to.id },
    };
  },

  async withdraw(_trx, a, input) {
    return { event: { kind: 'withdrawn', details: { reason: input.reason } }, set: { outcome: 'other_other', closed_on: a.today }, message: '申请已撤回' };
  },
};
