import { validityLabels } from '../../documents/public.js';
import { describedBy, ErrorSummary, Field } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { MAX_QUESTION_LENGTH } from '../domain/question.js';
import type { ComposedAnswer } from '../domain/answer.js';
import type { Source } from '../queries/answer.js';
import type { AskResult } from '../queries/retrieve.js';
import { AnswerFeedback } from './answer-feedback.js';
import { ReferralForm, type ReferralFormData } from './referral-form.js';

export interface AskPageProps {
  ctx: PageContext;
  csrfToken: string;
  q: string;
  result: AskResult | null;
  /** The answer sentences with their source (null: nothing sure enough — 转人工 comes first). */
  answer?: ComposedAnswer<Source> | null;
  /** Without an answer: the nearest sources, shown after 转人工 as possibly related. */
  related?: (Source & { excerpt: string })[];
  /** The question was refused (empty, too long, markup): the message, shown with the form. */
  errors?: FieldErrors;
  /** The referral form (转人工), when nothing is confident or it was asked for. */
  referral: null | ReferralFormData;
}

/** 智能问答: a question in plain words, answers with their sources, and 转人工 when none is sure. */
export function AskPage(p: AskPageProps) {
  const r = p.result;
  const related = p.related ?? [];
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
      {r && p.answer ? <AnswerBlock answer={p.answer} /> : null}
      {r ? <AnswerFeedback ctx={p.ctx} csrfToken={p.csrfToken} q={p.q} result={r} answered={!!p.answer} /> : null}
      {r && !p.answer ? (
        <section aria-labelledby="answers-title">
          <h2 id="answers-title">没有找到确切的答案</h2>
          <p class="warn-box" role="status">
            政策问答库和现行有效的文件中没有与您的问题足够吻合的内容。建议把问题转给相关部门，由工作人员答复{related.length ? '；下面几条可能相关，仅供参考' : ''}。
          </p>
        </section>
      ) : null}
      {p.referral ? <ReferralForm csrfToken={p.csrfToken} form={p.referral} /> : null}
      {r && !p.answer && related.length ? (
        <section aria-labelledby="related-title">
          <h2 id="related-title">可能相关的内容（仅供参考）</h2>
          <ol class="answer-list">
            {related.map((a) => (
              <SourceItem a={a} />
            ))}
          </ol>
        </section>
      ) : null}
      {p.answer && !p.referral ? (
        <p>
          答案不是您要的？<a href={`/ask?q=${encodeURIComponent(p.q)}&refer=1#referral`}>转给相关部门人工答复</a>
        </p>
      ) : null}
    </PublicLayout>
  );
}

/** The answer in one or two sentences from its source, with the citation; then the sources it rests on. */
function AnswerBlock({ answer }: { answer: ComposedAnswer<Source> }) {
  return (
    <section aria-labelledby="answer-title" class="answer-block">
      <h2 id="answer-title">答复</h2>
      <p class="answer-lead">{answer.sentences}</p>
      <p class="meta">
        出处：<a href={answer.lead.url}>{answer.lead.citation}</a>
      </p>
      <h3>依据和参考</h3>
      <ol class="answer-list">
        {answer.sources.map((a) => (
          <SourceItem a={a} />
        ))}
      </ol>
    </section>
  );
}

function SourceItem({ a }: { a: Source & { excerpt: string } }) {
  return (
    <li class="answer">
      <h4>
        <a href={a.url}>{a.title}</a>
      </h4>
      <p class="answer-text">{a.excerpt}</p>
      <p class="meta">
        {a.kind === 'qa' ? (
          <>
            来源：{a.curated ? '本站政策问答' : '政策问答库（参考资料）'}
            {a.department ? ` · 答复部门：${a.department}` : ''}
            {a.contact ? ` · 联系方式：${a.contact}` : ''}
          </>
        ) : (
          <>
            来源：政策文件 {a.clauseLabel}
            {a.docNo ? ` · 发文字号：${a.docNo}` : ''}
            {a.validity ? ` · 有效性：${validityLabels[a.validity]}` : ''}
            {a.amendedBy.length ? ` · 已按${a.amendedBy.join('、')}修改后的内容引用` : ''}
          </>
        )}
        {' · '}
        {closeness(a)}
      </p>
    </li>
  );
}

/** Words that say how close a source is without claiming it is right (no 「匹配度 100%」). */
function closeness(a: Source): string {
  return a.confident ? '与您的问题高度相关' : '可能相关';
}
