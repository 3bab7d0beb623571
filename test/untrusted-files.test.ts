import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, beforeEach, describe, test } from 'node:test';
import JSZip from 'jszip';
import { ExtractError, extractFile, type ExtractLimits } from '../src/platform/files/extract.js';
import { parseConfig } from '../src/config.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';
import { documentForm, makeDocx, pdfWithText } from './helpers/fixtures.js';

// Issue 12: a 122 KB .docx that inflates to 40 MB of paragraphs ran the process out of heap, a flat
// 300 MB whitespace bomb was accepted, and reading a large attachment inside the save's transaction
// held the embedded database's one connection (and the event loop) for seconds.

const MB = 1024 * 1024;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface ZipEntry {
  name: string;
  chunks: Iterable<Buffer>;
  /** The uncompressed size written in the headers instead of the real one: an archive that lies. */
  declaredSize?: number;
}

/**
 * A zip archive written by hand with node's streaming deflate: a bomb of hundreds of megabytes is
 * compressed chunk by chunk and never held whole (jszip takes ~8 s to deflate 300 MB; zlib ~1 s).
 */
async function writeZip(entries: ZipEntry[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const deflate = zlib.createDeflateRaw({ level: 9 });
    const parts: Buffer[] = [];
    deflate.on('data', (c: Buffer) => parts.push(c));
    const ended = once(deflate, 'end');
    let crc = 0;
    let size = 0;
    for (const chunk of e.chunks) {
      crc = zlib.crc32(chunk, crc);
      size += chunk.length;
      if (!deflate.write(chunk)) await once(deflate, 'drain');
    }
    deflate.end();
    await ended;
    const data = Buffer.concat(parts);
    const declared = e.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    local.copy(record, 8, 6, 30); // flags, method, time, date, crc, sizes, name length (extra 0)
    record.writeUInt32LE(offset, 42);
    out.push(local, name, data);
    central.push(record, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dir, end]);
}

/** A real Word file's parts, with `word/document.xml` replaced by a body streamed from `body`. */
async function docxWith(body: (head: string, tail: string) => Iterable<Buffer>, declaredSize?: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await makeDocx(['x']));
  const entries: ZipEntry[] = [];
  for (const f of Object.values(zip.files)) {
    const content = await f.async('nodebuffer');
    if (f.name !== 'word/document.xml') {
      entries.push({ name: f.name, chunks: [content] });
      continue;
    }
    const xml = content.toString();
    const head = xml.slice(0, xml.indexOf('<w:body>') + '<w:body>'.length);
    const tail = xml.slice(xml.indexOf('<w:sectPr'));
    entries.push({ name: f.name, chunks: body(head, tail), declaredSize });
  }
  return writeZip(entries);
}

const PARAGRAPH = '<w:p><w:r><w:t>第一条 为了规范政务数据共享，提高行政效能，根据有关法律法规，结合本市实际，制定本办法。</w:t></w:r></w:p>';

/** About `mb` MB of repeated paragraphs: a document that is large but ordinary in shape. */
function paragraphs(mb: number) {
  const block = Buffer.from(PARAGRAPH.repeat(Math.floor(MB / Buffer.byteLength(PARAGRAPH))));
  return function* (head: string, tail: string) {
    yield Buffer.from(head);
    for (let i = 0; i < mb; i++) yield block;
    yield Buffer.from(tail);
  };
}

/** `mb` MB of spaces in the body: valid XML, nothing but bulk. */
function whitespace(mb: number) {
  const block = Buffer.alloc(MB, 0x20);
  return function* (head: string, tail: string) {
    yield Buffer.from(head);
    for (let i = 0; i < mb; i++) yield block;
    yield Buffer.from(tail);
  };
}

/**
 * The bombs of the probe, made once: a valid docx whose document.xml is 40 MB of paragraphs, one
 * whose document.xml is 300 MB of spaces, and the latter declaring 4 KB in its headers.
 */
let made: Promise<{ structured: Buffer; flat: Buffer; liar: Buffer }> | null = null;
function bombs() {
  made ??= (async () => ({ structured: await docxWith(paragraphs(40)), flat: await docxWith(whitespace(300)), liar: await docxWith(whitespace(300), 4096) }))();
  return made;
}

const rssMb = () => Math.round(process.memoryUsage().rss / MB);

/** Samples the process's resident memory while `work` runs (the event loop is free meanwhile). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number; ms: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const value = await work();
    return { value, peakMb: Math.round(peak / MB), ms: Math.round(performance.now() - t0) };
  } finally {
    clearInterval(timer);
  }
}

describe('reading untrusted files on a worker thread', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-extract-test-'));
  const defaults = parseConfig({ CORPUS_PATH: 'none' }).extract;
  const limits = (over: Partial<ExtractLimits> = {}): ExtractLimits => ({ ...defaults, ...over });
  let n = 0;
  const fileOf = (buf: Buffer) => {
    const p = path.join(dir, `f${++n}`);
    writeFileSync(p, buf);
    return p;
  };
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => assert.fail('the file was read'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ExtractError, String(err));
    return err;
  };
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('an ordinary Word file becomes HTML and text, and a PDF gives its text', async () => {
    const docx = fileOf(await makeDocx(['第一条 为了规范数据共享，制定本办法。']));
    assert.match(await extractFile(docx, 'docx-html', limits()), /<p>第一条 为了规范数据共享，制定本办法。<\/p>/);
    assert.match(await extractFile(docx, 'docx-text', limits()), /第一条 为了规范数据共享/);
    assert.equal(await extractFile(docx, 'zip-check', limits()), '');
    assert.match(await extractFile(fileOf(pdfWithText('Duty officer 13912345678')), 'pdf-text', limits()), /13912345678/);
    const broken = await refusal(extractFile(fileOf(Buffer.from('PK\u0003\u0004 not really a zip')), 'docx-html', limits()));
    assert.equal(broken.reason, 'unreadable');
  });

  test("a zip is measured before any parser runs: its parts' count, each part's size and the total", async () => {
    const many = await writeZip(Array.from({ length: 30 }, (_, i) => ({ name: `p${i}.xml`, chunks: [Buffer.from('<a/>')] })));
    const tooMany = await refusal(extractFile(fileOf(many), 'zip-check', limits({ maxEntries: 20 })));
    assert.equal(tooMany.reason, 'too-large');
    assert.match(tooMany.detail, /部件超过 20 个/);
    const big = fileOf(await docxWith(paragraphs(3)));
    const part = await refusal(extractFile(big, 'docx-html', limits({ maxEntryBytes: 2 * MB })));
    assert.match(part.detail, /其中有部件解压后超过 2 MB/);
    const total = await refusal(extractFile(big, 'docx-html', limits({ maxTotalBytes: 2 * MB })));
    assert.match(total.detail, /解压后超过 2 MB/);
    assert.match(await extractFile(big, 'docx-text', limits()), /^第一条/, 'within the limits it is read');
  });

  test('an archive that declares small sizes and inflates to 300 MB is stopped at the size it declared', async () => {
    const liar = fileOf(await docxWith(whitespace(300), 4096));
    const r = await withPeakRss(() => refusal(extractFile(liar, 'docx-html', limits())));
    assert.equal(r.value.reason, 'too-large');
    assert.match(r.value.detail, /压缩包记录的大小与实际内容不符/);
    assert.ok(r.ms < 5000, `${r.ms} ms`);
  });

  test('the heap limit and the clock end a reading, not the process', async () => {
    const large = fileOf(await docxWith(paragraphs(6)));
    const before = rssMb();
    const oom = await withPeakRss(() => refusal(extractFile(large, 'docx-html', limits({ memoryMb: 48 }))));
    assert.equal(oom.value.reason, 'too-large');
    assert.match(oom.value.detail, /读取所需内存超过 48 MB/);
    const slow = await withPeakRss(() => refusal(extractFile(large, 'docx-html', limits({ timeoutMs: 300 }))));
    assert.equal(slow.value.reason, 'timeout');
    assert.match(slow.value.detail, /超过 0\.3 秒/);
    assert.ok(slow.ms < 2000, `terminated at once (${slow.ms} ms)`);
    console.log(`heap limit: ${oom.ms} ms, peak rss +${oom.peakMb - before} MB; timeout: ${slow.ms} ms`);
    assert.match(await extractFile(fileOf(await makeDocx(['之后照常读取。'])), 'docx-text', limits()), /之后照常读取/);
  });

  test('readings beyond the concurrency limit wait their turn', async () => {
    const slow = fileOf(await docxWith(paragraphs(1)));
    const t0 = performance.now();
    const alone = await extractFile(slow, 'docx-text', limits({ concurrency: 1 }));
    const one = performance.now() - t0;
    const t1 = performance.now();
    const three = await Promise.all([1, 2, 3].map(() => extractFile(slow, 'docx-text', limits({ concurrency: 1 }))));
    const all = performance.now() - t1;
    assert.ok(three.every((t) => t === alone));
    assert.ok(all > one * 2, `three readings one at a time take ${Math.round(all)} ms, one ${Math.round(one)} ms`);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`untrusted uploads through the document form on ${kind}`, () => {
    let t: TestApp;
    let fgw: number;
    let s: TestSession;
    let structured: Buffer;
    let flat: Buffer;
    let liar: Buffer;
    before(async () => {
      t = await buildTestApp(kind);
      fgw = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'fgw').executeTakeFirstOrThrow()).id;
      ({ structured, flat, liar } = await bombs());
    });
    after(() => t.close());
    beforeEach(async () => {
      t.clock.set(new Date(t.clock.now().getTime() + 61_000));
      s = new TestSession(t.app);
      await s.login('fgw.editor');
    });

    const count = async (table: 'documents' | 'attachments' | 'audit_events') =>
      Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const counts = async () => ({ documents: await count('documents'), attachments: await count('attachments'), audit: await count('audit_events') });

    test('zip bombs as the body and as an attachment are refused in Chinese; nothing is saved, the process stays up and its memory comes back', async () => {
      assert.ok(structured.length < 200 * 1024 && flat.length < 1024 * 1024, `bombs of ${structured.length} and ${flat.length} bytes`);
      const before = await counts();
      const rssBefore = rssMb();
      const heapBefore = process.memoryUsage().heapUsed;
      const cases: [string, Buffer, 'bodyDocx' | 'attachments', RegExp][] = [
        ['结构炸弹.docx', structured, 'bodyDocx', /其中有部件解压后超过 30 MB/],
        ['结构炸弹.docx', structured, 'attachments', /其中有部件解压后超过 30 MB/],
        ['空白炸弹.docx', flat, 'bodyDocx', /其中有部件解压后超过 30 MB/],
        ['空白炸弹.docx', flat, 'attachments', /其中有部件解压后超过 30 MB/],
        ['谎报大小.docx', liar, 'bodyDocx', /压缩包记录的大小与实际内容不符/],
        ['谎报大小.docx', liar, 'attachments', /压缩包记录的大小与实际内容不符/],
      ];
      for (const [name, content, field, detail] of cases) {
        const r = await withPeakRss(() => s.postMultipart('/admin/documents', documentForm(fgw, { title: '炸弹测试', docNo: '' }), [{ field, filename: name, content, contentType: DOCX_TYPE }]));
        assert.equal(r.value.statusCode, 422, `${name} as ${field}: ${r.value.body.slice(0, 300)}`);
        assert.match(r.value.body, new RegExp(`文件“${name}”内容过大或结构异常（`));
        assert.match(r.value.body, detail);
        assert.match(r.value.body, /无法读取，请检查后重新上传/);
        assert.match(r.value.body, /value="炸弹测试"/, 'the form keeps what was typed');
        console.log(`${kind}: ${name} (${Math.round(content.length / 1024)} KB) as ${field}: ${r.ms} ms, peak rss +${r.peakMb - rssBefore} MB`);
      }
      assert.deepEqual(await counts(), before, 'nothing saved');
      assert.equal((await t.app.inject('/library')).statusCode, 200, 'the process still answers');
      const ok = await s.postMultipart('/admin/documents', documentForm(fgw, { title: '炸弹之后的正常文件', docNo: '' }), [{ field: 'bodyDocx', filename: '正文.docx', content: await makeDocx(['第一条 照常保存。']), contentType: DOCX_TYPE }]);
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
      const grown = rssMb() - rssBefore;
      const heapGrown = Math.round((process.memoryUsage().heapUsed - heapBefore) / MB);
      console.log(`${kind}: after the bombs rss +${grown} MB, heap +${heapGrown} MB`);
      assert.ok(grown < 150, `rss grew by ${grown} MB`);
      assert.ok(heapGrown < 150, `heap grew by ${heapGrown} MB`);
    });

    test('while a large but acceptable Word attachment is read, a public page still answers within a second', async () => {
      const large = await docxWith(paragraphs(8));
      const timings: number[] = [];
      let done = false;
      const upload = s
        .postMultipart('/admin/documents', documentForm(fgw, { title: '大附件文件', docNo: '' }), [{ field: 'attachments', filename: '大附件.docx', content: large, contentType: DOCX_TYPE }])
        .finally(() => (done = true));
      const t0 = performance.now();
      while (!done) {
        const r0 = performance.now();
        const page = await t.app.inject('/library');
        timings.push(performance.now() - r0);
        assert.equal(page.statusCode, 200);
        await new Promise((r) => setTimeout(r, 50));
      }
      const res = await upload;
      const total = Math.round(performance.now() - t0);
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const worst = Math.round(Math.max(...timings));
      console.log(`${kind}: saving with an 8 MB-text attachment took ${total} ms; ${timings.length} public pages meanwhile, the slowest ${worst} ms`);
      assert.ok(total > 1000, 'the reading was slow enough to overlap');
      assert.ok(timings.length >= 5, `${timings.length} public pages answered meanwhile`);
      assert.ok(worst < 1000, `the slowest public page took ${worst} ms`);
      const id = Number(/(\d+)\?/.exec(res.headers.location as string)![1]);
      const att = await t.db.selectFrom('attachments').select(['text_content']).where('document_id', '=', id).executeTakeFirstOrThrow();
      assert.ok(att.text_content.startsWith('第一条 为了规范政务数据共享'));
      assert.equal(att.text_content.length, 1_000_000, 'the text kept for the checks is capped');
    });

    test("an ordinary Word body and a PDF's text still reach the document and the checks", async () => {
      const res = await s.postMultipart('/admin/documents', documentForm(fgw, { title: '正常上传的文件', docNo: '' }), [
        { field: 'bodyDocx', filename: '正文.docx', content: await makeDocx(['第一条 为了规范数据共享，制定本办法。']), contentType: DOCX_TYPE },
        { field: 'attachments', filename: '值班表.pdf', content: pdfWithText('Duty officer Zhang, mobile 13912345678'), contentType: 'application/pdf' },
      ]);
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const id = Number(/(\d+)\?/.exec(res.headers.location as string)![1]);
      const doc = await t.db.selectFrom('documents').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
      assert.match(doc.body_html, /<p>第一条 为了规范数据共享，制定本办法。<\/p>/);
      const att = await t.db.selectFrom('attachments').select('text_content').where('document_id', '=', id).executeTakeFirstOrThrow();
      assert.match(att.text_content, /13912345678/);
      const review = await s.get(`/admin/review/document/${id}`);
      assert.match(review.body, /附件“值班表\.pdf” 第 \d+ 字/, "the checks see the attachment's text");
      // A damaged body is refused as before, now with a message instead of a server error.
      const damaged = await docxWith(() => [Buffer.from('<w:document><w:body><w:p>')]);
      const before = await counts();
      const broken = await s.postMultipart('/admin/documents', documentForm(fgw, { title: '损坏的正文', docNo: '' }), [{ field: 'bodyDocx', filename: '损坏.docx', content: damaged, contentType: DOCX_TYPE }]);
      assert.equal(broken.statusCode, 422, broken.body.slice(0, 500));
      assert.match(broken.body, /文件“损坏\.docx”无法作为 Word 文档读取/);
      assert.deepEqual(await counts(), before);
    });
  });
}
