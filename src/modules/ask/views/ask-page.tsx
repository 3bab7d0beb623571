import { validityLabels } from '../../documents/public.js';
import { describedBy, ErrorSummary, Field } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { MAX_QUESTION_LENGTH } from '../domain/question.js';
import type { AskAnswer, AskResult } from '../queries/retrieve.js';
import { AnswerFeedback } from './answer-feedback.js';
import { ReferralForm, type ReferralFormData } from './referral-form.js';

export interface AskPageProps {
  ctx: PageContext;
  csrfToken: string;
  q: string;
  result: AskResult | null;
  /** The question was refused (empty, too long, markup): the message, shown with the form. */
  errors?: FieldErrors;
  /** The referral form (转人工), when nothing is confident or it was asked for. */
  referral: null | ReferralFormData;
}

/** 智能问答: a question in plain words, answers with their sources, and 转人工 when none is sure. */
export function AskPage(p: AskPageProps) {
  const r = p.result;
  const answers = r ? [...r.qa, ...r.clauses] : [];
  return (
    <PublicLayout ctx={p.ctx} title="智能问答" crumbs={[{ label: '智能问答' }]} description="用大白话提问，从政策问答库和现行有效的政策文件中找到答案，注明出处。">
      <h1>智能问答</h1>
      <p class="lead">用自己的话提问，系统从政策问答库和现行有效的政策文件条款中查找答案，并注明出处。已废止、失效的文件不作为依据。</p>
      <ErrorSummary errors={p.errors} />
      <form method="get" action="/ask" class="search-form" role="search">
        <Field name="q" label="您的问题" errors={p.errors} hint={`不超过 ${MAX_QUESTION_LENGTH} 字，例如：公积金怎么提取？`}>
          <textarea id="f-q" name="q" rows={3} maxLength={MAX_QUESTION_LENGTH} aria-describedby={describedBy('q', p.errors, true)}>{p.q}</textarea>
        </Field>
        <button type="submit">提问</button>
      </form>
      {r ? (
        <section aria-labelledby="answers-title">
          <h2 id="answers-title">{r.confident ? '为您找到以下答案' : '没有找到确切的答案'}</h2>
          {!r.confident ? (
            <p class="warn-box" role="status">
              政策问答库和现行文件中没有与您的问题足够吻合的内容{answers.length ? '，下面是最接近的几条，仅供参考' : ''}。您可以换一种说法再问，或者把问题转给相关部门人工答复。
            </p>
          ) : null}
          <ol class="answer-list">
            {answers.map((a) => (
              <AnswerItem a={a} />
            ))}
          </ol>
        </section>
      ) : null}
      {r ? <AnswerFeedback ctx={p.ctx} csrfToken={p.csrfToken} q={p.q} result={r} /> : null}
      {p.referral ? <ReferralForm csrfToken={p.csrfToken} form={p.referral} /> : null}
      {r && r.confident && !p.referral ? (
        <p>
          答案不是您要的？<a href={`/ask?q=${encodeURIComponent(p.q)}&refer=1#referral`}>转给相关部门人工答复</a>
        </p>
      ) : null}
    </PublicLayout>
  );
}

function AnswerItem({ a }: { a: AskAnswer }) {
  return (
    <li class="answer">
      <h3>
        <a href={a.url}>{a.title}</a>
      </h3>
      <p class="answer-text">{a.text.length > 300 ? `${a.text.slice(0, 300)}…` : a.text}</p>
      <p class="meta">
        {a.kind === 'qa' ? (
          <>
            来源：政策问答库{a.department ? ` · 答复部门：${a.department}` : ''}
            {a.contact ? ` · 联系方式：${a.contact}` : ''}
          </>
        ) : (
          <>
            来源：政策文件 {a.clauseLabel}
            {a.docNo ? ` · 发文字号：${a.docNo}` : ''}
            {a.validity ? ` · 有效性：${validityLabels[a.validity]}` : ''}
          </>
        )}
        {' · '}匹配度 {Math.round(a.score * 100)}%
      </p>
    </li>
  );
}
