import { BadRequestError } from '../../platform/http/errors.js';
import { MAX_QUESTION_LENGTH } from './domain/question.js';

/**
 * A question from the page or the API, checked at the edge: empty, too long, or with markup is
 * refused with a Chinese message (4xx), and nothing is written — not even the question log.
 */
export function questionProblem(raw: unknown): string | null {
  if (Array.isArray(raw)) return '一次只能提一个问题';
  const q = typeof raw === 'string' ? raw.trim() : '';
  if (!q) return '请填写您的问题';
  if (Array.from(q).length > MAX_QUESTION_LENGTH) return `问题不能超过 ${MAX_QUESTION_LENGTH} 个字，请简要描述`;
  if (/[<>]/.test(q)) return '问题不能包含尖括号 < >（不接受网页标记），请用文字描述';
  return null;
}

export function checkedQuestion(raw: unknown): string {
  const problem = questionProblem(raw);
  if (problem) throw new BadRequestError(problem);
  return (raw as string).trim();
}
