import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun, type IRunOptions } from 'docx';
import { attachmentLines, closingLines, letterParagraphs, salutationLine, type LetterText } from './layout.js';

/**
 * Layout after GB/T 9704-2012 (党政机关公文格式): A4, margins top 37 mm, bottom 35 mm, left 28 mm,
 * right 26 mm; title in 2号 (22 pt) 小标宋; text in 3号 (16 pt) 仿宋 on a fixed 28 pt line (22 lines a
 * page); page numbers 4号 (14 pt) as “— 1 —”. No tables (stack-notes §8: mammoth reads docx's
 * table headers wrongly). A run names one East Asian font; when 方正小标宋简体 or 仿宋 is not installed,
 * Word and LibreOffice substitute — SimSun / Times New Roman are the Latin fonts.
 */
const MM = 56.7; // twips per millimetre
const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), footer: Math.round(28 * MM) },
};
const PT = 2; // docx sizes are half-points
const BODY_SIZE = 16 * PT;
const TITLE_SIZE = 22 * PT;
const LINE = { line: 28 * 20, lineRule: LineRuleType.EXACT } as const; // 28 pt exact
const TWO_CHARS = 2 * 16 * 20; // 2 characters of 16 pt, in twips

const FANGSONG: IRunOptions['font'] = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', cs: 'Times New Roman' };
const XIAOBIAOSONG: IRunOptions['font'] = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '方正小标宋简体', cs: 'SimSun' };
const SONG: IRunOptions['font'] = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体', cs: 'SimSun' };
const LANG = { value: 'zh-CN', eastAsia: 'zh-CN' };

function text(t: string, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text: t, font: FANGSONG, size: BODY_SIZE, language: LANG, ...extra });
}

function titleParagraphs(title: string): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 35 * 20, lineRule: LineRuleType.EXACT, after: 0 },
      children: [new TextRun({ text: title.trim(), font: XIAOBIAOSONG, size: TITLE_SIZE, bold: true, language: LANG })],
    }),
  ];
}

function pageFooter(): Footer {
  const dash = (t: string) => new TextRun({ text: t, font: SONG, size: 14 * PT });
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [dash('— '), new TextRun({ children: [PageNumber.CURRENT], font: SONG, size: 14 * PT }), dash(' —')],
      }),
    ],
  });
}

/** Renders a letter's final text as a DOCX after GB/T 9704. */
export async function renderLetterDocx(letter: LetterText): Promise<Buffer> {
  const blank = () => new Paragraph({ spacing: LINE, children: [text('')] });
  const children: Paragraph[] = [...titleParagraphs(letter.title)];
  if (letter.letterNo.trim()) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...LINE, before: 280 }, children: [text(letter.letterNo.trim())] }));
  }
  children.push(blank());
  const greeting = salutationLine(letter.salutation);
  if (greeting) children.push(new Paragraph({ spacing: LINE, children: [text(greeting)] }));
  for (const p of letterParagraphs(letter.body)) {
    children.push(new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: LINE,
      indent: { firstLine: TWO_CHARS, firstLineChars: 200 },
      children: [text(p)],
    }));
  }
  const listed = attachmentLines(letter.attachments);
  if (listed.length) children.push(blank());
  for (const [i, l] of listed.entries()) {
    // Later names line up under the first one, after “附件：” (GB/T 9704 §7.3.3).
    children.push(new Paragraph({ spacing: LINE, indent: { left: TWO_CHARS + (i ? 3 * 16 * 20 : 0) }, children: [text(l)] }));
  }
  children.push(blank(), blank());
  for (const l of closingLines(letter.closing, letter.orgName, letter.date)) {
    children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: TWO_CHARS * 2 }, children: [text(l)] }));
  }

  const doc = new Document({
    title: letter.title.trim(),
    creator: letter.orgName.trim() || undefined,
    styles: { default: { document: { run: { font: FANGSONG, size: BODY_SIZE, language: LANG } } } },
    sections: [{ properties: { page: PAGE }, footers: { default: pageFooter() }, children }],
  });
  return Packer.toBuffer(doc);
}
