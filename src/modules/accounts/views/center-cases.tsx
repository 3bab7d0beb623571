import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import type { TrackedCase } from '../../../platform/tracked-cases/registry.js';
import { CenterFrame, type CenterProps } from './center-frame.js';

export interface CaseRow extends TrackedCase {
  deadline: { text: string; overdue: boolean };
}

/** The person's cases from every channel: number, subject, organization, status, deadline; each opens its page. */
export function CaseTable({ rows }: { rows: CaseRow[] }) {
  return (
    <div>
      <table class="data">
        <caption class="visually-hidden">我的办件</caption>
        <thead>
          <tr><th scope="col">编号</th><th scope="col">事项</th><th scope="col">受理机关</th><th scope="col">状态</th><th scope="col">期限</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td><a href={r.url}>{r.trackingNo}</a><div class="note">{r.channelLabel} · {formatChinaDateTime(new Date(r.submittedAt))}提交</div></td>
              <td>{r.title.length > 60 ? `${r.title.slice(0, 60)}…` : r.title}</td>
              <td>{r.orgName}</td>
              <td>{r.statusLabel}</td>
              <td>{r.deadline.overdue ? <strong>{r.deadline.text}</strong> : r.deadline.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const EMPTY = (
  <p class="empty">
    您登录后提交的<a href="/apply">政府信息公开申请</a>和<a href="/ask">转人工的咨询</a>会列在这里。登录前提交的，请用回执上的编号和查询码<a href="/track">查询办理进度</a>。
  </p>
);

/** The personal center's first section: the latest cases, with a link to all of them. */
export function CasesSection({ rows, more }: { rows: CaseRow[]; more: boolean }) {
  return (
    <section aria-labelledby="my-cases">
      <h2 id="my-cases">我的办件</h2>
      {rows.length ? <CaseTable rows={rows} /> : EMPTY}
      {more ? <p><a href="/account/cases">查看全部办件</a></p> : null}
    </section>
  );
}

export function CasesPage(p: CenterProps & { rows: CaseRow[]; limit: number }) {
  return (
    <CenterFrame {...p} title="我的办件" current="/account/cases">
      <p>您登录后提交的依申请公开和咨询，最新的在前；点击编号查看办理进度、答复和文书，无需再输入查询码。期限按工作日计算。</p>
      {p.rows.length ? <CaseTable rows={p.rows} /> : EMPTY}
      {p.rows.length >= p.limit ? <p class="note">只列出最近 {p.limit} 件；更早的请用编号和查询码<a href="/track">查询</a>。</p> : null}
    </CenterFrame>
  );
}
