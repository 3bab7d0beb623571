import type { FieldErrors } from '../../../platform/http/errors.js';
import { CsrfField, ErrorSummary } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { TextInput, type FormValues } from './public-form-parts.js';

export interface TrackPageProps {
  ctx: PageContext;
  csrfToken: string;
  values: FormValues;
  errors?: FieldErrors;
  /** Why the visitor was sent here (e.g. the status page needs the code first). */
  notice?: string | null;
}

/** 申请查询: the tracking number and access code from the receipt open the status page. */
export function TrackPage(p: TrackPageProps) {
  return (
    <PublicLayout ctx={p.ctx} title="申请查询" crumbs={[{ label: '申请查询' }]}>
      <h1>申请查询</h1>
      <p>请输入申请回执上的申请编号和查询码，查看办理进度和答复。</p>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/requests/track" novalidate class="track-form">
        <CsrfField token={p.csrfToken} />
        <TextInput name="trackingNo" label="申请编号" values={p.values} errors={p.errors} required maxLength={40} autocomplete="off" hint="例如：CITY-2026-00001" />
        <TextInput name="accessCode" label="查询码" size="short" values={p.values} errors={p.errors} required maxLength={20} autocomplete="off" hint="8 位字母和数字，不区分大小写" />
        <div class="actions">
          <button type="submit" class="big-button">
            查询
          </button>
        </div>
      </form>
      <p class="note">
        忘记查询码的，请带上身份证明联系受理机关的政府信息公开工作机构。还没有申请？<a href="/apply">在线申请政府信息公开</a>。
      </p>
    </PublicLayout>
  );
}
