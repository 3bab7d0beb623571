import { CsrfField } from '../../../platform/html/components.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { MAX_FEEDBACK_SOURCES } from '../commands/record-feedback.js';
import type { AskResult } from '../queries/retrieve.js';


/**
 * 这个回答有帮助吗？ Under a smart answer: two buttons, sent with the question and the ids of the
 * sources shown (the route masks the question and checks the ids). After sending, the page comes
 * back with feedback=1 and says thanks instead (whatever the masked question now finds). Without
 * an answer there is nothing to rate.
 */
export function AnswerFeedback({ ctx, csrfToken, q, result, answered }: { ctx: PageContext; csrfToken: string; q: string; result: AskResult; answered: boolean }) {
  const done = /[?&]feedback=1(&|$)/.test(ctx.path);
  if (!done && !answered) return null;
  const ids = [...result.qa, ...result.clauses].map((a) => a.sourceId).slice(0, MAX_FEEDBACK_SOURCES);
  return (
    <section id="feedback" aria-labelledby="feedback-title" class="answer-feedback no-print">
      <h2 id="feedback-title" class="visually-hidden">回答评价</h2>
      {done ? (
        <p role="status">谢谢您的反馈，我们会据此改进答案。</p>
      ) : (
        <form method="post" action="/ask/feedback">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="q" value={q} />
          <input type="hidden" name="sources" value={ids.join(',')} />
          <input type="hidden" name="confident" value={result.confident ? '1' : '0'} />
          <span>这个回答有帮助吗？</span>{' '}
          <button type="submit" name="helpful" value="1" class="secondary">有帮助</button>{' '}
          <button type="submit" name="helpful" value="0" class="secondary">没帮助</button>
        </form>
      )}
    </section>
  );
}
