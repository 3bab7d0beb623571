/**
 * The amended text of a clause, from the instructions of the decisions that amended it (修改决定):
 * 「将第一条中的“每月2280元”修改为“每月2490元”」, 「第五条修改为：“……”」, 「删去第七条中的“……”」,
 * 「在第三条中的“……”后增加“……”」, 「删去第九条」. Pure.
 *
 * The rule is strict on purpose: a clause is given in its amended text only when every instruction
 * that names its article was understood and applied; when one was not (a 款 rewritten, a wording
 * not found, a form not known), the answer is `null` and the caller must not quote the clause.
 * Instructions that name no article (「将“市政府”统一修改为“市人民政府”」) apply wherever the words stand.
 */

export interface Amendment {
  /** The amending document, for the citation 「经《…》修改」. */
  by: { id: number; title: string; docNo: string | null };
  body: string;
}

export interface AmendedClause {
  text: string;
  /** The decisions that changed this clause's words (empty: the amendments left it as it was). */
  changedBy: Amendment['by'][];
  /** The article was deleted by an amendment. */
  deleted: boolean;
}

const NUM = '[一二三四五六七八九十百千零〇两0-9]{1,8}';
const Q = '[“"「]([^”"」]{1,400})[”"」]';
/** 「将《办法》中的…」: the amended text's own title. */
const TITLE = '《[^》]{1,80}》';

type Instruction =
  | { article: string | null; op: 'replace'; from: string; to: string }
  | { article: string; op: 'rewrite'; text: string }
  | { article: string | null; op: 'insert-after'; after: string; text: string }
  | { article: string; op: 'delete-article' }
  | { article: string; op: 'unknown' };

/** The instructions of one amending decision, in order. Sentences that change nothing named are skipped. */
export function parseAmendments(body: string): Instruction[] {
  const out: Instruction[] = [];
  for (const raw of sentences(body)) {
    const s = raw.trim().replace(/^[一二三四五六七八九十]+、/, '');
    if (!s) continue;
    let m: RegExpMatchArray | null;
    if ((m = s.match(new RegExp(`^将(?:${TITLE})?(?:第(${NUM})条)?(?:中的)?${Q}(?:统一)?(?:修改|改)为${Q}`)))) {
      out.push({ article: m[1] ? `第${m[1]}条` : null, op: 'replace', from: m[2]!, to: m[3]! });
    } else if ((m = s.match(new RegExp(`^(?:将)?第(${NUM})条修改为[：:]?${Q}`)))) {
      out.push({ article: `第${m[1]}条`, op: 'rewrite', text: m[2]! });
    } else if ((m = s.match(new RegExp(`^删去(?:${TITLE})?(?:第(${NUM})条)?(?:中)?(?:的)?${Q}`)))) {
      out.push({ article: m[1] ? `第${m[1]}条` : null, op: 'replace', from: m[2]!, to: '' });
    } else if ((m = s.match(new RegExp(`^删去第(${NUM})条[。；;]?$`)))) {
      out.push({ article: `第${m[1]}条`, op: 'delete-article' });
    } else if ((m = s.match(new RegExp(`^在(?:${TITLE})?(?:第(${NUM})条)?(?:中的)?${Q}后(?:增加|加上)${Q}`)))) {
      out.push({ article: m[1] ? `第${m[1]}条` : null, op: 'insert-after', after: m[2]!, text: m[3]! });
    } else {
      // Any other sentence naming an article with a verb of change (款 and 项 rewritten, articles
      // merged): understood as "this article changed in a way not applied here".
      for (const a of s.matchAll(new RegExp(`第(${NUM})条`, 'g'))) if (/修改|删去|删除|增加|调整|合并|替换/.test(s)) out.push({ article: `第${a[1]}条`, op: 'unknown' });
    }
  }
  return out;
}

/** Sentences and lines, never split inside a quotation (a rewritten article ends with its own 。). */
function sentences(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of body.replace(/\r\n?/g, '\n')) {
    if (ch === '“' || ch === '「') depth++;
    else if ((ch === '”' || ch === '」') && depth > 0) depth--;
    if (ch === '\n') {
      out.push(cur);
      cur = '';
      depth = 0;
      continue;
    }
    cur += ch;
    if (depth === 0 && /[。；;]/.test(ch)) {
      out.push(cur);
      cur = '';
    }
  }
  out.push(cur);
  return out;
}

/**
 * The clause's text after the amendments, oldest first. `label` is the clause's article (第一条) or
 * a paragraph label (第2段); in paragraphs, an item 「一、」 at a line's start stands for 第一条, as
 * decisions amending such 方案 write it.
 */
export function amendClause(text: string, label: string, amendments: readonly Amendment[]): AmendedClause | null {
  let current = text;
  const changedBy: Amendment['by'][] = [];
  for (const a of amendments) {
    const before = current;
    for (const ins of parseAmendments(a.body)) {
      if (ins.article === null) {
        if (ins.op === 'replace') current = current.split(ins.from).join(ins.to);
        else if (ins.op === 'insert-after') current = current.split(ins.after).join(ins.after + ins.text);
        continue;
      }
      const span = articleSpan(current, label, ins.article);
      if (!span) continue; // another article
      const [start, end] = span;
      const part = current.slice(start, end);
      let next: string;
      switch (ins.op) {
        case 'replace':
          if (!part.includes(ins.from)) return null;
          next = part.split(ins.from).join(ins.to);
          break;
        case 'insert-after':
          if (!part.includes(ins.after)) return null;
          next = part.split(ins.after).join(ins.after + ins.text);
          break;
        case 'rewrite':
          next = `${part.match(/^\s*(第\S+?条|[一二三四五六七八九十]+、)/)?.[1] ?? ''}${part.startsWith(ins.article) ? ' ' : ''}${ins.text.replace(new RegExp(`^${ins.article}\\s*`), '')}`;
          break;
        case 'delete-article':
          if (label === ins.article) return { text: '', changedBy: [...changedBy, a.by], deleted: true };
          next = '';
          break;
        default:
          return null;
      }
      current = current.slice(0, start) + next + current.slice(end);
    }
    if (current !== before) changedBy.push(a.by);
  }
  return { text: current, changedBy, deleted: false };
}

/** Where article `article` stands in the clause: the whole clause when it is that article, else the line of its item 「一、」. */
function articleSpan(text: string, label: string, article: string): [number, number] | null {
  if (label === article) return [0, text.length];
  if (/^第.+条$/.test(label)) return null;
  const item = article.slice(1, -1);
  const m = new RegExp(`(^|\\n)(${item}、[^\\n]*)`).exec(text);
  if (!m) return null;
  const start = m.index + m[1]!.length;
  return [start, start + m[2]!.length];
}
