import { outcomeOf, type OutcomeGroup } from '../domain/outcomes.js';
import type { LetterContext, LetterDetails } from './compose.js';
import {
  citing, clause, contactParagraph, deliverySentence, lines, placeholder, remediesParagraph,
  remediesReviewFirstParagraph, requestFacts, sentence,
} from './phrases.js';

export type ReplyDetails = Extract<LetterDetails, { kind: 'reply' }>;

interface ReplyArgs {
  ctx: LetterContext;
  d: ReplyDetails;
  /** 根据{outcome.basis}的规定 */
  cite: string;
}
type Template = (a: ReplyArgs) => string[];

/** 'intro：item' for one line, 'intro：' then one paragraph per line for several; [] for none. */
function introduce(intro: string, text: string | undefined): string[] {
  const ls = lines(text);
  if (ls.length === 0) return [];
  if (ls.length === 1) return [`${intro}：${sentence(ls[0]!)}`];
  return [`${intro}：`, ...ls];
}

function stripBookQuotes(title: string): string {
  return title.trim().replace(/^《/u, '').replace(/》$/u, '');
}

/** Where proactively published information can be found (第三十六条第（一）项). */
function publishedList(d: ReplyDetails): string[] {
  const items = (d.publishedAt ?? []).filter((p) => p.title.trim() || p.url.trim());
  return items.map((p, i) => `${items.length > 1 ? `${i + 1}. ` : ''}《${stripBookQuotes(p.title)}》，网址：${p.url.trim()}`);
}

/** The decision to withhold (第三十六条第（三）项: say so and give the reasons). */
function withhold(statement: string, required: string | null): Template {
  return ({ d, cite }) => {
    const reasons = introduce('具体理由如下', d.withheldReason);
    const fallback = required ? [placeholder(required)] : [];
    return [`经审查，${statement}。${cite}，本机关决定不予公开。`, ...(reasons.length ? reasons : fallback)];
  };
}

const disclose: Template = ({ ctx, d, cite }) => {
  const published = publishedList(d);
  const provided = introduce('现向您提供以下政府信息', d.disclosedContent);
  if (published.length === 0) {
    return [
      `经审查，您申请获取的政府信息属于公开范围。${cite}，本机关决定予以公开。`,
      ...(provided.length ? provided : ['现将您申请获取的政府信息提供给您。']),
      deliverySentence(ctx),
    ];
  }
  const rest = provided.length
    ? ['您申请获取的其他政府信息，经审查属于公开范围，本机关予以公开。', ...provided, deliverySentence(ctx)]
    : [];
  return [
    `经查，您申请获取的政府信息已由本机关主动公开。${cite}，现告知您获取该政府信息的方式和途径：`,
    ...published,
    ...rest,
  ];
};

const partial: Template = ({ ctx, d, cite }) => {
  const provided = introduce('现向您提供可以公开的内容', d.disclosedContent);
  const reasons = introduce('对其余内容不予公开，理由如下', d.withheldReason);
  return [
    '经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。' +
      `${cite}，本机关向您提供可以公开的政府信息内容，并对不予公开的内容说明理由。`,
    ...(provided.length ? provided : ['现将可以公开的内容提供给您。']),
    deliverySentence(ctx),
    ...(reasons.length ? reasons : [placeholder('不予公开的内容及其理由')]),
  ];
};

const TEMPLATES: Record<string, Template> = {
  disclose,
  partial,
  withhold_secret: withhold('您申请获取的政府信息属于依法确定为国家秘密的政府信息', null),
  withhold_law: withhold('您申请获取的政府信息属于法律、行政法规禁止公开的政府信息', '禁止公开该信息的法律、行政法规名称及条款'),
  withhold_security: withhold('您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定', null),
  withhold_third_party: withhold(
    '您申请获取的政府信息涉及商业秘密、个人隐私等内容，公开会对第三方合法权益造成损害，且不属于第三方同意公开或者不公开会对公共利益造成重大影响的情形',
    '涉及的第三方合法权益及征求第三方意见的情况',
  ),
  withhold_internal: withhold('您申请获取的政府信息属于本机关的内部事务信息，即人事管理、后勤管理、内部工作流程等方面的信息', null),
  withhold_process: withhold(
    '您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，且法律、法规、规章未规定该信息应当公开',
    null,
  ),
  withhold_enforcement: withhold('您申请获取的政府信息属于行政执法案卷信息，且法律、法规、规章未规定该信息应当公开', null),
  withhold_inquiry: ({ d, cite }) => [
    `经审查，您所申请的事项属于行政查询事项，应当通过相应的查询途径办理。${cite}，本机关决定不予公开。`,
    ...(d.referTo?.trim() ? [`您可以通过${clause(d.referTo)}办理查询。`] : []),
    ...introduce('具体理由如下', d.withheldReason),
  ],
  unable_not_held: ({ d, cite }) => [
    `经检索查找，本机关未制作、获取您申请获取的政府信息，本机关不掌握该政府信息。${cite}，特此告知。`,
    ...(d.referTo?.trim() ? [`负责公开该政府信息的行政机关为${clause(d.referTo)}，您可以向其提出申请。`] : []),
  ],
  unable_needs_creation: ({ cite }) => [
    '经审查，本机关没有现成的您申请获取的信息，提供该信息需要本机关对现有政府信息进行加工、分析后另行制作。' +
      `${cite}，本机关不予提供。`,
  ],
  unable_unclear: ({ cite }) => [
    '本机关已就您的申请向您发出补正告知，一次性告知了需要补正的事项。经审查，您补正后的申请内容仍不明确，本机关无法据此确定您所需要的政府信息。' +
      `${cite}，本机关无法向您提供。`,
    '您可以在明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述后，重新提出申请。',
  ],
  reject_complaint: ({ d, cite }) => [
    `经审查，您提交的申请实质上是以政府信息公开申请的形式进行信访、投诉、举报等活动。${cite}，本机关不作为政府信息公开申请处理。`,
    d.referTo?.trim()
      ? `您可以通过${clause(d.referTo)}反映相关诉求。`
      : '您可以依照《信访工作条例》等规定，通过信访、投诉、举报等相应渠道提出。',
  ],
  reject_repeat: ({ cite }) => [
    '经查，本机关已就您此前提出的政府信息公开申请作出答复，您本次申请公开的政府信息与前次申请相同，属于重复申请。' +
      `${cite}，本机关不予重复处理。`,
  ],
  reject_publication: ({ d, cite }) => {
    const where = publishedList(d);
    const refer = d.referTo?.trim() ? [`您可以通过${clause(d.referTo)}获取。`] : [];
    const ways = [...where, ...refer];
    return [
      `经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。${cite}，本机关不作为政府信息公开申请处理，现告知您获取的途径：`,
      ...(ways.length ? ways : ['您可以通过公开发行渠道或者公共图书馆、档案馆等途径获取。']),
    ];
  },
  reject_mass: ({ d, cite }) => [
    '您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为您的申请理由不合理。' +
      `${cite}，本机关不予处理。`,
    ...introduce('具体理由如下', d.withheldReason),
  ],
  reject_confirm: ({ cite }) => [
    '经审查，您的申请内容系要求本机关对您已获取的政府信息予以确认或者重新出具，不属于政府信息公开申请的处理范围。' +
      `${cite}，本机关不作为政府信息公开申请处理。`,
  ],
  other_no_correction: ({ cite }) => [
    '本机关已就您的申请向您发出补正告知书，一次性告知了需要补正的事项和补正期限。您无正当理由逾期未补正。' +
      `${cite}，视为您放弃申请，本机关不再处理您的该政府信息公开申请。`,
  ],
  other_no_fee: ({ cite }) => [
    '本机关已就您的申请向您发出收费通知书。您未在收费通知书要求的期限内缴纳信息处理费。' +
      `${cite}，视为您放弃申请，本机关不再处理您的该政府信息公开申请。`,
  ],
  // The free-form outcome: the handler's note is the decision itself.
  other_other: ({ d, cite }) => {
    const note = lines(d.note);
    return [`${cite}，现将您申请的处理情况告知如下：`, ...(note.length ? note : [placeholder('处理情况及理由')])];
  },
};

/** Outcome groups whose reply withholds information, so that 行政复议 comes before litigation. */
const REVIEW_FIRST: ReadonlySet<OutcomeGroup> = new Set<OutcomeGroup>(['withhold', 'partial']);

export function hasReplyTemplate(code: string): boolean {
  return Object.hasOwn(TEMPLATES, code);
}

/** The paragraphs of a 答复书: facts, decision with its basis, the handler's note, remedies, contact. */
export function replyParagraphs(ctx: LetterContext, d: ReplyDetails): string[] {
  const outcome = outcomeOf(d.outcome);
  const template = TEMPLATES[outcome.code];
  if (!template) throw new RangeError(`办理结果“${outcome.label}”没有答复书模板`);
  const note = outcome.code === 'other_other' ? [] : lines(d.note);
  const remedies = REVIEW_FIRST.has(outcome.group) ? remediesReviewFirstParagraph(ctx) : remediesParagraph(ctx);
  return [requestFacts(ctx), ...template({ ctx, d, cite: citing(outcome.basis) }), ...note, remedies, contactParagraph(ctx)];
}
