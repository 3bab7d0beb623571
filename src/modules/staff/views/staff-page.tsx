import type { Role } from '../../../db/schema.js';
import { PASSWORD_RULE_TEXT } from '../../../platform/auth/password.js';
import { CsrfField, ErrorSummary, Field } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { ROLE_LABELS } from '../commands/create-staff.js';

export interface StaffRow {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  locked: boolean;
  roles: { orgId: number; orgName: string; role: Role }[];
}

const ROLES = Object.keys(ROLE_LABELS) as Role[];

export function StaffPage(p: { ctx: PageContext; actorName: string; csrfToken: string; rows: StaffRow[]; orgs: { id: number; name: string }[]; errors?: FieldErrors; values?: Record<string, string>; flash?: string | null }) {
  const v = (k: string) => p.values?.[k] ?? '';
  return (
    <AdminLayout ctx={p.ctx} title="账号与角色" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '账号与角色' }]} flash={p.flash}>
      <h1>账号与角色</h1>
      <table class="data">
        <thead><tr><th scope="col">账号</th><th scope="col">姓名</th><th scope="col">角色</th><th scope="col">状态</th></tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>{r.username}</td>
              <td>{r.displayName}</td>
              <td>{r.roles.map((x) => `${x.orgName}·${ROLE_LABELS[x.role]}`).join('；')}</td>
              <td>
                {r.disabled ? '已停用' : r.locked ? '已锁定' : '正常'}
                <form method="post" action={`/admin/staff/${r.id}/state`} style="display:inline;margin-left:8px">
                  <CsrfField token={p.csrfToken} />
                  <input type="hidden" name="disabled" value={r.disabled ? '0' : '1'} />
                  <button type="submit" class="secondary">{r.disabled ? '启用' : '停用'}</button>
                </form>
                {r.locked && !r.disabled ? (
                  <form method="post" action={`/admin/staff/${r.id}/state`} style="display:inline;margin-left:8px">
                    <CsrfField token={p.csrfToken} />
                    <input type="hidden" name="disabled" value="0" />
                    <button type="submit" class="secondary">解锁</button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/admin/staff/roles" class="card">
        <h2>授予或撤销角色</h2>
        <CsrfField token={p.csrfToken} />
        <div class="grid">
          <Field name="grantUsername" label="用户名" errors={p.errors} required><input id="f-grantUsername" name="username" type="text" value={v('grantUsername')} autocomplete="off" /></Field>
          <Field name="grantOrgId" label="机构" errors={p.errors} required>
            <select id="f-grantOrgId" name="orgId">{p.orgs.map((o) => <option value={o.id}>{o.name}</option>)}</select>
          </Field>
          <Field name="grantRole" label="角色" errors={p.errors} required>
            <select id="f-grantRole" name="role">{ROLES.map((r) => <option value={r}>{ROLE_LABELS[r]}</option>)}</select>
          </Field>
        </div>
        <div class="actions">
          <button type="submit" name="granted" value="1">授予</button>
          <button type="submit" name="granted" value="0" class="secondary">撤销</button>
        </div>
      </form>
      <form method="post" action="/admin/staff" class="card">
        <h2>新建账号</h2>
        <ErrorSummary errors={p.errors} />
        <CsrfField token={p.csrfToken} />
        <Field name="username" label="用户名" errors={p.errors} required hint="字母、数字、点和连字符"><input id="f-username" name="username" type="text" value={v('username')} autocomplete="off" aria-describedby="h-username" /></Field>
        <Field name="displayName" label="姓名" errors={p.errors} required><input id="f-displayName" name="displayName" type="text" value={v('displayName')} /></Field>
        <Field name="password" label="初始密码" errors={p.errors} required hint={PASSWORD_RULE_TEXT}><input id="f-password" name="password" type="password" autocomplete="new-password" aria-describedby="h-password" /></Field>
        <Field name="orgId" label="机构" errors={p.errors} required>
          <select id="f-orgId" name="orgId">{p.orgs.map((o) => <option value={o.id} selected={v('orgId') === String(o.id)}>{o.name}</option>)}</select>
        </Field>
        <Field name="role" label="角色" errors={p.errors} required>
          <select id="f-role" name="role">{ROLES.map((r) => <option value={r} selected={v('role') === r}>{ROLE_LABELS[r]}</option>)}</select>
        </Field>
        <button type="submit">新建</button>
      </form>
    </AdminLayout>
  );
}
