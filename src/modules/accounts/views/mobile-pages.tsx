import { CsrfField, ErrorSummary, Field, describedBy } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';

/** The mobile number field of the registration and code forms. */
export function MobileField(p: { values?: Record<string, string>; errors?: FieldErrors; required?: boolean; hint?: string }) {
  return (
    <Field name="mobile" label="手机号码" errors={p.errors} required={p.required} hint={p.hint}>
      <input id="f-mobile" name="mobile" type="tel" inputMode="numeric" autocomplete="tel-national" value={p.values?.mobile ?? ''} maxLength={20} aria-describedby={describedBy('mobile', p.errors, Boolean(p.hint))} aria-invalid={p.errors?.mobile ? 'true' : undefined} />
    </Field>
  );
}

/** Entering the code sent by SMS, with a way to ask for a new one. */
export function MobileCodePage(p: { ctx: PageContext; csrfToken: string; values: Record<string, string>; errors?: FieldErrors; notice?: string | null }) {
  return (
    <PublicLayout ctx={p.ctx} title="验证手机号码" crumbs={[{ label: '个人中心', href: '/account' }, { label: '验证手机号码' }]}>
      <h1>验证手机号码</h1>
      {p.notice ? <p class="flash" role="status">{p.notice}</p> : null}
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/account/verify-mobile" class="apply-form" novalidate>
        <CsrfField token={p.csrfToken} />
        <MobileField values={p.values} errors={p.errors} required />
        <Field name="code" label="短信验证码" errors={p.errors} required hint="短信中的 6 位数字，15 分钟内有效">
          <input id="f-code" name="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxLength={6} required aria-describedby={describedBy('code', p.errors, true)} aria-invalid={p.errors?.code ? 'true' : undefined} />
        </Field>
        <p class="actions"><button type="submit" class="button">验证</button></p>
      </form>
      <form method="post" action="/account/verify-mobile/resend" class="inline-form">
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="mobile" value={p.values.mobile ?? ''} />
        没有收到短信？<button type="submit">重新发送验证码</button>
      </form>
      <p><a href="/account/login">登录</a> · <a href="/account/register">注册账号</a></p>
    </PublicLayout>
  );
}
