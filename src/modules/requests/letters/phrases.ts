import type { LetterContext } from './compose.js';

/** The 条例 by its full name, as every letter cites it. */
export const REGULATION = '《中华人民共和国政府信息公开条例》';

/**
 * Marks a fact the letter needs but the handler has not supplied (e.g. the reason for withholding
 * under 第三十六条第（三）项). The send command should refuse a body that still contains one.
 */
export function placeholder(what: string): string {
  return `【待填写：${what}】`;
}
const PLACEHOLDER_RE = /【待填写：[^】]*】/g;
export function findPlaceholders(text: string): string[] {
  return text.match(PLACEHOLDER_RE) ?? [];
}

/**
 * 'YYYY-MM-DD' (or an ISO timestamp) → '2026年1月5日'. GB/T 9704: the year in full, month and day
 * without leading zeros. Anything else is returned unchanged, so an already-Chinese date passes.
 */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(date.trim());
  if (!m) return date.trim();
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Drops trailing punctuation so a phrase can be embedded in a sentence. */
export function clause(text: string): string {
  return text.trim().replace(/[。；;，,．.！!？?\s]+$/u, '');
}

/** Ends a phrase with a full stop unless it already ends a sentence. */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return '';
  return /[。！？!?）)」』”]$/u.test(t) ? t : `${t}。`;
}

/** Free text from the handler (one paragraph per line), without blank lines. */
export function lines(text: string | undefined): string[] {
  return (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

/** The information asked for: a document title in 《》 with its number, anything else in “”. */
export function requestedInfo(req: LetterContext['request']): string {
  const subject = req.subject.trim();
  const docNumber = req.docNumber?.trim();
  const quoted = /^[《“"「]/u.test(subject) ? subject : docNumber ? `《${subject}》` : `“${subject}”`;
  return docNumber ? `${quoted}（${docNumber}）` : quoted;
}

/**
 * The opening facts addressed to the applicant: when the request was received (条例第三十一条 —
 * before the receipt day is confirmed, the submission day), its tracking number, what was asked.
 */
export function requestFacts(ctx: LetterContext): string {
  const { request: r } = ctx;
  const filed = r.receivedOn
    ? `本机关于${chineseDate(r.receivedOn)}收到您提交的政府信息公开申请（申请编号：${r.trackingNo}）`
    : `您于${chineseDate(r.submittedOn)}提交的政府信息公开申请（申请编号：${r.trackingNo}）本机关已收悉`;
  return `${filed}，您申请获取${requestedInfo(r)}。`;
}

/** The same facts for a third party: the applicant is not named to it. */
export function requestFactsForThirdParty(ctx: LetterContext): string {
  const { request: r } = ctx;
  const on = chineseDate(r.receivedOn ?? r.submittedOn);
  return `本机关于${on}收到一份政府信息公开申请（申请编号：${r.trackingNo}），申请获取${requestedInfo(r)}。`;
}

/** 根据A和B的规定 / 根据A、B和C的规定; a bare statute title gets 的有关规定. */
export function citing(basis: string): string {
  const parts = basis.split(/[；;]/).map((p) => p.trim()).filter(Boolean);
  const joined = parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join('、')}和${parts[parts.length - 1]}`;
  return /》$/u.test(joined) ? `根据${joined}的有关规定` : `根据${joined}的规定`;
}

const REMEDY_LAWS = '根据《中华人民共和国行政复议法》第二十条和《中华人民共和国行政诉讼法》第四十六条的规定';

/** The standard remedies sentence (行政复议法第二十条: 60 days; 行政诉讼法第四十六条: 6 months). */
export function remediesSentence(ctx: LetterContext): string {
  const { reviewBody, court } = ctx.remedies;
  return `如对本答复不服，可以在收到本答复书之日起六十日内向${reviewBody}申请行政复议，或者在六个月内向${court}提起行政诉讼。`;
}

export function remediesParagraph(ctx: LetterContext): string {
  return `${REMEDY_LAWS}，${remediesSentence(ctx)}`;
}

/**
 * Where information is withheld, review comes first: 行政复议法（2023年修订）第二十三条第一款第（四）项
 * (申请政府信息公开，行政机关不予公开的，应当先申请行政复议). Litigation only against the review decision,
 * within 15 days of receiving it (行政诉讼法第四十五条).
 */
export function remediesReviewFirstParagraph(ctx: LetterContext): string {
  const { reviewBody, court } = ctx.remedies;
  return (
    '根据《中华人民共和国行政复议法》第二十条、第二十三条第一款第（四）项和《中华人民共和国行政诉讼法》第四十五条的规定，' +
    `如对本答复不服，可以在收到本答复书之日起六十日内向${reviewBody}申请行政复议；` +
    `对行政复议决定不服的，可以在收到行政复议决定书之日起十五日内向${court}提起行政诉讼。`
  );
}

/** The office's address for replies and questions; empty fields are left out. */
export function contactParagraph(ctx: LetterContext): string {
  const { address, postcode, phone } = ctx.org;
  const parts = [
    address.trim() ? `联系地址：${address.trim()}` : '',
    postcode.trim() ? `邮政编码：${postcode.trim()}` : '',
    phone.trim() ? `联系电话：${phone.trim()}` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('；')}。` : '';
}

export const PROVIDE_FORMS: Record<LetterContext['request']['provideForm'], string> = {
  paper: '纸质文本',
  electronic: '电子数据',
};

/** How the information reaches the applicant, in the form and by the channel they asked for (第四十条). */
export function deliverySentence(ctx: LetterContext): string {
  const r = ctx.request;
  const form = PROVIDE_FORMS[r.provideForm];
  switch (r.deliveryMethod) {
    case 'post': return `上述政府信息以${form}形式，通过邮政寄送方式提供给您。`;
    case 'email': return `上述政府信息以${form}形式，通过电子邮件方式提供给您。`;
    case 'online': return `上述政府信息以${form}形式，通过本机关政府信息公开申请平台提供给您，您可以凭申请编号查询、下载。`;
    case 'fax': return `上述政府信息以${form}形式，通过传真方式提供给您。`;
    case 'pickup': {
      const where = ctx.org.address.trim() ? `到${ctx.org.address.trim()}` : '到本机关';
      return `上述政府信息以${form}形式提供，请您持本答复书和有效身份证明${where}领取。`;
    }
  }
}
