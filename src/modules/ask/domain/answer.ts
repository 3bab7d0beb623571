import type { Concept } from './question.js';

/**
 * An answer, not a pile: the one or two sentences of the best source that answer the question,
 * with the source to cite. Pure; the sources arrive ranked, checked and in their amended text
 * (queries/answer.ts).
 */
export interface AnswerSource {
  kind: 'qa' | 'clause';
  title: string;
  text: string;
  url: string;
  score: number;
  /** An entry written or reviewed here (not imported from another place's library). */
  curated: boolean;
  /** The source is good enough on its own to call an answer (its kind's threshold). */
  confident: boolean;
  /** 「政策问答 · 江宁市人力资源和社会保障局」, 「《…》第一条（经《…》修改）」. */
  citation: string;
}

export interface ComposedAnswer<S extends AnswerSource = AnswerSource> {
  /** The answering sentences, as the source words them. */
  sentences: string;
  lead: S;
  /** Up to three sources (the lead first), each trimmed to the sentences that answer. */
  sources: (S & { excerpt: string })[];
}

/** At most this much of a source is quoted as the answer; the rest is a click away. */
const ANSWER_CHARS = 160;
const EXCERPT_CHARS = 220;
export const MAX_SOURCES = 3;

/**
 * The lead: the curated local entry first when it matches (it is confident); otherwise the best
 * confident source; none when nothing is confident — then the page offers 转人工 first and shows
 * the sources only as "possibly related".
 */
export function composeAnswer<S extends AnswerSource>(sources: readonly S[], concepts: readonly Concept[]): ComposedAnswer<S> | null {
  const confident = sources.filter((s) => s.confident);
  const lead = confident.find((s) => s.curated && s.kind === 'qa') ?? confident[0];
  if (!lead) return null;
  const rest = sources.filter((s) => s !== lead).slice(0, MAX_SOURCES - 1);
  return {
    sentences: answerSentences(lead.text, concepts, ANSWER_CHARS, lead.kind === 'qa'),
    lead,
    sources: [lead, ...rest].map((s) => ({ ...s, excerpt: answerSentences(s.text, concepts, EXCERPT_CHARS, s.kind === 'qa') })),
  };
}

/** Each source trimmed to the sentences that answer, for the list of possibly related ones. */
export function excerpts<S extends AnswerSource>(sources: readonly S[], concepts: readonly Concept[]): (S & { excerpt: string })[] {
  return sources.slice(0, MAX_SOURCES).map((s) => ({ ...s, excerpt: answerSentences(s.text, concepts, EXCERPT_CHARS, s.kind === 'qa') }));
}

/**
 * The sentences of `text` that hold most of the question's concepts, in their order, within
 * `limit` characters: the best sentence, then its neighbour when that one holds a concept too (or
 * the best is too short to stand alone). An answer's opening sentence is favoured: curated answers
 * put the answer first (「不包括。」, 「自2025年4月1日起，…」).
 */
export function answerSentences(text: string, concepts: readonly Concept[], limit: number, answerFirst = false): string {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return '';
  const scores = sentences.map((s, i) => conceptHits(s, concepts) + (answerFirst && i === 0 ? 0.75 : 0));
  let best = 0;
  for (let i = 1; i < sentences.length; i++) if (scores[i]! > scores[best]!) best = i;
  const chosen = [best];
  const next = best + 1 < sentences.length ? best + 1 : -1;
  const prev = best - 1;
  const neighbour = next >= 0 && (scores[next]! > 0 || sentences[best]!.length < 30) ? next : prev >= 0 && scores[prev]! > 0 ? prev : -1;
  if (neighbour >= 0 && sentences[best]!.length + sentences[neighbour]!.length <= limit) chosen.push(neighbour);
  const out = chosen.sort((a, b) => a - b).map((i) => sentences[i]).join('');
  return out.length > limit ? `${out.slice(0, limit - 1)}…` : out;
}

/** Sentences (。！？；, and line breaks) with their end marks, trimmed; list numbering kept. */
export function splitSentences(text: string): string[] {
  return (text.replace(/\r\n?/g, '\n').match(/[^。！？!?；;\n]+[。！？!?；;]*/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 1);
}

function conceptHits(sentence: string, concepts: readonly Concept[]): number {
  let hits = 0;
  for (const c of concepts) if (c.alternatives.some((words) => words.every((w) => sentence.includes(w)))) hits++;
  return hits;
}
