import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { CsrfField, ErrorSummary } from '../../../platform/html/components.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { CenterFrame, type CenterProps } from '../../accounts/public.js';
import type { SubscriptionKind } from '../../../db/schema-subscriptions.js';
import { KIND_LABELS, MAX_SUBSCRIPTIONS } from '../domain/kinds.js';
import type { SubscriptionChoices } from '../queries.js';

export interface ShownSubscription {
  id: number;
  label: string;
  email: boolean;
  created_at: Date;
  feedUrl: string;
  unsubscribeUrl: string;
}

export interface SubscriptionsPageProps extends CenterProps {
  rows: ShownSubscription[];
  choices: SubscriptionChoices;
  /** What a “订阅” link or a refused form asked for. */
  values?: { kind?: string; target?: string; email?: string };
  errors?: FieldErrors;
}

const HINTS: Record<SubscriptionKind, string> = {
  topic: '选择上级分类时，也包括其下各子分类。',
  audience: '文件标注的服务对象，如企业、个人、高校毕业生。',
  org: '该机构发布的文件、解读和问答。',
  doc_type: '如行政规范性文件、规章。',
  keyword: '与站内检索相同的分词方式，在标题和正文中匹配，最多 30 个字。',
};

function TargetInput({ kind, choices, value }: { kind: SubscriptionKind; choices: SubscriptionChoices; value: string }) {
  const id = `f-target-${kind}`;
  if (kind === 'keyword') return <input id={id} name="target" value={value} maxLength={30} required />;
  const opts =
    kind === 'topic' ? choices.topics.map((t) => ({ v: String(t.id), l: t.label }))
    : kind === 'org' ? choices.orgs.map((o) => ({ v: String(o.id), l: o.label }))
    : (kind === 'audience' ? choices.audiences : choices.docTypes).map((n) => ({ v: n, l: n }));
  return (
    <select id={id} name="target" required>
      <option value="">请选择</option>
      {opts.map((o) => (
        <option value={o.v} selected={o.v === value}>{o.l}</option>
      ))}
    </select>
  );
}

export function SubscriptionsPage(p: SubscriptionsPageProps) {
  const asked = p.values?.kind;
  return (
    <CenterFrame {...p} title="我的订阅" current="/account/subscriptions">
      <p>订阅的内容发布后会送到“消息”，开启邮件提醒的也会发到您的邮箱。每条邮件都带有一键退订链接；每项订阅也有自己的 RSS 订阅地址。</p>
      <ErrorSummary errors={p.errors} />
      <h2>已订阅（{p.rows.length}/{MAX_SUBSCRIPTIONS}）</h2>
      {p.rows.length === 0 ? (
        <p class="empty">还没有订阅。可以在下方添加。</p>
      ) : (
        <ul class="list">
          {p.rows.map((r) => (
            <li>
              <strong>{r.label}</strong> <span class="note">（{formatChinaDateTime(new Date(r.created_at))} 订阅，邮件提醒：{r.email ? '开' : '关'}）</span>
              <div class="actions">
                <form method="post" action={`/account/subscriptions/${r.id}/email`} class="inline-form">
                  <CsrfField token={p.csrfToken} />
                  <input type="hidden" name="email" value={r.email ? '0' : '1'} />
                  <button type="submit">{r.email ? '关闭邮件提醒' : '开启邮件提醒'}</button>
                </form>{' '}
                <form method="post" action={`/account/subscriptions/${r.id}/delete`} class="inline-form">
                  <CsrfField token={p.csrfToken} />
                  <button type="submit">退订</button>
                </form>{' '}
                <a href={r.feedUrl}>RSS 订阅地址</a>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h2 id="new">添加订阅</h2>
      {asked ? <p class="flash" role="status">请确认下面的订阅内容，然后点击“订阅”。</p> : null}
      {(Object.keys(KIND_LABELS) as SubscriptionKind[]).map((kind) => {
        const mine = asked === kind;
        return (
          <form method="post" action="/account/subscriptions" class="apply-form card" id={`new-${kind}`}>
            <CsrfField token={p.csrfToken} />
            <input type="hidden" name="kind" value={kind} />
            <div class={mine && p.errors?.target ? 'field field-error' : 'field'}>
              <label for={`f-target-${kind}`}>按{KIND_LABELS[kind]}订阅</label>
              <p class="hint">{HINTS[kind]}</p>
              {mine && p.errors?.target ? <p class="error-message" id="f-target">{p.errors.target}</p> : null}
              <TargetInput kind={kind} choices={p.choices} value={mine ? (p.values?.target ?? '') : ''} />
            </div>
            <label class="choice">
              <input type="checkbox" name="email" value="1" checked={mine ? p.values?.email !== '0' : true} /> 同时发送邮件提醒
            </label>{' '}
            <button type="submit" class="button">订阅</button>
          </form>
        );
      })}
    </CenterFrame>
  );
}
