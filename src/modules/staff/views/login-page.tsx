import { CsrfField, ErrorSummary, Field } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';

export function LoginPage(p: { ctx: PageContext; csrfToken: string; next: string; username?: string; errors?: FieldErrors; demo: boolean }) {
  return (
    <AdminLayout ctx={p.ctx} title="登录" actorName={null} csrfToken={p.csrfToken}>
      <h1>工作人员登录</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/admin/login" class="card" style="max-width:420px">
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="next" value={p.next} />
        <Field name="username" label="用户名" errors={p.errors} required>
          <input id="f-username" name="username" type="text" autocomplete="username" value={p.username ?? ''} required />
        </Field>
        <Field name="password" label="密码" errors={p.errors} required>
          <input id="f-password" name="password" type="password" autocomplete="current-password" required />
        </Field>
        <button type="submit">登录</button>
      </form>
      {p.demo ? <p class="note">演示环境：账号见启动时的命令行输出或 README。</p> : null}
    </AdminLayout>
  );
}
