import type { ItemStatus, ItemType } from '../../../db/schema.js';
import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { CsrfField, ErrorSummary, Field } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { STATUS_LABELS } from '../../../platform/content/lifecycle.js';
import type { CheckReport, ItemFinding } from '../checks.js';
import { ACTION_LABELS, levelLabel, WITHDRAWAL_REASONS, type ReviewAction } from '../domain/workflow.js';
import type { CheckField } from '../../../platform/content/kind.js';
import type { QueueRow } from '../queries.js';

interface Base {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  flash?: string | null;
}

export const TYPE_LABELS: Record<ItemType, string> = { document: '文件', interpretation: '政策解读', qa: '政策问答' };

/** Where an item stands in review, e.g. “审核中（已过初审，共 3 级）”. */
export function progressLabel(r: { status: ItemStatus; review_level: number; review_levels: number }): string {
  if (r.status === 'submitted') return `待${levelLabel(1, r.review_levels)}`;
  if (r.status === 'in_review') return `待${levelLabel(r.review_level + 1, r.review_levels)}（已过${levelLabel(r.review_level, r.review_levels)}）`;
  return STATUS_LABELS[r.status];
}

function age(from: Date | null, now: Date): string {
  if (!from) return '—';
  const hours = Math.floor((now.getTime() - from.getTime()) / 3_600_000);
  return hours < 24 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`;
}

export interface WorkbenchSection {
  title: string;
  hint: string;
  rows: (QueueRow & { checks: { open: number; blocking: number } })[];
}

/** The reviewer's and publisher's workbench: what waits for me, how long it has waited, what the checks say. */
export function ReviewWorkbench(p: Base & { sections: WorkbenchSection[]; now: Date; ledgerOrgs: { id: number; name: string }[] }) {
  return (
    <AdminLayout ctx={p.ctx} title="审核工作台" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '审核' }]} flash={p.flash}>
      <h1>审核工作台</h1>
      {p.sections.map((s) => (
        <section>
          <h2>{s.title}（{s.rows.length}）</h2>
          <p class="note">{s.hint}</p>
          {s.rows.length ? (
            <table class="data-table">
              <thead><tr><th scope="col">标题</th><th scope="col">类型</th><th scope="col">机构</th><th scope="col">进度</th><th scope="col">等待</th><th scope="col">自动检查</th></tr></thead>
              <tbody>
                {s.rows.map((r) => (
                  <tr>
                    <td><a href={`/admin/review/${r.type}/${r.id}`}>{r.title}</a>{r.edition_of ? <small class="note">（修订稿）</small> : null}{r.urgent_reason ? <small class="note">（紧急发布：{r.urgent_reason}）</small> : null}</td>
                    <td>{TYPE_LABELS[r.type]}</td>
                    <td>{r.org}</td>
                    <td>{progressLabel(r)}{r.publish_at ? `，${formatChinaDateTime(r.publish_at)} 发布` : ''}</td>
                    <td>{age(r.submitted_at ?? r.updated_at, p.now)}</td>
                    <td>{r.checks.blocking ? <strong class="bad">{r.checks.blocking} 处须处理</strong> : r.checks.open ? `${r.checks.open} 条提示` : '通过'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="empty">暂无。</p>
          )}
        </section>
      ))}
      {p.ledgerOrgs.length ? (
        <section>
          <h2>审查台账</h2>
          <form method="get" action="/admin/review/ledger" class="inline-form">
            <label for="l-org">机构</label>{' '}
            <select id="l-org" name="org">{p.ledgerOrgs.map((o) => <option value={o.id}>{o.name}</option>)}</select>{' '}
            <label for="l-from">自</label> <input id="l-from" name="from" type="date" />{' '}
            <label for="l-to">至</label> <input id="l-to" name="to" type="date" />{' '}
            <button type="submit">查看</button>{' '}
            <button type="submit" name="format" value="xlsx" class="secondary">导出 Excel</button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}

export interface ReviewItemView {
  type: ItemType;
  id: number;
  title: string;
  org: string;
  status: ItemStatus;
  review_level: number;
  review_levels: number;
  edition_of: number | null;
  needs_review: boolean;
  urgent_reason: string | null;
  publish_at: Date | null;
  adminUrl: string;
  publicUrl: string | null;
}

/** The review page: the item's text with every finding highlighted, how each was resolved, the steps so far and the steps allowed now. */
export function ReviewPage(
  p: Base & {
    item: ReviewItemView;
    report: CheckReport;
    actions: ReviewAction[];
    canDismiss: boolean;
    /** The actor may edit the item: wording findings offer their suggested replacement. */
    canReplace?: boolean;
    history: { action: string; level: number | null; comment: string; created_at: Date; staff: string }[];
    errors?: FieldErrors;
  },
) {
  const { item, report } = p;
  const open = report.findings.filter((f) => !f.resolution);
  return (
    <AdminLayout ctx={p.ctx} title={`审核：${item.title}`} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '审核', href: '/admin/review' }, { label: item.title }]} flash={p.flash}>
      <h1>{item.title}</h1>
      <p>
        {TYPE_LABELS[item.type]} · {item.org} · 状态：<strong>{progressLabel(item)}</strong> · 本机构实行 {item.review_levels} 级审核
        {item.edition_of ? ' · 修订稿（发布后替换公开内容）' : ''} · <a href={item.adminUrl}>查看与编辑</a>
        {item.publicUrl ? <> · <a href={item.publicUrl}>门户页面</a></> : null}
      </p>
      {item.needs_review ? <div class="validity-banner warn" role="status">紧急发布，尚待补审。理由：{item.urgent_reason}</div> : null}
      <ErrorSummary errors={p.errors} />

      <h2>自动检查</h2>
      <p>
        {report.openBlocking ? <strong class="bad">{report.openBlocking} 处必须处理（提交、发布前须修改、删减或排除误报）</strong> : '没有必须处理的问题'}
        {report.openWarnings ? `；${report.openWarnings} 条提示待确认` : ''}。
      </p>
      {report.findings.length ? (
        <table class="data-table findings">
          <thead><tr><th scope="col">#</th><th scope="col">级别</th><th scope="col">问题</th><th scope="col">位置</th><th scope="col">处理</th></tr></thead>
          <tbody>
            {report.findings.map((f, i) => (
              <tr id={`finding-${i + 1}`}>
                <td>{i + 1}</td>
                <td>{f.severity === 'block' ? <strong class="bad">必须处理</strong> : f.severity === 'suggest' ? '建议修改' : '提示'}</td>
                <td>{f.message}</td>
                <td>{f.field ? `${FIELD_LABELS[f.field]}${f.name ? `“${f.name}”` : ''}${f.start !== null ? ` 第 ${f.start + 1} 字` : ''}` : '—'}</td>
                <td>
                  {f.resolution ? (
                    <>
                      {`${RESOLUTION_LABELS[f.resolution.kind]}${f.resolution.by ? `（${f.resolution.by}：${f.resolution.reason}）` : ''}`}
                      {/* A suggestion only acknowledged can still be taken. */}
                      {p.canReplace && f.resolution.kind === 'acknowledged' ? <ReplaceForm finding={f} item={item} csrf={p.csrfToken} /> : null}
                    </>
                  ) : (
                    <>
                      {p.canReplace ? <ReplaceForm finding={f} item={item} csrf={p.csrfToken} /> : null}
                      <FindingForm finding={f} item={item} csrf={p.csrfToken} canDismiss={p.canDismiss} />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {report.fields.map((field) => (
        <section class="card">
          <h3>{FIELD_LABELS[field.field]}{field.name ? `：${field.name}` : ''}</h3>
          <div class="checked-text" style="white-space:pre-wrap">
            <Highlighted text={field.text} findings={report.findings} field={field} />
          </div>
        </section>
      ))}
      {open.length === 0 && report.findings.length === 0 ? <p>所有检查均通过。</p> : null}

      <h2>审核操作</h2>
      {p.actions.length ? p.actions.map((a) => <ActionForm action={a} item={item} csrf={p.csrfToken} />) : <p class="note">当前没有您可以进行的操作。</p>}

      <h2>审核记录</h2>
      {p.history.length ? (
        <ol>
          {p.history.map((h) => (
            <li>
              {formatChinaDateTime(h.created_at)} · {h.staff} · {ACTION_LABELS[h.action as ReviewAction] ?? h.action}
              {h.level ? `（${levelLabel(h.level, item.review_levels)}）` : ''}
              {h.comment ? `：${h.comment}` : ''}
            </li>
          ))}
        </ol>
      ) : (
        <p>尚无记录。</p>
      )}
    </AdminLayout>
  );
}

const FIELD_LABELS: Record<CheckField['field'], string> = { title: '标题', body: '正文', attachment: '附件' };
const RESOLUTION_LABELS = { dismissed: '已排除误报', acknowledged: '已确认', redacted: '已删减' } as const;

function FindingForm({ finding, item, csrf, canDismiss }: { finding: ItemFinding; item: ReviewItemView; csrf: string; canDismiss: boolean }) {
  const action = `/admin/review/${item.type}/${item.id}/findings`;
  if (finding.severity !== 'block') {
    return (
      <form method="post" action={action}>
        <CsrfField token={csrf} />
        <input type="hidden" name="key" value={finding.key} />
        <input type="hidden" name="resolution" value="acknowledged" />
        <button type="submit" class="secondary">确认</button>
      </form>
    );
  }
  if (!canDismiss || finding.check === 'rule') return <span>请修改{finding.field === 'body' ? '或删减' : ''}</span>;
  return (
    <form method="post" action={action}>
      <CsrfField token={csrf} />
      <input type="hidden" name="key" value={finding.key} />
      <input type="hidden" name="resolution" value="dismissed" />
      <label>理由 <input name="reason" type="text" required maxLength={200} /></label>{' '}
      <button type="submit" class="secondary">排除误报</button>
    </form>
  );
}

/** 一键替换: a wording finding with the dictionary's suggestion is fixed by saving the item with it. */
function ReplaceForm({ finding, item, csrf }: { finding: ItemFinding; item: ReviewItemView; csrf: string }) {
  if (finding.check !== 'wording' || !finding.replacement || (finding.field !== 'title' && finding.field !== 'body')) return null;
  return (
    <form method="post" action={`/admin/review/${item.type}/${item.id}/replace`} class="replace-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="key" value={finding.key} />
      <button type="submit">替换为“{finding.replacement}”</button>
    </form>
  );
}

function ActionForm({ action, item, csrf }: { action: ReviewAction; item: ReviewItemView; csrf: string }) {
  const id = `a-${action}`;
  return (
    <form method="post" action={`/admin/review/${item.type}/${item.id}/${action}`} class="card">
      <CsrfField token={csrf} />
      <h3>{action === 'approve' ? `${levelLabel(item.review_level + 1, item.review_levels)}通过` : ACTION_LABELS[action]}</h3>
      {action === 'schedule' ? (
        <Field name="publishAt" label="发布时间（北京时间）" errors={undefined} required>
          <input id="f-publishAt" name="publishAt" type="datetime-local" required />
        </Field>
      ) : null}
      {action === 'withdraw' ? (
        <Field name="withdrawalReason" label="撤稿原因" errors={undefined} required hint="涉密、隐私类原因将撤下页面；其他原因保留页面并显示撤稿说明">
          <select id="f-withdrawalReason" name="withdrawalReason">{Object.entries(WITHDRAWAL_REASONS).map(([k, r]) => <option value={k}>{r.label}</option>)}</select>
        </Field>
      ) : null}
      {/* Several of these forms share the page: each comment box has an id of its own. */}
      <div class="field">
        <label for={`${id}-comment`}>{COMMENT_LABELS[action] ?? '意见（选填）'}{NEEDS_COMMENT.has(action) ? <span class="req" aria-hidden="true"> *</span> : null}</label>
        <textarea id={`${id}-comment`} name="comment" rows={2} cols={60} required={NEEDS_COMMENT.has(action)} />
      </div>
      <button type="submit" class={action === 'return' || action === 'withdraw' ? 'secondary' : ''}>{action === 'approve' ? `${levelLabel(item.review_level + 1, item.review_levels)}通过` : ACTION_LABELS[action]}</button>
    </form>
  );
}

const NEEDS_COMMENT = new Set<ReviewAction>(['return', 'urgent_publish', 'withdraw']);
const COMMENT_LABELS: Partial<Record<ReviewAction, string>> = { return: '修改意见', urgent_publish: '紧急发布理由（将列入待补审清单）', withdraw: '公开说明' };

/** The field's text with each finding in it marked; overlapping findings share the first one's mark. */
function Highlighted({ text, findings, field }: { text: string; findings: ItemFinding[]; field: CheckField }) {
  const here = findings
    .map((f, i) => ({ f, n: i + 1 }))
    .filter(({ f }) => f.field === field.field && (f.name ?? null) === (field.name ?? null) && f.start !== null && f.end !== null)
    .sort((a, b) => a.f.start! - b.f.start!);
  const parts = [];
  let at = 0;
  for (const { f, n } of here) {
    if (f.start! < at) continue;
    parts.push(text.slice(at, f.start!));
    parts.push(
      <mark class={f.resolution ? 'finding-resolved' : `finding-${f.severity}`} title={f.message}>
        {text.slice(f.start!, f.end!)}<sup><a href={`#finding-${n}`}>{n}</a></sup>
      </mark>,
    );
    at = f.end!;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

export function LedgerPage(p: Base & { org: string; from: string; to: string; rows: { created_at: Date; title: string | null; item_type: ItemType; action: string; level: number | null; review_levels: number; staff: string; comment: string; findings: { blocking?: number; warnings?: number } }[]; query: string }) {
  return (
    <AdminLayout ctx={p.ctx} title="审查台账" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '审核', href: '/admin/review' }, { label: '审查台账' }]}>
      <h1>审查台账：{p.org}</h1>
      <p>{p.from} 至 {p.to}，共 {p.rows.length} 条。<a href={`/admin/review/ledger?${p.query}&format=xlsx`}>导出 Excel</a></p>
      <table class="data-table">
        <thead><tr><th scope="col">时间</th><th scope="col">稿件</th><th scope="col">环节</th><th scope="col">审核人</th><th scope="col">意见</th><th scope="col">自动检查</th></tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>{formatChinaDateTime(r.created_at)}</td>
              <td>{TYPE_LABELS[r.item_type]}：{r.title}</td>
              <td>{ACTION_LABELS[r.action as ReviewAction] ?? r.action}{r.level ? `（${levelLabel(r.level, r.review_levels)}）` : ''}</td>
              <td>{r.staff}</td>
              <td>{r.comment}</td>
              <td>{r.findings.blocking !== undefined ? `须处理 ${r.findings.blocking}，提示 ${r.findings.warnings ?? 0}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
