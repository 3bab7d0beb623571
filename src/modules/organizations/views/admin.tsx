import type { Organization } from '../../../db/schema.js';
import { CsrfField, ErrorSummary, Field } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { flattenTree, type CatalogNode } from '../queries.js';
import { KIND_LABELS } from '../domain/tree-rules.js';
import { treeOrder } from './changes.js';

interface Base {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  flash?: string | null;
}

export function OrganizationList(p: Base & { orgs: Organization[]; siteAdmin: boolean }) {
  const inService = p.orgs.filter((o) => o.successor_id === null);
  const dissolved = p.orgs.filter((o) => o.successor_id !== null);
  const nameOf = new Map(p.orgs.map((o) => [o.id, o.name]));
  return (
    <AdminLayout ctx={p.ctx} title="机构与目录" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '机构与目录' }]} flash={p.flash}>
      <h1>机构与目录</h1>
      {p.siteAdmin ? <p><a class="button" href="/admin/organizations/new">新建机构</a>　<a class="button secondary" href="/admin/organizations/merge">机构撤并</a></p> : null}
      <p><a href="/admin/columns/empty">空栏目检查</a>：没有公开信息的栏目不在门户上显示，请及时补充内容。</p>
      {p.orgs.length === 0 ? <p class="empty">您不是任何机构的管理员。</p> : null}
      <table class="data">
        <thead><tr><th scope="col">机构</th><th scope="col">类型</th><th scope="col">编码</th><th scope="col">操作</th></tr></thead>
        <tbody>
          {treeOrder(inService).map(({ org: o, depth }) => (
            <tr>
              <td style={`padding-left:${depth * 1.5 + 0.5}em`}>{o.name}</td><td>{KIND_LABELS[o.kind]}</td><td>{o.code}</td>
              <td><a href={`/admin/organizations/${o.id}`}>基本信息与公开指南</a> · <a href={`/admin/organizations/${o.id}/catalog`}>公开目录</a> · <a href={`/admin/organizations/${o.id}/structure`}>名称与隶属</a> · <a href={`/org/${o.slug}`}>门户</a></td>
            </tr>
          ))}
        </tbody>
      </table>
      {dissolved.length ? (
        <>
          <h2>已撤并机构</h2>
          <table class="data">
            <thead><tr><th scope="col">机构</th><th scope="col">撤并日期</th><th scope="col">承接机构</th></tr></thead>
            <tbody>
              {dissolved.map((o) => (
                <tr><td>{o.name}（已撤并）</td><td>{o.dissolved_on}</td><td><a href={`/admin/organizations/${o.successor_id}/structure`}>{nameOf.get(o.successor_id!) ?? ''}</a></td></tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </AdminLayout>
  );
}

const CONTACT: [string, string][] = [['name', '机构名称'], ['shortName', '简称'], ['address', '办公地址'], ['postcode', '邮政编码'], ['officeHours', '办公时间'], ['phone', '联系电话'], ['fax', '传真'], ['email', '电子邮箱']];

export function OrganizationForm(p: Base & { org: Organization; values: Record<string, string>; errors?: FieldErrors }) {
  return (
    <AdminLayout ctx={p.ctx} title={p.org.name} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '机构与目录', href: '/admin/organizations' }, { label: p.org.name }]} flash={p.flash}>
      <h1>{p.org.name}</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={`/admin/organizations/${p.org.id}`}>
        <CsrfField token={p.csrfToken} />
        <div class="grid">
          {CONTACT.map(([name, label]) => (
            <Field name={name} label={label} errors={p.errors} required={name === 'name' || name === 'shortName'}>
              <input id={`f-${name}`} name={name} type="text" value={p.values[name] ?? ''} />
            </Field>
          ))}
        </div>
        <Field name="indexTemplate" label="索引号规则" errors={p.errors} hint="可用 {orgCode} {yyyy} {mm} {dd} {serial:5}，如 {orgCode}/{yyyy}-{serial:5}">
          <input id="f-indexTemplate" name="indexTemplate" type="text" value={p.values.indexTemplate ?? ''} aria-describedby="h-indexTemplate" />
        </Field>
        <fieldset class="field">
          <legend>发布规则</legend>
          <Field name="reviewLevels" label="发布前审核级数" errors={p.errors} hint="1 级：终审；2 级：初审、终审；3 级：初审、复审、终审。各级须由不同审核人进行">
            <select id="f-reviewLevels" name="reviewLevels" aria-describedby="h-reviewLevels">
              {['1', '2', '3'].map((n) => <option value={n} selected={p.values.reviewLevels === n}>{n} 级</option>)}
            </select>
          </Field>
          <Field name="interpretationRule" label="规范性文件的政策解读（三同步）" errors={p.errors}>
            <select id="f-interpretationRule" name="interpretationRule">
              <option value="required" selected={p.values.interpretationRule === 'required'}>须与文件同步报审，否则不能提交、发布</option>
              <option value="grace" selected={p.values.interpretationRule === 'grace'}>可在文件发布后的宽限期内发布，逾期列入清单</option>
              <option value="none" selected={p.values.interpretationRule === 'none'}>不作要求</option>
            </select>
          </Field>
          <Field name="interpretationGraceDays" label="解读宽限期（工作日）" errors={p.errors}>
            <input id="f-interpretationGraceDays" name="interpretationGraceDays" type="number" min={0} max={30} value={p.values.interpretationGraceDays ?? '3'} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>依申请公开</legend>
          <div class="field">
            <label><input type="checkbox" name="replyReview" checked={Boolean(p.values.replyReview)} /> 答复书发出前须经政务公开办程序性审核</label>
          </div>
          <div class="field">
            <label><input type="checkbox" name="feePausesClock" checked={Boolean(p.values.feePausesClock)} /> 发出收费通知至申请人缴费期间暂停计算答复期限</label>
          </div>
          <Field name="correctionDays" label="给申请人的默认补正期限（工作日）" errors={p.errors}>
            <input id="f-correctionDays" name="correctionDays" type="number" min={1} max={60} value={p.values.correctionDays ?? '15'} />
          </Field>
        </fieldset>
        <Field name="guideHtml" label="政府信息公开指南（条例第十二条）" errors={p.errors} hint="须写明信息的分类、编排体系、获取方式，以及公开工作机构的名称、地址、办公时间、电话、传真、电子邮箱">
          <textarea id="f-guideHtml" name="guideHtml" rows={20} data-rich-text aria-describedby="h-guideHtml">{p.values.guideHtml ?? ''}</textarea>
        </Field>
        <button type="submit">保存</button>
      </form>
    </AdminLayout>
  );
}

export function CatalogEditor(p: Base & { org: Organization; tree: CatalogNode[]; errors?: FieldErrors; values?: Record<string, string> }) {
  const flat = flattenTree(p.tree);
  return (
    <AdminLayout ctx={p.ctx} title={`${p.org.name} 公开目录`} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '机构与目录', href: '/admin/organizations' }, { label: '公开目录' }]} flash={p.flash}>
      <h1>{p.org.name} · 公开目录</h1>
      <p class="note">从未发布过信息的空栏目会被网站检查判为“空白栏目”，不用的栏目请删除。</p>
      <ErrorSummary errors={p.errors} />
      <table class="data">
        <thead><tr><th scope="col">栏目</th><th scope="col">文件数</th><th scope="col">改名 / 排序</th><th scope="col">删除</th></tr></thead>
        <tbody>
          {flat.map(({ node, depth }) => (
            <tr>
              <td style={`padding-left:${depth * 1.5 + 0.5}em`}>{node.name} <small class="note">/{node.slug}</small></td>
              <td>{node.documentCount}</td>
              <td>
                <form method="post" action={`/admin/catalog/${node.id}`} class="actions" style="margin:0">
                  <CsrfField token={p.csrfToken} />
                  <label class="visually-hidden" for={`n-${node.id}`}>栏目名称</label>
                  <input id={`n-${node.id}`} name="name" type="text" value={node.name} size={12} />
                  <label class="visually-hidden" for={`p-${node.id}`}>排序</label>
                  <input id={`p-${node.id}`} name="position" type="number" value={String(node.position)} style="width:5em" />
                  <button type="submit" class="secondary">保存</button>
                </form>
              </td>
              <td>
                <form method="post" action={`/admin/catalog/${node.id}/delete`} style="margin:0">
                  <CsrfField token={p.csrfToken} />
                  <button type="submit" class="secondary" aria-label={`删除栏目 ${node.name}`}>删除</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action={`/admin/organizations/${p.org.id}/catalog`} class="card">
        <h2>新增栏目</h2>
        <CsrfField token={p.csrfToken} />
        <Field name="name" label="栏目名称" errors={p.errors} required><input id="f-name" name="name" type="text" value={p.values?.name ?? ''} /></Field>
        <Field name="slug" label="栏目路径" errors={p.errors} required hint="小写字母、数字和连字符，如 zdxm"><input id="f-slug" name="slug" type="text" value={p.values?.slug ?? ''} aria-describedby="h-slug" /></Field>
        <Field name="parentId" label="上级栏目" errors={p.errors}>
          <select id="f-parentId" name="parentId">
            <option value="">（顶级栏目）</option>
            {flat.map(({ node, depth }) => <option value={node.id} selected={p.values?.parentId === String(node.id)}>{'　'.repeat(depth)}{node.name}</option>)}
          </select>
        </Field>
        <button type="submit">新增</button>
      </form>
    </AdminLayout>
  );
}
