import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { searchVectorParts, searchVectors } from '../src/modules/documents/commands/document-state.js';
import { searchDocuments, type SearchParams } from '../src/modules/documents/queries/search.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';

/**
 * The policy library as citizens search it (issue 17): every word first, then most of the words;
 * words not found named; everyday words through the synonym dictionary; a place preferring its
 * own documents; typos corrected; document numbers among words; and none of it ever reading a
 * document that is not public.
 */
const params = (q: string): SearchParams => ({ q, docTypes: [], issuers: [], years: [], topics: [], audiences: [], validities: [], orgs: [], sort: 'relevance', page: 1, pageSize: 20 });

interface NewDoc {
  title: string;
  body: string;
  issuers?: string[];
  docNo?: { text: string; prefix: string | null; year: number | null; serial: number };
  status?: 'published' | 'draft';
}

/** A document inserted beside the demo's, with the search vectors the app builds. */
async function addDocument(t: TestApp, d: NewDoc): Promise<number> {
  const org = await t.db.selectFrom('organizations').select('id').orderBy('id').executeTakeFirstOrThrow();
  const issuers = d.issuers ?? ['江宁市人民政府'];
  const v = searchVectors(searchVectorParts({ title: d.title, doc_no: d.docNo?.text ?? null, issuers, body_text: d.body }));
  const published = (d.status ?? 'published') === 'published';
  const row = await t.db
    .insertInto('documents')
    .values({
      org_id: org.id, catalog_node_id: null, source_id: null, index_no: null, title: d.title, doc_no: d.docNo?.text ?? null,
      doc_no_prefix: d.docNo?.prefix ?? null, doc_no_year: d.docNo?.year ?? null, doc_no_serial: d.docNo?.serial ?? null,
      issuers, doc_type: '地方性法规', topic_id: null, audiences: [], attribute: 'public', written_on: '2026-01-10',
      published_on: published ? '2026-01-15' : null, effective_on: '2026-02-01', expires_on: null, year: 2026,
      body_html: `<p>${d.body}</p>`, body_text: d.body, status: published ? 'published' : 'draft', validity: 'effective',
      validity_since: null, validity_next_change_on: null, source_validity_label: null, issuer_level: null,
      search_vector: v.search_vector, rank_vector: v.rank_vector, created_by: null, updated_by: null,
      created_at: t.clock.now(), updated_at: t.clock.now(), published_at: published ? t.clock.now() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

for (const kind of testDatabaseKinds()) {
  describe(`the library as citizens search it, on ${kind}`, () => {
    let t: TestApp;
    const id = {} as Record<"jiaxing" | "hangzhou" | "jiaxingCity" | "loan" | "office" | "draft" | "procedure", number>;
    before(async () => {
      t = await buildTestApp(kind);
      id.jiaxing = await addDocument(t, { title: '嘉兴市养犬管理条例', body: '第一条 为了规范养犬行为，制定本条例。第五条 养犬人应当办理养犬登记。', issuers: ['嘉兴市人民代表大会常务委员会'] });
      id.hangzhou = await addDocument(t, { title: '杭州市养犬管理条例', body: '第一条 为了加强养犬管理，参照嘉兴等地经验，制定本条例。', issuers: ['杭州市人民代表大会常务委员会'] });
      id.jiaxingCity = await addDocument(t, { title: '嘉兴市市容和环境卫生管理条例', body: '第一条 为了加强市容和环境卫生管理，制定本条例。' });
      id.loan = await addDocument(t, { title: '江宁市个人住房贷款利率调整办法', body: '个人住房贷款利率按照贷款市场报价利率确定。' });
      id.office = await addDocument(t, {
        title: '外国企业常驻代表机构登记管理条例', body: '第一条 为了规范外国企业常驻代表机构的设立，制定本条例。',
        issuers: ['国务院'], docNo: { text: '国务院令第584号', prefix: '国务院令', year: null, serial: 584 },
      });
      id.draft = await addDocument(t, { title: '中华人民共和国草原防火法（草案）', body: '蹴鞠锦标的办法另行规定。', status: 'draft' });
      id.procedure = await addDocument(t, { title: '中华人民共和国民事诉讼法', body: '第一条 中华人民共和国民事诉讼法以宪法为根据。', issuers: ['全国人民代表大会'] });
    });
    after(() => t.close());

    test('documents holding every word come first, then those holding most of them; a word no document holds is named, not required', async () => {
      const r = await searchDocuments(t.db, params('嘉兴 养犬 登记 火星文'));
      assert.deepEqual(r.reading.unmatched, ['火星文'], 'named as typed, though cut as 火星 + 文');
      const ids = r.items.map((i) => i.id);
      assert.equal(ids[0], id.jiaxing, 'the one document holding 嘉兴, 养犬 and 登记 leads');
      assert.ok(ids.includes(id.hangzhou), 'a document holding most of the words (养犬 in its title, 嘉兴 in its body) follows');
      assert.ok(ids.indexOf(id.hangzhou) > ids.indexOf(id.jiaxing));
      assert.equal(r.reading.partial, true);
      assert.ok(!ids.includes(id.loan), 'a document holding none of them is not a result');

      const page = await t.app.inject({ url: `/library?q=${encodeURIComponent('嘉兴 养犬 登记 火星文')}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /未找到：火星文/);
      assert.match(page.body, /其后的结果只包含其中大部分词语/);
    });

    test('a query whose words are all somewhere never returns an empty page', async () => {
      const r = await searchDocuments(t.db, params('养犬 住房贷款 常驻代表机构'));
      assert.ok(r.total > 0);
      assert.deepEqual(r.reading.unmatched, []);
    });

    test('an everyday word finds the official one through the synonym dictionary, and the page says so', async () => {
      const before = await searchDocuments(t.db, params('养狗 管理条例'));
      assert.ok(!before.items.slice(0, 2).some((i) => i.id === id.jiaxing || i.id === id.hangzhou) || before.reading.partial, 'without the dictionary 养狗 is not 养犬');
      const admin = new TestSession(t.app);
      await admin.login('admin');
      await admin.get('/admin/ask/synonyms');
      const saved = await admin.post('/admin/ask/synonyms', { terms: '养狗 = 养犬', note: '口语' });
      assert.equal(saved.statusCode, 303);
      const r = await searchDocuments(t.db, params('养狗 管理条例'));
      assert.deepEqual(new Set(r.items.slice(0, 2).map((i) => i.id)), new Set([id.jiaxing, id.hangzhou]));
      assert.deepEqual(r.reading.words.find((w) => w.text === '养狗')?.as, ['养犬']);
      const page = await t.app.inject({ url: `/library?q=${encodeURIComponent('养狗 管理条例')}` });
      assert.match(page.body, /“养狗”按“养犬”查找/);
      // Question words and filler neither need a match nor empty the page.
      const asked = await searchDocuments(t.db, params('养狗 要怎么 规定 哪里'));
      assert.ok(asked.items.slice(0, 2).some((i) => i.id === id.jiaxing));
      assert.deepEqual(asked.reading.unmatched, []);
    });

    test('a place in the query prefers the documents issued by or for it', async () => {
      const r = await searchDocuments(t.db, params('杭州 养犬'));
      assert.equal(r.items[0]?.id, id.hangzhou);
      const j = await searchDocuments(t.db, params('嘉兴 养犬'));
      assert.equal(j.items[0]?.id, id.jiaxing, 'both mention 嘉兴; the one issued for 嘉兴 leads');
      assert.equal(j.reading.words.find((w) => w.text === '嘉兴')?.place, '嘉兴');
    });

    test('a likely typo is corrected by sound, offered as 您是不是要找, and searched as meant', async () => {
      const r = await searchDocuments(t.db, params('代款 利率'));
      assert.deepEqual(r.reading.corrections, [{ typed: '代款', meant: '贷款' }]);
      assert.equal(r.reading.suggestion, '贷款 利率');
      assert.equal(r.items[0]?.id, id.loan);
      const page = await t.app.inject({ url: `/library?q=${encodeURIComponent('代款 利率')}` });
      assert.match(page.body, /您是不是要找：<a href="\/library\?q=%E8%B4%B7%E6%AC%BE\+%E5%88%A9%E7%8E%87">贷款 利率<\/a>/);
      const api = (await t.app.inject({ url: `/api/v1/documents?q=${encodeURIComponent('代款 利率')}` })).json();
      assert.equal(api.reading.suggestion, '贷款 利率');
    });

    test('a short form the library does not hold is read as the long name its titles use, and the page says so', async () => {
      const r = await searchDocuments(t.db, params('民诉法'));
      assert.equal(r.items[0]?.id, id.procedure);
      assert.deepEqual(r.reading.words.find((w) => w.text === '民诉法')?.as, ['民事诉讼法']);
      const page = await t.app.inject({ url: `/library?q=${encodeURIComponent('民诉法')}` });
      assert.match(page.body, /“民诉法”按“民事诉讼法”查找/);
    });

    test('a document number typed among other words finds its document first', async () => {
      const r = await searchDocuments(t.db, params('外国企业代表处 登记 国务院令第584号'));
      assert.equal(r.items[0]?.id, id.office);
      assert.deepEqual(r.reading.docNumbers, ['国务院令第584号']);
      const spoken = await searchDocuments(t.db, params('584号令'));
      assert.deepEqual(r.items.slice(0, 1).map((i) => i.id), spoken.items.slice(0, 1).map((i) => i.id));
    });

    test('nothing of a draft reaches the public: not its words, not its title as a correction, not through the API', async () => {
      const r = await searchDocuments(t.db, params('蹴鞠'));
      assert.equal(r.total, 0);
      assert.deepEqual(r.reading.unmatched, ['蹴鞠'], 'a word only a draft holds is reported as not found');
      const typo = await searchDocuments(t.db, params('草原防火发'));
      assert.equal(typo.reading.suggestion, null, 'a correction only a draft title would confirm is not offered');
      assert.ok(!typo.items.some((i) => i.id === id.draft));
      const api = (await t.app.inject({ url: `/api/v1/documents?q=${encodeURIComponent('草原防火法 蹴鞠锦标')}` })).json();
      assert.ok(!api.items.some((i: { id: number }) => i.id === id.draft));
      const page = await t.app.inject({ url: `/library?q=${encodeURIComponent('草原防火法')}` });
      assert.doesNotMatch(page.body, /草原防火法（草案）/);
    });
  });
}
