import { Document, Packer, Paragraph, TextRun } from 'docx';

/** A real Word file made with the docx library, as a drafter's upload would be. */
export async function makeDocx(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: paragraphs.map((t) => new Paragraph({ children: [new TextRun(t)] })) }] });
  return Packer.toBuffer(doc);
}

/** The smallest valid PNG (1×1 pixel). */
export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A minimal PDF file. */
export const PDF_MIN = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** The form fields of a valid new document for the 发改委 (fgw), to vary per test. */
export function documentForm(orgId: number, over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    orgId: String(orgId),
    title: '江宁市支持专精特新企业发展的若干措施',
    docNo: '宁发改规〔2026〕31号',
    issuers: '江宁市发展和改革委员会',
    docType: '行政规范性文件',
    attribute: 'public',
    writtenOn: '2026-11-10',
    publishedOn: '',
    effectiveOn: '2026-12-01',
    expiresOn: '',
    bodyHtml: '<p>第一条 对新认定的专精特新中小企业给予一次性奖励20万元。</p><p>第二条 本措施自2026年12月1日起施行。</p>',
    note: '',
    ...over,
  };
}

/** A one-page PDF whose text layer holds `text` (ASCII, Helvetica), with a correct cross-reference table. */
export function pdfWithText(text: string): Buffer {
  const content = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
