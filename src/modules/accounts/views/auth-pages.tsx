import type { ComponentChildren } from 'preact';
import { CsrfField, ErrorSummary, Field, describedBy } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_RULE_TEXT } from '../../../platform/auth/password.js';
import { MobileField } from './mobile-pages.js';

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

function EmailField(p: FormPage & { autocomplete?: string; optional?: boolean }) {
  return (
    <Field name="email" label="电子邮箱" errors={p.errors} required={!p.optional}>
      <input id="f-email" name="email" type="email" inputMode="email" autocomplete={p.autocomplete ?? 'email'} value={v(p, 'email')} maxLength={254} required={!p.optional} aria-describedby={describedBy('email', p.errors)} aria-invalid={p.errors?.email ? 'true' : undefined} />
    </Field>
  );
}

function PasswordFields(p: FormPage) {
  return (
    <>
      <Field name="password" label="密码" errors={p.errors} hint={PASSWORD_RULE_TEXT} required>
        <input id="f-password" name="password" type="password" autocomplete="new-password" maxLength={PASSWORD_MAX_LENGTH} required aria-describedby={describedBy('password', p.errors, true)} aria-invalid={p.errors?.password ? 'true' : undefined} />
      </Field>
      <Field name="password2" label="确认密码" errors={p.errors} required>
        <input id="f-password2" name="password2" type="password" autocomplete="new-password" maxLength={200} required aria-describedby={describedBy('password2', p.errors)} />
      </Field>
    </>
  );
}

/** `mobile`: whether a number can be registered (only where its SMS code can reach the person). */
export function RegisterPage(p: FormPage & { mobile: boolean }) {
  return (
    <AuthFrame ctx={p.ctx} title="注册账号">
      <p>注册后可在个人中心查看您提交的依申请公开和咨询的办理进度，订阅主题、机构、关键词等，新政策发布时会送到您的个人中心，也可通过电子邮件提醒（政策找人）。</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/account/register" class="apply-form" novalidate>
        <CsrfField token={p.csrfToken} />
        {p.mobile ? (
          <fieldset class="choice-section">
            <legend>手机号码或电子邮箱（任选一项）</legend>
            <MobileField values={p.values} errors={p.errors} hint="中国大陆 11 位手机号码，注册时用短信验证码验证" />
            <EmailField {...p} optional />
          </fieldset>
        ) : (
          <EmailField {...p} />
        )}
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
          <p class="hint">您的手机号码或电子邮箱仅用于登录、验证和发送您订阅的政策提醒，加密保存，不对外公开，可随时退订或注销。</p>
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

/** The sign-in name as typed (`email` was the field's earlier name). */
const login = (p: FormPage) => p.values?.login ?? p.values?.email ?? '';

export function LoginPage(p: FormPage & { next: string; unverified?: 'email' | 'mobile'; notice?: string | null }) {
  return (
    <AuthFrame ctx={p.ctx} title="登录个人中心">
      {p.notice ? <p class="flash" role="status">{p.notice}</p> : null}
      <ErrorSummary errors={p.errors} />
      {p.unverified === 'email' ? (
        <p class="warn-box">
          <a href={`/account/verify/resend?email=${encodeURIComponent(login(p))}`}>重新发送验证邮件</a>
        </p>
      ) : p.unverified === 'mobile' ? (
        <p class="warn-box">
          <a href="/account/verify-mobile">输入短信验证码</a>
        </p>
      ) : null}
      <form method="post" action="/account/login" class="apply-form" novalidate>
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="next" value={p.next} />
        <Field name="login" label="手机号码或电子邮箱" errors={p.errors} required>
          <input id="f-login" name="login" autocomplete="username" value={login(p)} maxLength={254} required aria-describedby={describedBy('login', p.errors)} aria-invalid={p.errors?.login ? 'true' : undefined} />
        </Field>
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
