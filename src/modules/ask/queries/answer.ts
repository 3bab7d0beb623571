import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { maskPersonal } from '../../../platform/text-checks/index.js';
import { amendedClauses } from '../../documents/public.js';
import { composeAnswer, excerpts, type AnswerSource, type ComposedAnswer } from '../domain/answer.js';
import { CLAUSE_CONFIDENT, QA_CONFIDENT } from '../domain/scoring.js';
import { retrieveAnswers, type AskAnswer, type AskResult, type RetrieveOptions } from './retrieve.js';

export type Source = AnswerSource & Pick<AskAnswer, 'sourceId' | 'id' | 'orgId' | 'department' | 'contact' | 'docNo' | 'validity' | 'clauseLabel'> & { amendedBy: string[] };

export interface AskOutcome {
  result: AskResult;
  /** The answer sentences with their source, and up to three sources; null when nothing is sure enough. */
  answer: ComposedAnswer<Source> | null;
  /** When there is no answer: the nearest sources, trimmed, shown as "possibly related" after 转人工. */
  related: (Source & { excerpt: string })[];
}

/**
 * A question → an answer the public can trust (or an honest "ask a person"): the ranked sources
 * (retrieve.ts), then only what may be quoted — an amended clause in its amended text with
 * 「经《…》修改」 or not at all (a repealed one is never retrieved), personal numbers masked —
 * and the answering sentences of the best one, the site's own curated entry first.
 */
export async function answerQuestion(db: Kysely<Database>, question: string, today: string, opts: RetrieveOptions = {}): Promise<AskOutcome> {
  const result = await retrieveAnswers(db, question, { qaLimit: 4, clauseLimit: 4, ...opts });
  const sources = await quotable(db, result, today);
  const answer = composeAnswer(sources, result.concepts);
  return { result: { ...result, confident: answer !== null }, answer, related: answer ? [] : excerpts(sources, result.concepts) };
}

async function quotable(db: Kysely<Database>, r: AskResult, today: string): Promise<Source[]> {
  const curated = r.qa.length
    ? new Set((await db.selectFrom('qa_entries').select('id').where('id', 'in', r.qa.map((a) => a.id)).where('origin', '!=', 'import').execute()).map((x) => x.id))
    : new Set<number>();
  // Another place's local regulation (a province's or a city's, brought in as reference material)
  // may be listed as related, never given as the answer: it does not bind here.
  const elsewhere = r.clauses.length
    ? new Set(
        (await db.selectFrom('documents').select('id').where('id', 'in', r.clauses.map((c) => c.documentId!)).where('provenance', '!=', 'own').where('issuer_level', 'in', ['provincial', 'municipal']).execute()).map((d) => d.id),
      )
    : new Set<number>();
  const amended = r.clauses.filter((c) => c.validity === 'amended');
  const amendedText = await amendedClauses(db, amended.map((c) => ({ documentId: c.documentId!, label: c.clauseLabel ?? '', text: c.text })), today);
  const amendedOf = new Map(amended.map((c, i) => [c, amendedText[i] ?? null]));
  const out: Source[] = [];
  for (const a of r.qa) {
    out.push({
      ...a, text: maskPersonal(a.text, false), curated: curated.has(a.id), confident: a.confident === true, amendedBy: [],
      citation: `政策问答${a.department ? ` · 答复部门：${a.department}` : ''}`,
    });
  }
  for (const c of r.clauses) {
    let text = c.text;
    let amendedBy: string[] = [];
    if (c.validity === 'amended') {
      const m = amendedOf.get(c);
      if (!m || m.deleted) continue; // its amended words are not known: not quoted at all
      text = m.text;
      amendedBy = m.changedBy.map((b) => `《${b.title}》${b.docNo ? `（${b.docNo}）` : ''}`);
    }
    out.push({
      ...c, text: maskPersonal(text, false), curated: false, confident: c.confident === true && !elsewhere.has(c.documentId!), amendedBy,
      citation: `${c.title}${c.docNo ? `（${c.docNo}）` : ''}${amendedBy.length ? `，经${amendedBy.join('、')}修改` : ''}`,
    });
  }
  // The confident first, then the stronger, each kind measured against its own threshold (a score means the same within a kind).
  return out.sort((a, b) => Number(b.confident) - Number(a.confident) || rel(b) - rel(a));
}

const rel = (s: Source) => s.score / (s.kind === 'qa' ? QA_CONFIDENT : CLAUSE_CONFIDENT);
