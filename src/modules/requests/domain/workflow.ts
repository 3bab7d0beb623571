import type { RequestStatus } from '../../../db/schema.js';
import { lapsed, type ClockState } from './clock.js';
import { outcomeOf } from './outcomes.js';

/**
 * The handling of a disclosure request as data (条例 第四十五条: 登记、审核、办理、答复、归档):
 * pending (submitted online) → handling, with side trips to await a correction, consult a third
 * party, get an extension approved or await a fee; then the reply — through the disclosure
 * office's procedural review where the organization asks for it — is sent, delivered and archived.
 * Status says where the case is; the clock (a fold over the dated events) says what is due.
 */
export type RequestAction =
  | 'register'
  | 'assign'
  | 'request_correction'
  | 'receive_correction'
  | 'start_consultation'
  | 'end_consultation'
  | 'request_extension'
  | 'approve_extension'
  | 'refuse_extension'
  | 'notify_fee'
  | 'record_payment'
  | 'submit_reply'
  | 'return_reply'
  | 'approve_reply'
  | 'send_reply'
  | 'record_delivery'
  | 'archive'
  | 'withdraw'
  | 'transfer';

/** Who may act: the organization's handlers, the disclosure office above it, or the applicant online. */
export type RequestActorKind = 'handler' | 'office' | 'applicant';

export interface RequestTransition {
  action: RequestAction;
  from: readonly RequestStatus[];
  to: RequestStatus | 'same';
  by: readonly RequestActorKind[];
}

/** Not yet concluded. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['pending', 'handling', 'awaiting_correction', 'consulting', 'extension_pending', 'awaiting_fee', 'reply_review', 'reply_approved'];
/** States from which a reply can go out or to review (the lapse replies come from the awaiting states). */
const REPLYABLE: readonly RequestStatus[] = ['handling', 'awaiting_correction', 'awaiting_fee'];

export const REQUEST_TRANSITIONS: readonly RequestTransition[] = [
  { action: 'register', from: ['pending'], to: 'handling', by: ['handler'] },
  // The disclosure office above assigns too: a case routed to it while its organization had no handler.
  { action: 'assign', from: OPEN_STATUSES, to: 'same', by: ['handler', 'office'] },
  // 转送: to the organization that holds the information, before anything else is done with it.
  { action: 'transfer', from: ['pending', 'handling'], to: 'handling', by: ['handler', 'office'] },
  { action: 'request_correction', from: ['handling'], to: 'awaiting_correction', by: ['handler'] },
  { action: 'receive_correction', from: ['awaiting_correction'], to: 'handling', by: ['handler', 'applicant'] },
  { action: 'start_consultation', from: ['handling'], to: 'consulting', by: ['handler'] },
  { action: 'end_consultation', from: ['consulting'], to: 'handling', by: ['handler'] },
  { action: 'request_extension', from: ['handling'], to: 'extension_pending', by: ['handler'] },
  { action: 'approve_extension', from: ['extension_pending'], to: 'handling', by: ['office'] },
  { action: 'refuse_extension', from: ['extension_pending'], to: 'handling', by: ['office'] },
  { action: 'notify_fee', from: ['handling'], to: 'awaiting_fee', by: ['handler'] },
  { action: 'record_payment', from: ['awaiting_fee'], to: 'handling', by: ['handler'] },
  { action: 'submit_reply', from: REPLYABLE, to: 'reply_review', by: ['handler'] },
  { action: 'return_reply', from: ['reply_review'], to: 'handling', by: ['office'] },
  { action: 'approve_reply', from: ['reply_review'], to: 'reply_approved', by: ['office'] },
  { action: 'send_reply', from: [...REPLYABLE, 'reply_approved'], to: 'replied', by: ['handler'] },
  { action: 'record_delivery', from: ['replied'], to: 'same', by: ['handler'] },
  { action: 'archive', from: ['replied'], to: 'archived', by: ['handler'] },
  { action: 'withdraw', from: OPEN_STATUSES, to: 'withdrawn', by: ['handler', 'applicant'] },
];

export const REQUEST_ACTION_LABELS: Record<RequestAction, string> = {
  register: '登记受理',
  assign: '分配办理人',
  request_correction: '告知补正',
  receive_correction: '收到补正',
  start_consultation: '征求意见',
  end_consultation: '征求意见结束',
  request_extension: '申请延期答复',
  approve_extension: '批准延期',
  refuse_extension: '不同意延期',
  notify_fee: '发出收费通知',
  record_payment: '登记缴费',
  submit_reply: '提交答复审核',
  return_reply: '退回答复',
  approve_reply: '答复审核通过',
  send_reply: '发出答复',
  record_delivery: '登记送达',
  archive: '归档',
  withdraw: '撤回申请',
  transfer: '转送有权机关',
};

export const STATUS_LABELS: Record<RequestStatus, string> = {
  pending: '待登记',
  handling: '办理中',
  awaiting_correction: '待申请人补正',
  consulting: '征求意见中',
  extension_pending: '延期待批准',
  awaiting_fee: '待缴费',
  reply_review: '答复待审核',
  reply_approved: '答复已审核',
  replied: '已答复',
  archived: '已归档',
  withdrawn: '已撤回',
};

export function findRequestTransition(action: RequestAction, from: RequestStatus): RequestTransition | null {
  return REQUEST_TRANSITIONS.find((t) => t.action === action && t.from.includes(from)) ?? null;
}

/** What the rules need to know about a case beyond its status. */
export interface RequestSubject {
  status: RequestStatus;
  clock: ClockState;
  /** The organization sends replies through the disclosure office's procedural review. */
  replyReview: boolean;
  /** A reply draft with an outcome exists. */
  draftOutcome: string | null;
  delivered: boolean;
  extended: boolean;
  today: string;
}

export type Refusal = { forbidden: boolean; message: string } | null;

/**
 * Why `by` may not take `action` on the case, in Chinese, or null when allowed; `forbidden` tells a
 * missing permission (403) from a wrong state (409). Pure, shared by the commands and the pages.
 */
export function requestRefusal(action: RequestAction, s: RequestSubject, by: readonly RequestActorKind[]): Refusal {
  const t = findRequestTransition(action, s.status);
  if (!t) return { forbidden: false, message: `申请当前为“${STATUS_LABELS[s.status]}”，不能${REQUEST_ACTION_LABELS[action]}` };
  if (!t.by.some((k) => by.includes(k))) return { forbidden: true, message: `您没有${REQUEST_ACTION_LABELS[action]}的权限` };
  return stateRule(action, s);
}

function stateRule(action: RequestAction, s: RequestSubject): Refusal {
  const no = (message: string) => ({ forbidden: false, message });
  switch (action) {
    case 'request_correction':
      // Once, covering everything, within 7 working days of receipt (条例 第三十条).
      if (s.clock.correctionAsked) return no('补正告知只能一次性发出，本申请已告知过补正');
      if (s.clock.correctionNoticeBy && s.today > s.clock.correctionNoticeBy) return no(`补正告知应在收到申请之日起 7 个工作日内发出（最迟 ${s.clock.correctionNoticeBy}），现已超过`);
      return null;
    case 'request_extension':
      if (s.extended) return no('延期答复只能申请一次（条例第三十三条第二款）');
      if (s.clock.dueOn && s.today > s.clock.dueOn) return no(`答复期限已于 ${s.clock.dueOn} 届满，不能再申请延期`);
      return null;
    case 'submit_reply':
    case 'send_reply':
      if (action === 'send_reply' && s.replyReview && s.status !== 'reply_approved') return no('本机关的答复须经政务公开办程序性审核后才能发出，请先提交审核');
      if (action === 'submit_reply' && !s.replyReview) return no('本机关未设置答复审核，可直接发出答复');
      if (!s.draftOutcome) return no('请先选择办理结果并拟写答复书');
      return outcomeRule(s.draftOutcome, s);
    case 'archive':
      if (!s.delivered) return no('答复送达后才能归档，请先登记送达');
      return null;
    default:
      return null;
  }
}

/**
 * Whether a reply with `outcome` fits the case: the two lapses need their deadline to have passed
 * unanswered, 补正后仍不明确 needs a correction, and nothing else goes out while the applicant still
 * has time to correct or pay, or while a consultation is open.
 */
export function outcomeRule(outcome: string, s: Pick<RequestSubject, 'clock' | 'today'>): Refusal {
  const no = (message: string) => ({ forbidden: false, message });
  const paused = s.clock.waiting;
  const o = outcomeOf(outcome);
  if (o.code === 'other_no_correction') {
    if (paused?.kind !== 'correction') return no('只有发出补正告知而申请人未补正的，才能以“逾期不补正”答复');
    return lapsed(s.today, paused.until) ? null : no(`补正期限 ${paused.until} 尚未届满`);
  }
  if (o.code === 'other_no_fee') {
    if (paused?.kind !== 'fee') return no('只有发出收费通知而申请人未缴费的，才能以“逾期未缴费”答复');
    return lapsed(s.today, paused.until) ? null : no(`缴费期限 ${paused.until} 尚未届满`);
  }
  if (o.code === 'unable_unclear' && !s.clock.restarted) return no('“补正后申请内容仍不明确”须在申请人补正之后才能选择');
  if (paused?.kind === 'consultation') return no('征求意见尚未结束，请先登记征求意见结果');
  if (paused) return no(paused.kind === 'correction' ? `申请人的补正期限至 ${paused.until}，期间不能作出其他答复` : `申请人的缴费期限至 ${paused.until}，期间不能作出其他答复`);
  return null;
}
