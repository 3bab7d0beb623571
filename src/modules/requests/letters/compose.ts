import type { LetterKind } from '../../../db/schema.js';
import {
  REGULATION, chineseDate, clause, contactParagraph, lines, placeholder, requestFacts, requestFactsForThirdParty, sentence,
} from './phrases.js';
import { replyParagraphs } from './reply-templates.js';
import { transferParagraphs } from './transfer.js';

export { chineseDate, findPlaceholders } from './phrases.js';

export interface LetterContext {
  org: { name: string; address: string; phone: string; postcode: string };
  /** Where the applicant may seek administrative review (e.g. the parent government's name, or '上一级行政机关'), and the court. */
  remedies: { reviewBody: string; court: string };
  request: {
    trackingNo: string;
    receivedOn: string | null;
    submittedOn: string;
    subject: string;
    docNumber: string | null;
    description: string;
    provideForm: 'paper' | 'electronic';
    deliveryMethod: 'post' | 'pickup' | 'email' | 'online' | 'fax';
  };
  applicantName: string; // person's name, or the organization's name
  date: string; // the letter's date, 'YYYY-MM-DD'
}

export type LetterDetails =
  | { kind: 'receipt'; dueOn: string; dueExplanation: string }
  /** What to correct (once, covering everything, 条例第30条), and by when. */
  | { kind: 'correction'; items: string; correctBy: string }
  /** 15 working days to answer (第32条/第34条). */
  | { kind: 'consultation'; party: string; partyKind: 'third_party' | 'co_producer'; replyBy: string }
  /** ≤ 20 working days (第33条第2款). */
  | { kind: 'extension'; days: number; newDueOn: string; reason: string }
  /** `payMethod`: how to pay (109号 requires the notice to say); a placeholder asks for it when absent. */
  | { kind: 'fee'; method: 'per_request' | 'per_page'; amountYuan: number; detail: string; payBy: string; payMethod?: string }
  | {
      kind: 'reply';
      outcome: string;
      disclosedContent?: string;
      withheldReason?: string;
      referTo?: string;
      publishedAt?: { title: string; url: string }[];
      note?: string;
    }
  | TransferDetails;

/** The organization that holds the information, and its new deadline (letters/transfer.ts). */
export type TransferDetails = { kind: 'transfer'; to: { name: string; address: string; phone: string }; on: string; dueOn: string; reason: string };

export interface ComposedLetter {
  title: string;
  salutation: string;
  body: string;
  closing: string;
}

export const LETTER_TITLES: Record<LetterKind, string> = {
  receipt: '政府信息公开申请登记回执',
  correction: '政府信息公开申请补正告知书',
  consultation: '政府信息公开征求意见函',
  extension: '政府信息公开申请延期答复告知书',
  fee: '政府信息公开信息处理费收费通知书',
  reply: '政府信息公开申请答复书',
  transfer: '政府信息公开申请转送告知书',
};

/** 条例第三十三条第二款: an extension may not exceed 20 working days. */
export const MAX_EXTENSION_DAYS = 20;

/** An explanation in parentheses, or nothing. */
function explain(text: string): string {
  const t = clause(text).replace(/^[（(]|[）)]$/gu, '');
  return t ? `（${t}）` : '';
}

type Details<K extends LetterKind> = Extract<LetterDetails, { kind: K }>;

function receipt(ctx: LetterContext, d: Details<'receipt'>): string[] {
  return [
    requestFacts(ctx),
    '本机关已对您的申请予以登记，您可以凭申请编号查询办理进度。',
    `根据${REGULATION}第三十三条的规定，本机关将于${chineseDate(d.dueOn)}前作出答复${explain(d.dueExplanation)}。`,
    '需要您补正申请内容、征求第三方或者其他机关意见、延长答复期限或者收取信息处理费的，本机关将另行书面告知。' +
      '征求第三方和其他机关意见所需时间不计算在答复期限内。',
  ];
}

function correction(ctx: LetterContext, d: Details<'correction'>): string[] {
  const items = lines(d.items);
  return [
    requestFacts(ctx),
    '经审查，您的申请内容不明确，本机关无法据此确定您所需要的政府信息。' +
      `根据${REGULATION}第二十九条第二款、第三十条的规定，现一次性告知您需要补正的事项如下：`,
    ...(items.length ? items : [placeholder('需要补正的事项')]),
    `请您于${chineseDate(d.correctBy)}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。`,
    '无正当理由逾期不补正的，视为放弃申请，本机关将不再处理您的该政府信息公开申请。',
  ];
}

function consultation(ctx: LetterContext, d: Details<'consultation'>): string[] {
  const by = `请于${chineseDate(d.replyBy)}前（自收到本函之日起十五个工作日内）`;
  if (d.partyKind === 'co_producer') {
    return [
      requestFactsForThirdParty(ctx),
      `经审查，该政府信息系本机关与贵单位共同制作。根据${REGULATION}第三十四条的规定，现征求贵单位的意见。`,
      `${by}向本机关书面回复是否同意公开；不同意公开的，请说明理由。逾期未提出意见的，视为同意公开。`,
    ];
  }
  return [
    requestFactsForThirdParty(ctx),
    `经审查，公开该政府信息可能损害您（单位）的合法权益。根据${REGULATION}第三十二条的规定，现书面征求您（单位）的意见。`,
    `${by}向本机关书面提出意见：同意公开的，请予书面确认；不同意公开的，请说明理由。`,
    `逾期未提出意见的，由本机关依照${REGULATION}的规定决定是否公开。不同意公开且有合理理由的，本机关不予公开；` +
      '本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。',
  ];
}

function extension(ctx: LetterContext, d: Details<'extension'>): string[] {
  if (!Number.isInteger(d.days) || d.days < 1 || d.days > MAX_EXTENSION_DAYS) {
    throw new RangeError(`延长答复期限应为1至${MAX_EXTENSION_DAYS}个工作日（条例第三十三条第二款），收到：${d.days}`);
  }
  const reason = clause(d.reason) || placeholder('延期的理由');
  return [
    requestFacts(ctx),
    `因${reason}，本机关无法在${REGULATION}第三十三条第二款规定的二十个工作日内作出答复。` +
      `经本机关政府信息公开工作机构负责人同意，根据该款规定，答复期限延长${d.days}个工作日（延长的期限最长不超过二十个工作日），` +
      `本机关将于${chineseDate(d.newDueOn)}前作出答复。`,
  ];
}

function formatYuan(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

const FEE_METHODS = {
  per_request: { label: '按件计收', article: '第四条' },
  per_page: { label: '按量计收', article: '第五条' },
} as const;

function fee(ctx: LetterContext, d: Details<'fee'>): string[] {
  if (!Number.isFinite(d.amountYuan) || d.amountYuan <= 0) {
    throw new RangeError(`信息处理费金额应大于0，收到：${d.amountYuan}`);
  }
  const m = FEE_METHODS[d.method];
  const detail = lines(d.detail);
  const { reviewBody, court } = ctx.remedies;
  return [
    requestFacts(ctx),
    '经审查，您申请公开政府信息的数量、频次明显超过合理范围。' +
      `根据${REGULATION}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、${m.article}的规定，` +
      `本机关决定对您的申请${m.label}信息处理费，金额为人民币${formatYuan(d.amountYuan)}元。`,
    ...(detail.length === 1 ? [`计费明细：${sentence(detail[0]!)}`] : detail.length ? ['计费明细：', ...detail] : []),
    `请您于${chineseDate(d.payBy)}前（自收到本通知之日的次日起二十个工作日内）缴纳上述费用。` +
      `缴纳方式：${sentence(d.payMethod?.trim() || placeholder('缴纳方式'))}本机关收到费用后，将继续处理您的申请。`,
    '逾期未缴纳的，视为放弃申请，本机关将不再处理您的该政府信息公开申请。',
    // The fee decision itself is not reviewable on its own (reported for 109号, domain.md §3); the
    // remedy lies against the resulting 不再处理.
    '根据《中华人民共和国行政复议法》第二十条和《中华人民共和国行政诉讼法》第四十六条的规定，您逾期未缴纳费用、本机关依法不再处理您的申请的，' +
      `如对该处理不服，可以在收到相应告知之日起六十日内向${reviewBody}申请行政复议，或者在六个月内向${court}提起行政诉讼。`,
  ];
}

function bodyParagraphs(ctx: LetterContext, details: LetterDetails): string[] {
  switch (details.kind) {
    case 'receipt': return [...receipt(ctx, details), contactParagraph(ctx)];
    case 'correction': return [...correction(ctx, details), contactParagraph(ctx)];
    case 'consultation': return [...consultation(ctx, details), contactParagraph(ctx)];
    case 'extension': return [...extension(ctx, details), contactParagraph(ctx)];
    case 'fee': return [...fee(ctx, details), contactParagraph(ctx)];
    case 'reply': return replyParagraphs(ctx, details);
    case 'transfer': return [...transferParagraphs(ctx, details), contactParagraph(ctx)];
  }
}

/**
 * Composes the draft of a letter from the request's facts. Pure. The handler edits the result;
 * facts the handler must still supply appear as 【待填写：…】 (see `findPlaceholders`).
 */
export function composeLetter(ctx: LetterContext, details: LetterDetails): ComposedLetter {
  const addressee = details.kind === 'consultation' ? details.party.trim() : ctx.applicantName.trim();
  return {
    title: LETTER_TITLES[details.kind],
    salutation: `${addressee || placeholder(details.kind === 'consultation' ? '被征求意见方名称' : '申请人姓名或者名称')}：`,
    body: bodyParagraphs(ctx, details).filter((p) => p.trim() !== '').join('\n\n'),
    closing: `${ctx.org.name.trim()}\n${chineseDate(ctx.date)}`,
  };
}
