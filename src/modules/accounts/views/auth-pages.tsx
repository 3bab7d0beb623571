import type { ComponentChildren } from 'preact';
import { CsrfField, ErrorSummary, Field, describedBy } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';

interface FormPage {
  ctx: PageContext;
  csrfToken: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

const v = (p: FormPage, k: string) => p.values?.[k] ?? '';

function AuthFrame({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  return (
    <PublicLayout ctx={ctx} title={title} crumbs={[{ label: '个人中心', href: '/account' }, { label: title }]}>
      <h1>{title}</h1>
      {children}
    </PublicLayout>
  );
}

function EmailField(p: FormPage & { autocomplete?: string }) {
  return (
    <Field name="email" label="电子邮箱" errors={p.errors} required>
      <input id="f-email" name="email" type="email" inputMode="email" autocomplete={p.autocomplete ?? 'email'} value={v(p, 'email')} maxLength={254} required aria-describedby={describedBy('email', p.errors)} aria-invalid={p.errors?.email ? 'true' : undefined} />
    </Field>
  );
}

function PasswordFields(p: FormPage) {
  return (
    <>
      <Field name="password" label="密码" errors={p.errors} hint="至少 10 位，包含大写字母、小写字母、数字、符号中的至少三种" required>
        <input id="f-password" name="password" type="password" autocomplete="new-password" maxLength={200} required aria-describedby={describedBy('password', p.errors, true)} aria-invalid={p.errors?.password ? 'true' : undefined} />
      </Field>
      <Field name="password2" label="确认密码" errors={p.errors} required>
        <input id="f-password2" name="password2" type="password" autocomplete="new-password" maxLength={200} required aria-describedby={describedBy('password2', p.errors)} />
      </Field>
    </>
  );
}

export function RegisterPage(p: FormPage) {
  return (
    <AuthFrame ctx={p.ctx} title="注册账号">
      <p>注册后可在个人中心订阅主题、机构、关键词等，新政策发布时会送到您的个人中心，也可通过电子邮件提醒（政策找人）。</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/account/register" class="apply-form" novalidate>
        <CsrfField token={p.csrfToken} />
        <EmailField {...p} />
        <PasswordFields {...p} />
        <fieldset class="choice-section">
          <legend>账号类型</legend>
          {(['person', 'enterprise'] as const).map((k) => (
            <label class="choice">
              <input type="radio" name="kind" value={k} checked={(v(p, 'kind') || 'person') === k} /> {k === 'person' ? '个人' : '企业（含个体工商户）'}
            </label>
          ))}
        </fieldset>
        <Field name="agree" label="个人信息处理说明" errors={p.errors} required>
          <p class="hint">您的电子邮箱仅用于登录、验证和发送您订阅的政策提醒，加密保存，不对外公开，可随时退订或注销。</p>
          <label class="choice">
            <input id="f-agree" type="checkbox" name="agree" value="1" checked={v(p, 'agree') === '1'} /> 我已阅读并同意
          </label>
        </Field>
        <p class="actions"><button type="submit" class="button">注册</button></p>
      </form>
      <p>已有账号？<a href="/account/login">登录</a></p>
    </AuthFrame>
  );
}

export function LoginPage(p: FormPage & { next: string; unverified?: boolean; notice?: string | null }) {
  return (
    <AuthFrame ctx={p.ctx} title="登录个人中心">
      {p.notice ? <p class="flash" role="status">{p.notice}</p> : null}
      <ErrorSummary errors={p.errors} />
      {p.unverified ? (
        <p class="warn-box">
          <a href={`/account/verify/resend?email=${encodeURIComponent(v(p, 'email'))}`}>重新发送验证邮件</a>
        </p>
      ) : null}
      <form method="post" action="/account/login" class="apply-form" novalidate>
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="next" value={p.next} />
        <EmailField {...p} autocomplete="username" />
        <Field name="password" label="密码" errors={p.errors} required>
          <input id="f-password" name="password" type="password" autocomplete="current-password" maxLength={200} required aria-invalid={p.errors?.password ? 'true' : undefined} />
        </Field>
        <p class="actions"><button type="submit" class="button">登录</button></p>
      </form>
      <p>
        <a href="/account/register">注册账号</a> · <a href="/account/reset">忘记密码</a> · <a href="/account/verify/resend">重新发送验证邮件</a>
      </p>
    </AuthFrame>
  );
}

/** A one-field form asking for the address: resend the verification link, or mail a reset link. */
export function EmailFormPage(p: FormPage & { title: string; action: string; intro: string; button: string }) {
  return (
    <AuthFrame ctx={p.ctx} title={p.title}>
      <p>{p.intro}</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={p.action} class="apply-form" novalidate>
        <CsrfField token={p.csrfToken} />
        <EmailField {...p} />
        <p class="actions"><button type="submit" class="button">{p.button}</button></p>
      </form>
    </AuthFrame>
  );
}

export function NewPasswordPage(p: FormPage & { token: string }) {
  return (
    <AuthFrame ctx={p.ctx} title="设置新密码">
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/account/reset/set" class="apply-form" novalidate>
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="token" value={p.token} />
        <PasswordFields {...p} />
        <p class="actions"><button type="submit" class="button">保存新密码</button></p>
      </form>
    </AuthFrame>
  );
}

/** A page that only says what happened (mail sent, address verified, link invalid) and where to go next. */
export function MessagePage(p: { ctx: PageContext; title: string; message: string; links?: { href: string; label: string }[]; warn?: boolean }) {
  return (
    <AuthFrame ctx={p.ctx} title={p.title}>
      <p class={p.warn ? 'warn-box' : 'flash'} role={p.warn ? 'alert' : 'status'}>{p.message}</p>
      {p.links?.length ? (
        <ul class="list">
          {p.links.map((l) => (
            <li><a href={l.href}>{l.label}</a></li>
          ))}
        </ul>
      ) : null}
    </AuthFrame>
  );
}
