import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { RuleError } from '../../../platform/http/errors.js';
import { maskPersonal } from '../../../platform/text-checks/index.js';
import { MAX_QUESTION_LENGTH, normalizeQuestion } from '../domain/question.js';

export const MAX_FEEDBACK_SOURCES = 10;
/** A source id as the answers carry them: qa:12, document:7, or a corpus id. */
const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/;

export interface FeedbackInput {
  question: string;
  helpful: string;
  confident: string;
  sources: string;
}

/**
 * 这个回答有帮助吗？ One reader's verdict on a smart answer, for the staff's counts. The question is
 * stored with personal data masked (ID, card and phone numbers, e-mail addresses), as asked
 * questions are; the sources are the ids the page showed, checked for form. Not audited: it is an
 * anonymous vote like the count of questions asked, not an act on anyone's case.
 */
/** Records the vote; returns the question as stored (personal data masked), for the page to come back to. */
export async function recordAnswerFeedback(db: Kysely<Database>, now: Date, input: FeedbackInput): Promise<string> {
  const question = normalizeQuestion(input.question ?? '');
  if (!question) throw new RuleError('缺少问题，无法记录评价', 'q');
  if (question.length > MAX_QUESTION_LENGTH) throw new RuleError(`问题不能超过 ${MAX_QUESTION_LENGTH} 个字`, 'q');
  if (input.helpful !== '1' && input.helpful !== '0') throw new RuleError('请选择“有帮助”或“没帮助”', 'helpful');
  const ids = (input.sources ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length > MAX_FEEDBACK_SOURCES || ids.some((s) => !SOURCE_ID.test(s))) throw new RuleError('引用来源不正确', 'sources');
  const masked = maskPersonal(question, true);
  await db
    .insertInto('answer_feedback')
    .values({ question: masked, helpful: input.helpful === '1', confident: input.confident === '1', source_ids: JSON.stringify(ids), created_at: now })
    .execute();
  return masked;
}
