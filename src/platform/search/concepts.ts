/**
 * A query or question as retrieval sees it (smart answers and the policy library): its concepts (a word, or a synonym group's terms as
 * alternatives), each with the tsquery operands that find it. Pure, apart from jieba.
 *
 * Same segmentation as search (platform/search): jieba `cut` for the question, the index built
 * with `cutForSearch`, and for a word of 4+ characters its covering sub-words as an alternative,
 * because a long word may not appear whole in an indexed text's segmentation.
 */
import { coveringSubWords, segmentQueryWords, toHalfWidth, wordBoundaries } from './segment.js';

/**
 * Words that carry no subject in a question: function words, pronouns, question words and the
 * politeness around them. Left out of matching (a question full of 怎么/如何 must not match
 * another only by those).
 */
export const QUESTION_STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '地', '得', '之', '了', '着', '过', '和', '与', '及', '以及', '或', '或者', '在', '是', '对', '关于', '等', '把', '被', '给', '向', '从', '到', '为', '以',
  '吗', '呢', '吧', '啊', '呀', '么', '嘛', '哦', '请问', '请', '问', '你好', '您好', '谢谢', '麻烦', '咨询', '一下', '想', '想要', '想问', '知道',
  '我', '我们', '你', '您', '你们', '他', '她', '他们', '它', '自己', '本人', '这', '这个', '那', '那个', '这些', '那些', '该', '其',
  '怎么', '怎么样', '怎样', '如何', '什么', '啥', '谁', '找谁', '哪些', '哪个', '哪里', '哪儿', '哪', '多少', '几', '何', '有何', '哪家', '何时', '为何', '多久', '多长', '是否', '能否', '可否', '有没有', '是不是', '能不能', '可不可以', '会不会', '要不要',
  '可以', '能', '能够', '会', '要', '需要', '应该', '应当', '必须', '有', '没有', '还', '也', '都', '就', '又', '才', '再', '已经', '现在', '目前', '如果', '的话', '时候', '时', '后', '前',
  '个', '些', '一', '一个', '相关', '有关', '规定', '情况', '问题', '方面',
  // The same in everyday speech (jieba keeps most of them whole): 咋办, 啥时候, 怎么弄, 算不算 …
  '咋', '咋办', '咋弄', '咋样', '咋整', '咋回事', '啥时候', '啥意思', '为啥', '干啥', '怎么办', '怎么弄', '怎么搞', '怎么回事', '回事', '啥样',
  '多长时间', '多久', '几回', '几次', '几月份', '是不是', '好不好', '行不行', '算不算', '对不对', '还能', '不能', '到底', '具体', '一般', '大概',
  '一点', '一点儿', '那种', '这种', '那边', '这边', '里头', '上面', '下面', '那些', '这样', '那样', '不', '没', '吗', '嘛',
]);

/** One thing the question is about; any of its alternatives counts as a match. */
export interface Concept {
  /** What was asked, as typed (after folding). */
  text: string;
  /** Each alternative: the words that must all be present (AND). */
  alternatives: string[][];
  /** Came from the synonym dictionary. */
  expanded: boolean;
  /** The dictionary group's terms, when it came from there. */
  terms?: readonly string[];
}

export interface AnalyzedQuestion {
  /** The question cleaned up: spaces collapsed, full-width folded, lower-cased. */
  normalized: string;
  concepts: Concept[];
}

/** A synonym group: equivalent terms (社保, 社会保险). */
export type SynonymGroup = readonly string[];

export function normalizeQuestion(q: string): string {
  return toHalfWidth(q).replace(/[\s\p{Cc}]+/gu, ' ').trim().toLowerCase();
}

/** Words of a term, jieba-cut, stop words kept (社会保险 → 社会保险; 住房 公积金 → 住房, 公积金). */
function termWords(term: string): string[] {
  return segmentQueryWords(term);
}

/**
 * The concepts of a question. A synonym term found in the text (longest first, both ways: 社保
 * finds 社会保险 and 社会保险 finds 社保) becomes one concept whose alternatives are every term of
 * its group; the words it covers are not counted again. The other words, minus stop words, are
 * concepts of their own.
 */
export function analyzeQuestion(question: string, synonyms: readonly SynonymGroup[] = [], opts: { wholeWords?: boolean } = {}): AnalyzedQuestion {
  const normalized = normalizeQuestion(question);
  // The library's search takes a term only where the text's own words begin and end (wholeWords).
  const bounds = opts.wholeWords ? wordBoundaries(normalized) : null;
  const covered = new Uint8Array(normalized.length);
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  // Terms longest first, so 住房公积金 wins over 公积金 where both are in the dictionary.
  const terms = synonyms.flatMap((g, gi) => g.map((t) => ({ t: normalizeQuestion(t), gi }))).filter((x) => x.t.length > 0).sort((a, b) => b.t.length - a.t.length);
  const found: { at: number; gi: number; t: string }[] = [];
  for (const { t, gi } of terms) {
    for (let at = normalized.indexOf(t); at !== -1; at = normalized.indexOf(t, at + 1)) {
      if (covered.subarray(at, at + t.length).some((c) => c === 1)) continue;
      if (bounds && !(bounds.has(at) && bounds.has(at + t.length))) continue;
      covered.fill(1, at, at + t.length);
      found.push({ at, gi, t });
    }
  }
  // Concepts in the order of the question: walk it, emitting synonym concepts where they start.
  const starts = new Map(found.map((f) => [f.at, f]));
  let pos = 0;
  let run = '';
  const flush = () => {
    for (const w of segmentQueryWords(run)) {
      if (QUESTION_STOP_WORDS.has(w) || seen.has(w)) continue;
      seen.add(w);
      concepts.push({ text: w, alternatives: wordAlternatives(w), expanded: false });
    }
    run = '';
  };
  while (pos < normalized.length) {
    const f = starts.get(pos);
    if (f) {
      flush();
      const key = `#${f.gi}`;
      if (!seen.has(key)) {
        seen.add(key);
        const group = synonyms[f.gi]!;
        const alternatives: string[][] = [];
        const keys = new Set<string>();
        for (const term of group) {
          const words = termWords(normalizeQuestion(term));
          if (words.length === 0) continue;
          // A one-word term also matches inside longer indexed words, by its covering sub-words.
          const alts = words.length === 1 ? wordAlternatives(words[0]!) : [words];
          for (const a of alts) {
            const k = a.join(' ');
            if (!keys.has(k)) {
              keys.add(k);
              alternatives.push(a);
            }
          }
        }
        if (alternatives.length) concepts.push({ text: f.t, alternatives, expanded: true, terms: group.map((g) => normalizeQuestion(g)) });
      }
      pos += f.t.length;
      continue;
    }
    if (!covered[pos]) run += normalized[pos];
    pos++;
  }
  flush();
  return { normalized, concepts };
}

function wordAlternatives(w: string): string[][] {
  const parts = coveringSubWords(w);
  return parts.length ? [[w], parts] : [[w]];
}

/** A word as a tsquery operand; words are letters and digits only (segment.ts), quoted anyway. */
export function lexeme(w: string, weights = ''): string {
  return `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${weights ? `:${weights}` : ''}`;
}

/** The tsquery that finds a concept anywhere, or only in the given weights ('A', 'D', 'B'). */
export function conceptTsquery(c: Concept, weights = ''): string {
  const alts = c.alternatives.map((a) => (a.length === 1 ? lexeme(a[0]!, weights) : `(${a.map((w) => lexeme(w, weights)).join(' & ')})`));
  return alts.length === 1 ? alts[0]! : `(${alts.join(' | ')})`;
}
