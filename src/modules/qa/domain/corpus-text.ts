import { decodeHTML } from 'entities';

/**
 * Imported Q&A text as it reads on a government page. The corpus (shared/corpus/README.md §2)
 * comes from spreadsheets and message boards: Excel's escaped carriage returns (`_x000D_`), CR
 * line ends, zero-width and control characters, HTML entities (&lt;…&gt;), and the message
 * board's user codes (网友“UU008792”, “A00023583”), which name nobody and read as noise.
 */
export function cleanCorpusText(raw: string): string {
  return (
    decodeHTML(
      raw
        // Excel's XML escapes of control characters: _x000D_ (CR), _x0009_ (tab) …
        .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/\r\n?/g, '\n'),
    )
      .replace(/\t/g, ' ')
      // Control characters (line feed kept), zero-width characters and the byte-order mark.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g, '')
      // The message board's user codes, quoted or bare: 网友“UU008792”您好 → 网友您好.
      .replace(/[“"「]?(?:UU\d{2,}|A0\d{5,})[”"」]?[ \u00A0]*/g, '')
      .split('\n')
      .map((line) => line.replace(/[ \u00A0]{2,}/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      // What a removed code leaves at the start: “UU0081243”： 您好 → 您好.
      .replace(/^[：:，,、\s]+/, '')
      .trim()
  );
}

/** Letters, digits and Chinese characters: what is left of a text once punctuation and spaces are gone. */
function substance(s: string): string {
  return s.replace(/[^\p{Script=Han}A-Za-z0-9%]/gu, '');
}

// What a reply says when it answers nothing: a greeting, 已收悉, 已转交某部门, a date.
const GREETING = /^(尊敬的)?(网友|网民|市民|群众|市民同志|同志)?(你好|您好)?/;
const DATE = /\d{4}年\d{1,2}月\d{1,2}日/g;
const ACKNOWLEDGEMENT = /收悉|已转|转交|转至|移交|交办|已进行过回复|关心、?监督与支持/;
const SUBSTANTIVE = /根据|依据|经查|经核实|经调查|规定|可以|应当|需要|请您|建议|办理|已完成|将于/;

/**
 * Whether a pair reads as a question with an answer: a question of some words, and an answer that
 * is not the question repeated. A message board's reply must also say something beyond a greeting,
 * 已收悉 / 已转相关部门处理 and a date (a knowledge base's answer may be just a date: 何时施行？).
 */
export function readsAsQuestionAndAnswer(question: string, answer: string, reply: boolean): boolean {
  const q = substance(question);
  const a = substance(answer);
  if (q.length < 4 || a.length === 0 || a === q) return false;
  if (!reply) return true;
  const rest = substance(answer.replace(DATE, '').replace(GREETING, '').replace(/谢谢|感谢您?的?(关注|来信|问政|留言|支持)?/g, ''));
  if (rest.length === 0) return false;
  return !(a.length < 40 && ACKNOWLEDGEMENT.test(answer) && !SUBSTANTIVE.test(answer));
}

/**
 * What an imported pair is, which decides whether it goes public:
 * - `department`: a government department's answer in a knowledge base (the corpus names it) → published;
 * - `library`: drawn from a document in the library, which it links → published;
 * - `letter`: a citizen's message-board letter with its reply → awaits a reviewer, not public;
 * - `unsourced`: neither (its document is not in the library) → awaits a reviewer, not public.
 */
export type ImportClass = 'department' | 'library' | 'letter' | 'unsourced';

export const IMPORT_CLASS_LABELS: Record<ImportClass, string> = {
  department: '部门答复，已发布',
  library: '摘自文件库文件，已发布',
  letter: '网民留言，待审核',
  unsourced: '来源不明，待审核',
};

export function classifyPair(p: { kind?: string | null; department?: string | null; askedAt?: string | null }, linkedDocument: boolean): ImportClass {
  // 留言 on a message board: the corpus marks them message-reply (泰迪杯 附件4, with the time asked).
  if (p.kind === 'message-reply' || p.askedAt) return 'letter';
  if ((p.department ?? '').trim()) return 'department';
  return linkedDocument ? 'library' : 'unsourced';
}
