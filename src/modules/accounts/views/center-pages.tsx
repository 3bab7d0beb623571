import { formatChinaDateTime, formatChineseDate } from '../../../platform/clock/clock.js';
import { CsrfField, ErrorSummary, Field, Pager } from '../../../platform/html/components.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { contentKind, isContentType } from '../../../platform/content/registry.js';
import { INDUSTRIES, SIZE_LABELS, SIZES } from '../domain/profile.js';
import { CasesSection, type CaseRow } from './center-cases.js';
import { CenterFrame, type CenterProps } from './center-frame.js';

export interface InboxRow {
  id: number;
  item_type: string;
  title: string;
  url: string;
  summary: string;
  created_at: Date;
  read_at: Date | null;
}

export function InboxPage(p: CenterProps & { rows: InboxRow[]; total: number; unread: number; page: number; pageSize: number; cases: CaseRow[]; moreCases: boolean }) {
  return (
    <CenterFrame {...p} title="个人中心" current="/account">
      {p.page === 1 ? <CasesSection rows={p.cases} more={p.moreCases} /> : null}
      <h2>消息</h2>
      <p>
        共 {p.total} 条，未读 <strong>{p.unread}</strong> 条。您订阅的内容发布后会送到这里。
      </p>
      {p.unread > 0 ? (
        <form method="post" action="/account/inbox/read-all" class="inline-form">
          <CsrfField token={p.csrfToken} />
          <button type="submit">全部标为已读</button>
        </form>
      ) : null}
      {p.rows.length === 0 ? (
        <p class="empty">暂无消息。<a href="/account/subscriptions">去订阅感兴趣的政策</a></p>
      ) : (
        <ol class="list inbox">
          {p.rows.map((r) => (
            <li class={r.read_at ? 'read' : 'unread'}>
              {r.read_at ? null : <span class="badge">未读</span>} <span class="status-label">{isContentType(r.item_type) ? contentKind(r.item_type).publicLabel : '通知'}</span>{' '}
              <a href={r.url}>{r.title}</a>
              {r.summary ? <p class="note">{r.summary}</p> : null}
              <div class="note">
                {formatChinaDateTime(new Date(r.created_at))}
                {r.read_at ? null : (
                  <form method="post" action={`/account/inbox/${r.id}/read`} class="inline-form">
                    <CsrfField token={p.csrfToken} />
                    <button type="submit">标为已读</button>
                  </form>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pager total={p.total} page={p.page} pageSize={p.pageSize} href={(n) => `/account?page=${n}`} />
    </CenterFrame>
  );
}

export function ProfilePage(p: CenterProps & { values: Record<string, string>; errors?: FieldErrors; districts: string[] }) {
  const v = (k: string) => p.values[k] ?? '';
  return (
    <CenterFrame {...p} title="个人/企业信息" current="/account/profile">
      <p>填写企业信息后，“可能适用于您的政策”会按服务对象、行业和所在地区为您列出现行有效的政策文件。</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/account/profile" class="apply-form" novalidate>
        <CsrfField token={p.csrfToken} />
        <Field name="displayName" label="称呼或单位名称" errors={p.errors} hint="选填，只显示在您自己的个人中心">
          <input id="f-displayName" name="displayName" value={v('displayName')} maxLength={60} />
        </Field>
        <fieldset class="choice-section">
          <legend>账号类型</legend>
          {(['person', 'enterprise'] as const).map((k) => (
            <label class="choice">
              <input type="radio" name="kind" value={k} checked={(v('kind') || 'person') === k} /> {k === 'person' ? '个人' : '企业（含个体工商户）'}
            </label>
          ))}
        </fieldset>
        <Field name="industry" label="所属行业（企业填写）" errors={p.errors} hint="按《国民经济行业分类》（GB/T 4754—2017）门类">
          <select id="f-industry" name="industry">
            <option value="">请选择</option>
            {INDUSTRIES.map((i) => (
              <option value={i.code} selected={v('industry') === i.code}>{`${i.code} ${i.name}`}</option>
            ))}
          </select>
        </Field>
        <Field name="size" label="企业规模（企业填写）" errors={p.errors} hint="按《中小企业划型标准规定》">
          <select id="f-size" name="size">
            <option value="">请选择</option>
            {SIZES.map((s) => (
              <option value={s} selected={v('size') === s}>{SIZE_LABELS[s]}</option>
            ))}
          </select>
        </Field>
        <Field name="district" label="所在地区" errors={p.errors}>
          <select id="f-district" name="district">
            <option value="">不限</option>
            {p.districts.map((d) => (
              <option value={d} selected={v('district') === d}>{d}</option>
            ))}
          </select>
        </Field>
        <p class="actions"><button type="submit" class="button">保存</button></p>
      </form>
    </CenterFrame>
  );
}

export interface PolicyRow {
  id: number;
  title: string;
  doc_no: string | null;
  published_on: string | null;
  audiences: string[];
  org_name: string;
  by_audience: boolean;
}

export function PoliciesPage(p: CenterProps & { rows: PolicyRow[]; total: number; page: number; pageSize: number; audiences: string[]; industry: string | null; district: string; profileSet: boolean }) {
  return (
    <CenterFrame {...p} title="可能适用于您的政策" current="/account/policies">
      <p>
        按您的信息匹配：服务对象 {p.audiences.join('、')}
        {p.industry ? `；行业 ${p.industry}` : ''}
        {p.district ? `；地区 ${p.district}` : ''}。只列现行有效的文件，最新发布的在前。
        {p.profileSet ? null : <> 完善<a href="/account/profile">企业信息</a>可以让结果更准确。</>}
      </p>
      {p.rows.length === 0 ? (
        <p class="empty">暂未找到与您的信息匹配的现行有效政策。</p>
      ) : (
        <ol class="list">
          {p.rows.map((r) => (
            <li>
              <a href={`/documents/${r.id}`}>{r.title}</a>
              <p class="note">
                {[r.org_name, r.doc_no, r.published_on ? `${formatChineseDate(r.published_on)}发布` : null].filter(Boolean).join(' · ')}
                {' · '}
                {r.by_audience ? `服务对象：${r.audiences.join('、')}` : '标题涉及您的行业'}
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pager total={p.total} page={p.page} pageSize={p.pageSize} href={(n) => `/account/policies?page=${n}`} />
    </CenterFrame>
  );
}
