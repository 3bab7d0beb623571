import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { CsrfField, describedBy, ErrorSummary, Html } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { sanitizeRichText } from '../../../platform/html/sanitize.js';
import { MAX_DEPTH, PLACEMENT_LABELS } from '../domain/rules.js';
import type { AdminColumn, AdminColumnRow, PlaceableItem, PlacementRow } from '../queries/admin.js';

interface Base {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  flash?: string | null;
}

/** /admin/columns: what waits for the person's decision, what their organizations submitted, and the column tree. */
export function AdminColumnsIndex(p: Base & { columns: AdminColumnRow[]; queue: PlacementRow[]; submissions: PlacementRow[]; canCreate: boolean; kindLabels: Record<string, string> }) {
  return (
    <AdminLayout ctx={p.ctx} title="专题专栏" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '专题专栏' }]} flash={p.flash}>
      <h1>专题专栏</h1>
      {p.canCreate ? <p><a class="button" href="/admin/columns/new">新建专题</a></p> : null}
      {p.queue.length ? (
        <section aria-labelledby="queue-h">
          <h2 id="queue-h">待采用的报送（{p.queue.length}）</h2>
          <Placements rows={p.queue} csrfToken={p.csrfToken} decide showColumn />
        </section>
      ) : null}
      <section aria-labelledby="tree-h">
        <h2 id="tree-h">专题专栏</h2>
        {p.columns.length === 0 ? <p class="empty">还没有专题专栏。</p> : (
          <table class="data">
            <thead><tr><th scope="col">名称</th><th scope="col">所属</th><th scope="col">收录</th><th scope="col">已采用</th><th scope="col">待采用</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {p.columns.map((c) => (
                <tr>
                  <td style={`padding-left:${(c.depth - 1) * 1.5 + 0.5}em`}><a href={`/admin/columns/${c.id}`}>{c.name}</a></td>
                  <td>{c.org_name ?? '全站'}</td>
                  <td>{c.kinds.map((k) => p.kindLabels[k] ?? k).join('、')}</td>
                  <td>{c.accepted}</td>
                  <td>{c.pending}</td>
                  <td>{c.visible ? '显示' : '隐藏'} · {c.open_for_submissions ? '接受报送' : '不接受报送'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="sub-h">
        <h2 id="sub-h">本机构的报送</h2>
        {p.submissions.length ? <Placements rows={p.submissions} csrfToken={p.csrfToken} showColumn withdraw /> : <p class="empty">本机构还没有向其他机构的专栏报送信息。</p>}
      </section>
    </AdminLayout>
  );
}

/** Placements as a table, with the owner's accept/return forms or the submitter's withdrawal. */
function Placements(p: { rows: PlacementRow[]; csrfToken: string; decide?: boolean; remove?: boolean; withdraw?: boolean; showColumn?: boolean }) {
  return (
    <table class="data">
      <thead>
        <tr>
          <th scope="col">信息</th>{p.showColumn ? <th scope="col">专栏</th> : null}<th scope="col">报送单位</th><th scope="col">信息状态</th><th scope="col">专栏状态</th><th scope="col">时间</th>
          {p.decide || p.remove || p.withdraw ? <th scope="col">操作</th> : null}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr id={`placement-${r.id}`}>
            <td>{r.title} <small class="note">（{r.kind_label}）</small></td>
            {p.showColumn ? <td><a href={`/admin/columns/${r.column_id}`}>{r.column_name}</a></td> : null}
            <td>{r.org_name}{r.submitted_by_name ? ` · ${r.submitted_by_name}` : ''}</td>
            <td>{r.item_status}</td>
            <td>
              <span class={`placement-${r.status}`}>{PLACEMENT_LABELS[r.status]}</span>
              {r.status === 'returned' && r.reason ? <div class="note">退回理由：{r.reason}</div> : null}
              {r.decided_by_name && r.status !== 'pending' ? <div class="note">{r.decided_by_name}</div> : null}
            </td>
            <td>{formatChinaDateTime(r.decided_at ?? r.created_at)}</td>
            {p.decide || p.remove || p.withdraw ? (
              <td>
                {p.decide && r.status === 'pending' ? <DecisionForm id={r.id} csrfToken={p.csrfToken} /> : null}
                {p.remove || (p.withdraw && r.status !== 'accepted') ? (
                  <form method="post" action={`/admin/columns/placements/${r.id}/remove`}>
                    <CsrfField token={p.csrfToken} />
                    <button type="submit" class="secondary">{p.remove ? '移出专栏' : '撤回报送'}</button>
                  </form>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DecisionForm({ id, csrfToken }: { id: number; csrfToken: string }) {
  return (
    <form method="post" action={`/admin/columns/placements/${id}/decide`}>
      <CsrfField token={csrfToken} />
      <button type="submit" name="action" value="accept">采用</button>
      <label for={`reason-${id}`} class="visually-hidden">退回理由</label>
      <input id={`reason-${id}`} name="reason" type="text" size={16} placeholder="退回理由" maxLength={500} />
      <button type="submit" name="action" value="return" class="secondary">退回</button>
    </form>
  );
}

export interface ColumnPageProps extends Base {
  column: AdminColumn;
  path: { id: number; name: string }[];
  children: { id: number; name: string; visible: boolean }[];
  placements: PlacementRow[];
  kindLabels: Record<string, string>;
  canManage: boolean;
  /** The owner's staff: they see every placement and may remove them. */
  isOwner: boolean;
  canDecide: boolean;
  /** May place or submit items of their organizations. */
  canPlace: boolean;
  /** Whether placing is a submission (the person's organizations do not own the column). */
  submits: boolean;
  q: string;
  found: PlaceableItem[] | null;
  errors?: FieldErrors;
}

/** /admin/columns/:id: the column, its sub-columns, what is placed in it, and 放入专栏 / 报送. */
export function AdminColumnPage(p: ColumnPageProps) {
  const c = p.column;
  const crumbs = [{ label: '专题专栏', href: '/admin/columns' }, ...p.path.slice(0, -1).map((x) => ({ label: x.name, href: `/admin/columns/${x.id}` })), { label: c.name }];
  return (
    <AdminLayout ctx={p.ctx} title={c.name} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={crumbs} flash={p.flash}>
      <h1>{c.name}</h1>
      <table class="meta">
        <tbody>
          <tr><th scope="row">所属</th><td>{c.org_name ?? '全站（网站群）'}</td><th scope="row">层级</th><td>第 {c.depth} 级</td></tr>
          <tr><th scope="row">收录</th><td>{c.kinds.map((k) => p.kindLabels[k] ?? k).join('、')}</td><th scope="row">门户地址</th><td>{c.visible ? <a href={`/columns/${c.slug}`}>/columns/{c.slug}</a> : `/columns/${c.slug}（未显示）`}</td></tr>
          <tr><th scope="row">报送</th><td>{c.open_for_submissions ? '接受其他机构报送' : '不接受报送'}</td><th scope="row">横幅</th><td>{c.banner_key ? <img src={`/admin/columns/${c.id}/banner`} alt={`${c.name}横幅`} style="max-height:3em" /> : '无'}</td></tr>
        </tbody>
      </table>
      {c.intro_html ? <Html html={sanitizeRichText(c.intro_html)} class="body" /> : null}
      {p.canManage ? (
        <p>
          <a class="button secondary" href={`/admin/columns/${c.id}/edit`}>修改</a>{' '}
          {c.depth < MAX_DEPTH ? <a class="button secondary" href={`/admin/columns/new?parent=${c.id}`}>新建子栏目</a> : <span class="note">已是第 {MAX_DEPTH} 级，不能再建子栏目。</span>}
        </p>
      ) : null}
      {p.children.length ? (
        <section aria-labelledby="children-h">
          <h2 id="children-h">子栏目</h2>
          <ul class="list">{p.children.map((x) => <li><a href={`/admin/columns/${x.id}`}>{x.name}</a>{x.visible ? '' : '（隐藏）'}</li>)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="placed-h">
        <h2 id="placed-h">{p.isOwner ? '专栏中的信息' : '本机构报送的信息'}</h2>
        {p.placements.length ? <Placements rows={p.placements} csrfToken={p.csrfToken} decide={p.canDecide} remove={p.isOwner} withdraw={!p.isOwner} /> : <p class="empty">暂无信息。</p>}
      </section>
      {p.canPlace ? <PlaceForm {...p} /> : null}
    </AdminLayout>
  );
}

function PlaceForm(p: ColumnPageProps) {
  const { errors } = p;
  return (
    <section aria-labelledby="place-h">
      <h2 id="place-h">{p.submits ? '报送信息' : '放入信息'}</h2>
      <p class="hint">
        {p.submits ? '本专栏属于其他机构：报送后由专栏所属机构采用或退回。' : '本机构的信息放入后立即采用。'}信息经其自身的审核发布后才在专栏中公开；撤稿后自动从专栏中消失。
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/admin/columns/${p.column.id}/place`} novalidate>
        <CsrfField token={p.csrfToken} />
        <label for="f-q">按标题查找本机构的信息</label>
        <input id="f-q" name="q" type="search" value={p.q} size={30} aria-describedby={describedBy('q', errors)} />
        <button type="submit" name="action" value="search" class="secondary">查找</button>
        {p.found !== null ? (
          p.found.length ? (
            <fieldset class="field" id="f-item">
              <legend>查找结果</legend>
              {errors?.item ? <p class="error-message" id="e-item">{errors.item}</p> : null}
              <ul class="list">
                {p.found.map((i) => (
                  <li><label style="font-weight:normal"><input type="radio" name="item" value={`${i.type}:${i.id}`} /> {i.title} <small class="note">（{i.kind_label} · {i.org_name} · {i.status}）</small></label></li>
                ))}
              </ul>
              <button type="submit" name="action" value="place">{p.submits ? '报送' : '放入专栏'}</button>
            </fieldset>
          ) : <p class="empty">没有找到可放入的信息。</p>
        ) : errors?.item ? <p class="error-message" id="e-item">{errors.item}</p> : null}
      </form>
    </section>
  );
}
