import { CsrfField, ErrorSummary, Field, describedBy } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';

export interface TrackerProps {
  ctx: PageContext;
  csrfToken: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  /** The kinds of number the site issues, with an example each (from the tracked-case channels). */
  kinds: { label: string; example: string }[];
}

/** 办件查询: any tracking number the platform issued, with its access code, leads to its page. */
export function TrackerPage(p: TrackerProps) {
  return (
    <PublicLayout ctx={p.ctx} title="办件查询" crumbs={[{ label: '办件查询' }]}>
      <h1>办件查询</h1>
      <p>输入回执上的编号和查询码，查看政府信息公开申请、政策咨询等的办理进度和答复。登录后提交的，也可以直接在<a href="/account">个人中心</a>查看。</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/track" novalidate class="track-form apply-form">
        <CsrfField token={p.csrfToken} />
        <Field name="trackingNo" label="编号" errors={p.errors} required hint={`本站发出的编号：${p.kinds.map((k) => `${k.label}（如 ${k.example}）`).join('、')}`}>
          <input id="f-trackingNo" name="trackingNo" value={p.values.trackingNo ?? ''} maxLength={80} autocomplete="off" required aria-describedby={describedBy('trackingNo', p.errors, true)} aria-invalid={p.errors?.trackingNo ? 'true' : undefined} />
        </Field>
        <Field name="accessCode" label="查询码" errors={p.errors} required hint="8 位字母和数字，不区分大小写">
          <input id="f-accessCode" name="accessCode" maxLength={20} autocomplete="off" required aria-describedby={describedBy('accessCode', p.errors, true)} aria-invalid={p.errors?.accessCode ? 'true' : undefined} />
        </Field>
        <div class="actions">
          <button type="submit" class="big-button">查询</button>
        </div>
      </form>
      <p class="note">忘记查询码的，请带上身份证明联系受理机关。</p>
    </PublicLayout>
  );
}
