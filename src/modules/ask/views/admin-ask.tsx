import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { CsrfField, ErrorSummary, Field, Pager } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import type { listOpenQuestions, listSynonymGroups } from '../queries/pages.js';
import type { AnswerFeedbackSummary } from '../queries/referral-extras.js';

interface Base {
  ctx: PageContext;
  actorName: string | null;
  csrfToken: string;
  flash?: string | null;
}

/** 同义词词典: the groups retrieval expands questions with, both ways. */
export function SynonymsPage(p: Base & { groups: Awaited<ReturnType<typeof listSynonymGroups>>; canEdit: boolean; values: Record<string, string>; errors?: FieldErrors; editing: number | null }) {
  return (
    <AdminLayout ctx={p.ctx} title="同义词词典" actorName={p.actorName} csrfToken={p.csrfToken} flash={p.flash} crumbs={[{ label: '智能问答' }, { label: '同义词词典' }]}>
      <h1>同义词词典</h1>
      <p>智能问答会把问题中的词按这里的同义词组双向扩展：问“社保”也能找到写“社会保险”的答案，反之亦然。每组两个词以上，用“=”或逗号分隔。</p>
      <ErrorSummary errors={p.errors} />
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">同义词</th>
            <th scope="col">说明</th>
            <th scope="col">更新时间</th>
            {p.canEdit ? <th scope="col">操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.groups.map((g) => (
            <tr id={`g-${g.id}`}>
              {p.canEdit && p.editing === g.id ? (
                <td colSpan={4}>
                  <SynonymForm action={`/admin/ask/synonyms/${g.id}`} csrfToken={p.csrfToken} values={p.values} errors={p.errors} submit="保存" />
                </td>
              ) : (
                <>
                  <td>{g.terms.join(' = ')}</td>
                  <td>{g.note}</td>
                  <td>{formatChinaDateTime(new Date(g.updated_at))}</td>
                  {p.canEdit ? (
                    <td>
                      <a href={`/admin/ask/synonyms?edit=${g.id}#g-${g.id}`}>修改</a>
                      <form method="post" action={`/admin/ask/synonyms/${g.id}/delete`} class="inline-form">
                        <CsrfField token={p.csrfToken} />
                        <button type="submit" class="link-button danger">删除</button>
                      </form>
                    </td>
                  ) : null}
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {p.canEdit && p.editing === null ? (
        <section aria-labelledby="add-title">
          <h2 id="add-title">新增一组</h2>
          <SynonymForm action="/admin/ask/synonyms" csrfToken={p.csrfToken} values={p.values} errors={p.errors} submit="新增" />
        </section>
      ) : null}
    </AdminLayout>
  );
}

function SynonymForm(p: { action: string; csrfToken: string; values: Record<string, string>; errors?: FieldErrors; submit: string }) {
  return (
    <form method="post" action={p.action}>
      <CsrfField token={p.csrfToken} />
      <Field name="terms" label="同义词" errors={p.errors} hint="如：公积金 = 住房公积金" required>
        <input id="f-terms" name="terms" value={p.values.terms ?? ''} maxLength={700} required />
      </Field>
      <Field name="note" label="说明" errors={p.errors}>
        <input id="f-note" name="note" value={p.values.note ?? ''} maxLength={100} />
      </Field>
      <button type="submit">{p.submit}</button>
    </form>
  );
}

/** Questions the library answers badly: most asked first, to write new entries for. */
export function QuestionsPage(p: Base & { list: Awaited<ReturnType<typeof listOpenQuestions>>; page: number; pageSize: number; feedback?: AnswerFeedbackSummary }) {
  return (
    <AdminLayout ctx={p.ctx} title="未解答问题" actorName={p.actorName} csrfToken={p.csrfToken} flash={p.flash} crumbs={[{ label: '智能问答' }, { label: '未解答和低匹配问题' }]}>
      <h1>未解答和低匹配问题</h1>
      <p>公众提问后没有得到确切答案的问题（身份证号、手机号等已遮盖），按提问次数排列。可据此补充政策问答；不需处理的可以忽略。</p>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">问题</th>
            <th scope="col">次数</th>
            <th scope="col">最高匹配度</th>
            <th scope="col">最近提问</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {p.list.rows.map((q) => (
            <tr>
              <td>
                <a href={`/ask?q=${encodeURIComponent(q.question)}`}>{q.question}</a>
              </td>
              <td>{q.times}</td>
              <td>{Math.round(Number(q.best_score) * 100)}%</td>
              <td>{formatChinaDateTime(new Date(q.last_asked_at))}</td>
              <td>
                <form method="post" action={`/admin/ask/questions/${q.id}/dismiss`} class="inline-form">
                  <CsrfField token={p.csrfToken} />
                  <button type="submit" class="link-button">忽略</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.list.rows.length === 0 ? <p>暂无未解答的问题。</p> : null}
      <Pager total={p.list.total} page={p.page} pageSize={p.pageSize} href={(n) => `/admin/ask/questions?page=${n}`} />
      {p.feedback ? <FeedbackCounts f={p.feedback} /> : null}
    </AdminLayout>
  );
}

/** 这个回答有帮助吗？ what readers said of the smart answers, and the latest answers that did not help. */
function FeedbackCounts({ f }: { f: AnswerFeedbackSummary }) {
  return (
    <section aria-labelledby="feedback-title">
      <h2 id="feedback-title">回答评价</h2>
      <table class="data-table" id="feedback-counts">
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col">有帮助</th>
            <th scope="col">没帮助</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">近 30 天</th>
            <td>{f.recentHelpful}</td>
            <td>{f.recentUnhelpful}</td>
          </tr>
          <tr>
            <th scope="row">累计</th>
            <td>{f.helpful}</td>
            <td>{f.unhelpful}</td>
          </tr>
        </tbody>
      </table>
      {f.latestUnhelpful.length ? (
        <>
          <h3>最近评为“没帮助”的问题</h3>
          <ul>
            {f.latestUnhelpful.map((x) => (
              <li>
                <a href={`/ask?q=${encodeURIComponent(x.question)}`}>{x.question}</a>（{formatChinaDateTime(x.at)}{x.sources.length ? `，引用 ${x.sources.join('、')}` : ''}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
