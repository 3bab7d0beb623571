import type { ApplicantKind } from '../../../db/schema.js';

/**
 * How a request ends: the leaf rows of table 3 of the annual report (国办公开办函〔2021〕30号,
 * "三、本年度办理结果"), each with its legal basis in the 条例 (2019). One code per leaf; the report,
 * the reply letter and the workflow all read this one list.
 */
export type OutcomeGroup = 'disclose' | 'partial' | 'withhold' | 'unable' | 'reject' | 'other';

export interface Outcome {
  code: string;
  group: OutcomeGroup;
  /** The row's label exactly as printed in the report (without its number). */
  label: string;
  /** Short label for lists and pickers. */
  short: string;
  /** The articles a reply with this outcome rests on. */
  basis: string;
}

export const OUTCOME_GROUPS: { group: OutcomeGroup; label: string }[] = [
  { group: 'disclose', label: '（一）予以公开' },
  { group: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { group: 'withhold', label: '（三）不予公开' },
  { group: 'unable', label: '（四）无法提供' },
  { group: 'reject', label: '（五）不予处理' },
  { group: 'other', label: '（六）其他处理' },
];

export const OUTCOMES: readonly Outcome[] = [
  { code: 'disclose', group: 'disclose', label: '予以公开', short: '予以公开', basis: '《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项' },
  { code: 'partial', group: 'partial', label: '部分公开', short: '部分公开', basis: '《中华人民共和国政府信息公开条例》第三十七条' },
  { code: 'withhold_secret', group: 'withhold', label: '属于国家秘密', short: '不予公开：国家秘密', basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项' },
  { code: 'withhold_law', group: 'withhold', label: '其他法律行政法规禁止公开', short: '不予公开：法律法规禁止', basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项' },
  { code: 'withhold_security', group: 'withhold', label: '危及“三安全一稳定”', short: '不予公开：危及三安全一稳定', basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项' },
  { code: 'withhold_third_party', group: 'withhold', label: '保护第三方合法权益', short: '不予公开：保护第三方合法权益', basis: '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项' },
  { code: 'withhold_internal', group: 'withhold', label: '属于三类内部事务信息', short: '不予公开：内部事务信息', basis: '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项' },
  { code: 'withhold_process', group: 'withhold', label: '属于四类过程性信息', short: '不予公开：过程性信息', basis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项' },
  { code: 'withhold_enforcement', group: 'withhold', label: '属于行政执法案卷', short: '不予公开：行政执法案卷', basis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项' },
  { code: 'withhold_inquiry', group: 'withhold', label: '属于行政查询事项', short: '不予公开：行政查询事项', basis: '《中华人民共和国政府信息公开条例》第三十六条第（三）项' },
  { code: 'unable_not_held', group: 'unable', label: '本机关不掌握相关政府信息', short: '无法提供：本机关不掌握', basis: '《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项' },
  { code: 'unable_needs_creation', group: 'unable', label: '没有现成信息需要另行制作', short: '无法提供：需另行制作', basis: '《中华人民共和国政府信息公开条例》第三十八条' },
  { code: 'unable_unclear', group: 'unable', label: '补正后申请内容仍不明确', short: '无法提供：补正后仍不明确', basis: '《中华人民共和国政府信息公开条例》第二十九条第二款、第三十条' },
  { code: 'reject_complaint', group: 'reject', label: '信访举报投诉类申请', short: '不予处理：信访举报投诉', basis: '《中华人民共和国政府信息公开条例》第三十九条第一款' },
  { code: 'reject_repeat', group: 'reject', label: '重复申请', short: '不予处理：重复申请', basis: '《中华人民共和国政府信息公开条例》第三十六条第（六）项' },
  { code: 'reject_publication', group: 'reject', label: '要求提供公开出版物', short: '不予处理：公开出版物', basis: '《中华人民共和国政府信息公开条例》第三十九条第二款' },
  { code: 'reject_mass', group: 'reject', label: '无正当理由大量反复申请', short: '不予处理：大量反复申请', basis: '《中华人民共和国政府信息公开条例》第三十五条' },
  { code: 'reject_confirm', group: 'reject', label: '要求行政机关确认或重新出具已获取信息', short: '不予处理：要求确认或重新出具', basis: '《中华人民共和国政府信息公开条例》第三十九条第二款' },
  { code: 'other_no_correction', group: 'other', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', short: '其他处理：逾期不补正', basis: '《中华人民共和国政府信息公开条例》第三十条' },
  { code: 'other_no_fee', group: 'other', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', short: '其他处理：逾期未缴费', basis: '《中华人民共和国政府信息公开条例》第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）' },
  { code: 'other_other', group: 'other', label: '其他', short: '其他处理：其他', basis: '《中华人民共和国政府信息公开条例》' },
];

export const OUTCOME_CODES = OUTCOMES.map((o) => o.code);

export function outcomeOf(code: string): Outcome {
  const o = OUTCOMES.find((x) => x.code === code);
  if (!o) throw new RangeError(`未知的办理结果：${code}`);
  return o;
}

/** The report's applicant columns: 自然人, then the five kinds of 法人或其他组织. */
export const APPLICANT_KINDS: { kind: ApplicantKind; label: string }[] = [
  { kind: 'natural', label: '自然人' },
  { kind: 'business', label: '商业企业' },
  { kind: 'research', label: '科研机构' },
  { kind: 'public_interest', label: '社会公益组织' },
  { kind: 'legal_service', label: '法律服务机构' },
  { kind: 'other', label: '其他' },
];

export function applicantKindLabel(kind: ApplicantKind): string {
  return APPLICANT_KINDS.find((k) => k.kind === kind)!.label;
}
