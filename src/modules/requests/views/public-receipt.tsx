import { formatChineseDate } from '../../../platform/clock/clock.js';
import { CsrfField } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { REPLY_WORKING_DAYS, CORRECTION_NOTICE_DAYS } from '../domain/clock.js';
import { PrintButton } from './public-form-parts.js';

export interface ReceiptPageProps {
  ctx: PageContext;
  csrfToken: string;
  trackingNo: string;
  accessCode: string;
  orgName: string;
  submittedOn: string;
  subject: string;
}

/** 回执: shown once after an online application, to be written down or printed. */
export function ReceiptPage(p: ReceiptPageProps) {
  return (
    <PublicLayout ctx={p.ctx} title="申请已提交" crumbs={[{ label: '申请政府信息公开', href: '/apply' }, { label: '申请回执' }]}>
      <h1>申请已提交</h1>
      <p class="flash" role="status">
        您的政府信息公开申请已经提交。下面是您的申请回执。
      </p>
      <section class="receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title">政府信息公开申请回执</h2>
        <ReceiptCodes numberLabel="申请编号" trackingNo={p.trackingNo} accessCode={p.accessCode} />
        <p class="warn-box">
          <strong>请把申请编号和查询码抄写下来，或者打印本页，妥善保存。</strong>
          查询码只在这里显示，凭申请编号和查询码才能查询办理进度、查看答复。请不要告诉他人；工作人员不会向您索要查询码。
        </p>
        <table class="meta-table">
          <tbody>
            <tr>
              <th scope="row">受理机关</th>
              <td>{p.orgName}</td>
            </tr>
            <tr>
              <th scope="row">提交日期</th>
              <td>{formatChineseDate(p.submittedOn)}</td>
            </tr>
            <tr>
              <th scope="row">所需信息</th>
              <td>{p.subject}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <section aria-labelledby="next-title">
        <h2 id="next-title">接下来会怎样</h2>
        <ol class="steps">
          <li>受理机关确认收到您的申请后予以登记。网上申请以双方确认之日为收到申请之日（条例第三十一条）。</li>
          <li>答复期限从确认收到之日起算：{REPLY_WORKING_DAYS} 个工作日内答复；需要延长的，受理机关会书面告知您，延长最多 {REPLY_WORKING_DAYS} 个工作日（条例第三十三条）。</li>
          <li>申请内容不明确的，受理机关会在 {CORRECTION_NOTICE_DAYS} 个工作日内一次性告知您需要补正的内容，您可以在网上补正（条例第三十条）。</li>
          <li>补正告知、答复书等文书，都可以在“申请查询”页面查看和下载。</li>
        </ol>
      </section>
      <div class="actions no-print">
        {/* The same check as the tracking form, with the numbers on this page. */}
        <form method="post" action="/requests/track" class="inline-form">
          <CsrfField token={p.csrfToken} />
          <input type="hidden" name="trackingNo" value={p.trackingNo} />
          <input type="hidden" name="accessCode" value={p.accessCode} />
          <button type="submit" class="big-button">
            查看办理进度
          </button>
        </form>
        <a class="button secondary big-button" href="/requests/track">
          申请查询
        </a>
        <PrintButton label="打印回执" />
      </div>
    </PublicLayout>
  );
}

/** The tracking number and access code in large type, shown once on a receipt. */
export function ReceiptCodes(p: { numberLabel: string; trackingNo: string; accessCode: string }) {
  return (
    <dl class="receipt-codes">
      <div>
        <dt>{p.numberLabel}</dt>
        <dd class="code-big" id="tracking-no">{p.trackingNo}</dd>
      </div>
      <div>
        <dt>查询码</dt>
        <dd class="code-big" id="access-code">{p.accessCode}</dd>
      </div>
    </dl>
  );
}
