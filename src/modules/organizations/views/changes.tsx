import type { Organization } from '../../../db/schema.js';
import { CsrfField, ErrorSummary, Field } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { KIND_LABELS, ORGANIZATION_KINDS } from '../domain/tree-rules.js';
import { flattenTree, type CatalogNode } from '../queries.js';

interface Base {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  flash?: string | null;
  errors?: FieldErrors;
  values?: Record<string, string | string[]>;
}

const HOME = { label: '机构与目录', href: '/admin/organizations' };
const v = (p: Base, name: string) => {
  const x = p.values?.[name];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
};

/** Organizations in tree order with their depth, for pickers (only those in service). */
export function treeOrder(orgs: Organization[]): { org: Organization; depth: number }[] {
  const below = (parent: number | null, depth: number): { org: Organization; depth: number }[] =>
    orgs.filter((o) => o.parent_id === parent).flatMap((o) => [{ org: o, depth }, ...below(o.id, depth + 1)]);
  const ids = new Set(orgs.map((o) => o.id));
  return orgs.filter((o) => o.parent_id === null || !ids.has(o.parent_id)).flatMap((o) => [{ org: o, depth: 0 }, ...below(o.id, 1)]);
}

function OrgOptions({ orgs, selected, blank }: { orgs: Organization[]; selected: string; blank: string }) {
  return (
    <>
      <option value="">{blank}</option>
      {treeOrder(orgs).map(({ org, depth }) => <option value={org.id} selected={selected === String(org.id)}>{'　'.repeat(depth)}{org.name}</option>)}
    </>
  );
}

/** The fields of a new organization (also a merge's new successor). */
function NewOrganizationFields(p: Base & { orgs: Organization[] }) {
  return (
    <>
      <Field name="parentId" label="上级机构" errors={p.errors} required>
        <select id="f-parentId" name="parentId"><OrgOptions orgs={p.orgs} selected={v(p, 'parentId')} blank="（请选择）" /></select>
      </Field>
      <Field name="kind" label="机构类型" errors={p.errors} required hint="村（社区）只能设在乡镇（街道）之下">
        <select id="f-kind" name="kind" aria-describedby="h-kind">
          {ORGANIZATION_KINDS.map((k) => <option value={k} selected={v(p, 'kind') === k}>{KIND_LABELS[k]}</option>)}
        </select>
      </Field>
      <div class="grid">
        <Field name="name" label="机构名称" errors={p.errors} required><input id="f-name" name="name" type="text" value={v(p, 'name')} /></Field>
        <Field name="shortName" label="简称" errors={p.errors} required><input id="f-shortName" name="shortName" type="text" value={v(p, 'shortName')} /></Field>
        <Field name="code" label="机构编码" errors={p.errors} required hint="用于索引号，如统一社会信用代码"><input id="f-code" name="code" type="text" value={v(p, 'code')} aria-describedby="h-code" /></Field>
        <Field name="slug" label="门户路径" errors={p.errors} required hint="门户地址 /org/路径，小写字母、数字和连字符"><input id="f-slug" name="slug" type="text" value={v(p, 'slug')} aria-describedby="h-slug" /></Field>
      </div>
    </>
  );
}

export function NewOrganizationPage(p: Base & { orgs: Organization[] }) {
  return (
    <AdminLayout ctx={p.ctx} title="新建机构" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[HOME, { label: '新建机构' }]} flash={p.flash}>
      <h1>新建机构</h1>
      <p class="note">新机构按其类型生成标准公开目录和公开指南草稿，建成后可在“公开目录”中调整。</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/admin/organizations/new">
        <CsrfField token={p.csrfToken} />
        <NewOrganizationFields {...p} />
        <button type="submit">新建</button>
      </form>
    </AdminLayout>
  );
}

export function StructurePage(p: Base & { org: Organization; orgs: Organization[]; siteAdmin: boolean; successions: { change: string; effective_on: string; predecessor_id: number; predecessor_name: string; successor_id: number; successor_name: string }[] }) {
  const parent = p.orgs.find((o) => o.id === p.org.parent_id);
  return (
    <AdminLayout ctx={p.ctx} title={`${p.org.name} 名称与隶属`} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[HOME, { label: p.org.name }]} flash={p.flash}>
      <h1>{p.org.name} · 名称与隶属</h1>
      <p>类型：{KIND_LABELS[p.org.kind]}　上级机构：{parent?.name ?? '（顶级机构）'}　门户：<a href={`/org/${p.org.slug}`}>/org/{p.org.slug}</a></p>
      {p.successions.length ? (
        <ul>
          {p.successions.map((s) => (
            <li>{s.effective_on} {s.change === 'merge' ? '撤并' : '拆分'}：{s.predecessor_name} → {s.successor_name}</li>
          ))}
        </ul>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <form method="post" action={`/admin/organizations/${p.org.id}/rename`} class="card">
        <h2>更名</h2>
        <CsrfField token={p.csrfToken} />
        <div class="grid">
          <Field name="name" label="机构名称" errors={p.errors} required><input id="f-name" name="name" type="text" value={v(p, 'name')} /></Field>
          <Field name="shortName" label="简称" errors={p.errors} required><input id="f-shortName" name="shortName" type="text" value={v(p, 'shortName')} /></Field>
          <Field name="slug" label="门户路径" errors={p.errors} required hint="改动后，原路径下的所有地址永久跳转到新路径"><input id="f-slug" name="slug" type="text" value={v(p, 'slug')} aria-describedby="h-slug" /></Field>
        </div>
        <button type="submit">保存名称</button>
      </form>
      {p.siteAdmin ? (
        <>
          <form method="post" action={`/admin/organizations/${p.org.id}/move`} class="card">
            <h2>调整隶属关系</h2>
            <CsrfField token={p.csrfToken} />
            <Field name="parentId" label="新的上级机构" errors={p.errors} required>
              <select id="f-parentId" name="parentId"><OrgOptions orgs={p.orgs.filter((o) => o.id !== p.org.id)} selected={v(p, 'parentId')} blank="（请选择）" /></select>
            </Field>
            <button type="submit">移动</button>
          </form>
          <p><a class="button secondary" href={`/admin/organizations/${p.org.id}/split`}>拆分本机构</a>　<a class="button secondary" href={`/admin/organizations/merge?source=${p.org.id}`}>撤并本机构</a></p>
        </>
      ) : null}
    </AdminLayout>
  );
}

export function MergePage(p: Base & { orgs: Organization[] }) {
  const chosen = new Set([p.values?.sourceIds ?? []].flat());
  return (
    <AdminLayout ctx={p.ctx} title="机构撤并" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[HOME, { label: '机构撤并' }]} flash={p.flash}>
      <h1>机构撤并</h1>
      <p class="note">被撤并机构的公开目录、信息、依申请公开案件、问答、下级机构和工作人员角色一并转入承接机构；已发布信息的索引号和网址不变，原门户地址永久跳转到承接机构。被撤并机构保留记录，标注“已撤并”。</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/admin/organizations/merge">
        <CsrfField token={p.csrfToken} />
        <fieldset class="field" id="f-sourceIds">
          <legend>被撤并的机构</legend>
          {p.errors?.sourceIds ? <p class="error-message">{p.errors.sourceIds}</p> : null}
          {treeOrder(p.orgs).filter(({ org }) => org.parent_id !== null).map(({ org, depth }) => (
            <div style={`padding-left:${depth * 1.5}em`}><label><input type="checkbox" name="sourceIds" value={org.id} checked={chosen.has(String(org.id))} /> {org.name}</label></div>
          ))}
        </fieldset>
        <fieldset class="field">
          <legend>承接机构</legend>
          <label><input type="radio" name="successorMode" value="existing" checked={v(p, 'successorMode') !== 'new'} /> 并入已有机构</label>
          <Field name="successorId" label="已有机构" errors={p.errors}>
            <select id="f-successorId" name="successorId"><OrgOptions orgs={p.orgs} selected={v(p, 'successorId')} blank="（请选择）" /></select>
          </Field>
          <label><input type="radio" name="successorMode" value="new" checked={v(p, 'successorMode') === 'new'} /> 组建新机构</label>
          <NewOrganizationFields {...p} />
        </fieldset>
        <Field name="effectiveOn" label="生效日期" errors={p.errors} required><input id="f-effectiveOn" name="effectiveOn" type="date" value={v(p, 'effectiveOn')} /></Field>
        <button type="submit">撤并</button>
      </form>
    </AdminLayout>
  );
}

export interface SplitStaff {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
}

export function SplitPage(p: Base & { org: Organization; orgs: Organization[]; a: Organization | null; b: Organization | null; tree: CatalogNode[]; staff: SplitStaff[] }) {
  const ready = p.a && p.b;
  return (
    <AdminLayout ctx={p.ctx} title={`拆分 ${p.org.name}`} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[HOME, { label: `拆分 ${p.org.name}` }]} flash={p.flash}>
      <h1>拆分 {p.org.name}</h1>
      <p class="note">请先新建（或选定）两个承接机构。每个栏目连同其中的信息分给一个承接机构（子栏目默认随上级栏目）；每位工作人员的角色分给一个或两个承接机构。案件、问答、解读、下级机构和原门户地址归第一个承接机构。</p>
      <ErrorSummary errors={p.errors} />
      <form method="get" action={`/admin/organizations/${p.org.id}/split`} class="card">
        <div class="grid">
          <Field name="a" label="承接机构一（主要）" errors={p.errors}><select id="f-a" name="a"><OrgOptions orgs={p.orgs} selected={p.a ? String(p.a.id) : ''} blank="（请选择）" /></select></Field>
          <Field name="b" label="承接机构二" errors={p.errors}><select id="f-b" name="b"><OrgOptions orgs={p.orgs} selected={p.b ? String(p.b.id) : ''} blank="（请选择）" /></select></Field>
        </div>
        <button type="submit" class="secondary">下一步：分配栏目和人员</button>
      </form>
      {ready ? (
        <form method="post" action={`/admin/organizations/${p.org.id}/split`}>
          <CsrfField token={p.csrfToken} />
          <input type="hidden" name="successorA" value={String(p.a!.id)} />
          <input type="hidden" name="successorB" value={String(p.b!.id)} />
          <table class="data">
            <caption>栏目归属</caption>
            <thead><tr><th scope="col">栏目</th><th scope="col">公开信息数</th><th scope="col">归入</th></tr></thead>
            <tbody>
              {flattenTree(p.tree).map(({ node, depth }) => (
                <tr>
                  <td style={`padding-left:${depth * 1.5 + 0.5}em`}><label for={`f-col-${node.id}`}>{node.name}</label></td>
                  <td>{node.documentCount}</td>
                  <td>
                    <select id={`f-col-${node.id}`} name={`col-${node.id}`}>
                      {depth > 0 ? <option value="" selected={v(p, `col-${node.id}`) === ''}>随上级栏目</option> : null}
                      <option value="a" selected={v(p, `col-${node.id}`) === 'a' || (depth === 0 && !v(p, `col-${node.id}`))}>{p.a!.name}</option>
                      <option value="b" selected={v(p, `col-${node.id}`) === 'b'}>{p.b!.name}</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table class="data">
            <caption>工作人员角色</caption>
            <thead><tr><th scope="col">工作人员</th><th scope="col">角色</th><th scope="col">转入</th></tr></thead>
            <tbody>
              {p.staff.map((s) => (
                <tr>
                  <td><label for={`f-staff-${s.id}`}>{s.displayName}（{s.username}）</label></td>
                  <td>{s.roles.join('、')}</td>
                  <td>
                    <select id={`f-staff-${s.id}`} name={`staff-${s.id}`}>
                      {[['a', p.a!.name], ['b', p.b!.name], ['both', '两个机构'], ['none', '不再保留']].map(([val, label]) => <option value={val} selected={(v(p, `staff-${s.id}`) || 'a') === val}>{label}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Field name="effectiveOn" label="生效日期" errors={p.errors} required><input id="f-effectiveOn" name="effectiveOn" type="date" value={v(p, 'effectiveOn')} /></Field>
          <button type="submit">拆分</button>
        </form>
      ) : null}
    </AdminLayout>
  );
}
