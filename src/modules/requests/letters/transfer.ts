import type { LetterContext, TransferDetails } from './compose.js';
import { REGULATION, chineseDate, clause, requestFacts } from './phrases.js';

/**
 * 转送告知书: the application asks for information another organization of the site group holds
 * and discloses (条例 第十条: the organ that made or keeps the information discloses it), so instead
 * of only telling the applicant where to ask (第三十六条第五项) the case is sent on to it. The
 * receiving organization's 20 working days (第三十三条第二款) count from the day it receives the
 * transferred application (第三十一条: the day it is received is the day of receipt).
 */
export function transferParagraphs(ctx: LetterContext, d: TransferDetails): string[] {
  const to = d.to.name.trim();
  const why = clause(d.reason);
  const contact = [d.to.address.trim() ? `地址：${d.to.address.trim()}` : '', d.to.phone.trim() ? `联系电话：${d.to.phone.trim()}` : ''].filter(Boolean).join('，');
  return [
    requestFacts(ctx),
    `经审查，您申请获取的政府信息不属于本机关负责公开的范围${why ? `（${why}）` : ''}。根据${REGULATION}第十条、第三十六条第五项的规定，` +
      `该政府信息由${to}负责公开。为便于您获取信息，本机关已于${chineseDate(d.on)}将您的申请转送${to}办理，您无需重新提交申请。`,
    `${to}收到转送申请之日为${chineseDate(d.on)}，将依照${REGULATION}第三十三条的规定，于${chineseDate(d.dueOn)}前作出答复；` +
      '需要补正、征求意见或者延长答复期限的，将另行书面告知。',
    `您可以继续凭原申请编号和查询码查询办理进度${contact ? `，也可以直接联系${to}（${contact}）` : ''}。`,
  ];
}
