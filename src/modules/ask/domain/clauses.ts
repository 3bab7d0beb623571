/**
 * Splits a document's plain text into the chunks the smart Q&A cites: its articles (第X条) when it
 * has them, else its paragraphs, else windows of whole sentences. Pure.
 *
 * Why clauses and not whole documents: an answer must point at the sentence that says it
 * (「依据《…》第十二条」), and a 5,000-character law matches almost any question somewhere.
 */
export interface Clause {
  position: number;
  /** 第十二条, or 第3段 for a document without articles. */
  label: string;
  text: string;
}

/** A numeral as articles write it: Chinese (第一百零二条) or Arabic (第12条). */
const NUM = '[一二三四五六七八九十百千零〇两0-9０-９]{1,8}';
/** An article starts a line (or the text): 第十二条 followed by a space, a full-width space or text. */
const ARTICLE = new RegExp(`(?:^|\\n)[ \\t\\u3000]*(第${NUM}条)(?=[\\s\\u3000　：:]|[^\\s款项])`, 'g');
/** Chapter and section headings between articles (第二章 总则) belong to no article. */
const HEADING = new RegExp(`^[ \\t\\u3000]*第${NUM}[编章节][^\\n]{0,40}$`, 'gm');

/** Paragraphs shorter than this are merged with the next; windows aim at about WINDOW characters. */
const MIN_PARAGRAPH = 60;
const WINDOW = 260;
const MAX_WINDOW = 420;
/** An article longer than this is still one clause, but only its start is indexed and shown. */
export const MAX_CLAUSE_TEXT = 3000;

export function splitClauses(text: string): Clause[] {
  const body = text.replace(/\r\n?/g, '\n').trim();
  if (!body) return [];
  const articles = splitArticles(body);
  if (articles.length >= 2) return articles;
  return splitParagraphs(body);
}

function splitArticles(body: string): Clause[] {
  const starts: { at: number; label: string }[] = [];
  for (const m of body.matchAll(ARTICLE)) {
    const at = m.index + m[0].indexOf(m[1]!);
    starts.push({ at, label: m[1]!.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) });
  }
  const out: Clause[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]!.at : body.length;
    const t = tidy(body.slice(s.at, end).replace(HEADING, ''));
    if (t.length > s.label.length) out.push({ position: out.length + 1, label: s.label, text: t.slice(0, MAX_CLAUSE_TEXT) });
  }
  return out;
}

function splitParagraphs(body: string): Clause[] {
  const pieces: string[] = [];
  let pending = '';
  for (const para of body.split(/\n+/).map(tidy).filter(Boolean)) {
    if (para.length > MAX_WINDOW) {
      if (pending) pieces.push(pending);
      pending = '';
      pieces.push(...windows(para));
      continue;
    }
    pending = pending ? `${pending}\n${para}` : para;
    if (pending.length >= MIN_PARAGRAPH) {
      pieces.push(pending);
      pending = '';
    }
  }
  if (pending) {
    // A short tail (落款, 日期) joins the piece before it rather than standing alone.
    if (pieces.length && pending.length < MIN_PARAGRAPH && pieces[pieces.length - 1]!.length + pending.length <= MAX_WINDOW) pieces[pieces.length - 1] += `\n${pending}`;
    else pieces.push(pending);
  }
  return pieces.map((t, i) => ({ position: i + 1, label: `第${i + 1}段`, text: t }));
}

/** Whole sentences packed into windows of about WINDOW characters (a sentence longer than MAX_WINDOW is cut). */
function windows(para: string): string[] {
  const sentences = para.match(/[^。！？；!?;]+[。！？；!?;]*/g) ?? [para];
  const out: string[] = [];
  let cur = '';
  for (let s of sentences) {
    while (s.length > MAX_WINDOW) {
      if (cur) out.push(cur);
      cur = '';
      out.push(s.slice(0, MAX_WINDOW));
      s = s.slice(MAX_WINDOW);
    }
    if (cur && cur.length + s.length > WINDOW) {
      out.push(cur);
      cur = '';
    }
    cur += s;
  }
  if (cur.trim()) out.push(cur);
  return out.map(tidy).filter(Boolean);
}

function tidy(s: string): string {
  return s.replace(/[ \t\u3000]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{2,}/g, '\n').trim();
}
