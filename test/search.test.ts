import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { searchDocuments, type SearchParams } from '../src/modules/documents/queries/search.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

const params = (over: Partial<SearchParams>): SearchParams => ({ q: '', docTypes: [], issuers: [], years: [], topics: [], audiences: [], validities: [], orgs: [], sort: 'relevance', page: 1, pageSize: 20, ...over });
const EXACT = { exact: 1e9, exactPhraseCandidates: 1e9, recount: 0 };
/** Counted on the sample only: no exact recount of rough facet values either. */
const SAMPLED = { exact: 0, exactPhraseCandidates: 0, recount: 0 };

for (const kind of testDatabaseKinds()) {
  describe(`search of a large match set on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
      // 640 more published documents: copies of a demo document, one per day back from 2026-11-01.
      const src = await t.db.selectFrom('documents').select('id').where('title', 'like', '%最低工资标准%').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
      await sql`
        insert into documents (org_id, catalog_node_id, index_no, title, doc_no, issuers, doc_type, topic_id, audiences, attribute, written_on, published_on,
                               effective_on, year, body_html, body_text, status, validity, search_vector, rank_vector, published_at)
        select org_id, catalog_node_id, index_no || '-' || g, title || '（第' || g || '号）', null, issuers, doc_type, topic_id, audiences, attribute,
               date '2026-11-01' - g, date '2026-11-01' - g, date '2026-11-01' - g, extract(year from date '2026-11-01' - g)::int, body_html, body_text,
               status, validity, search_vector, rank_vector, now()
        from documents, generate_series(1, 640) g where id = ${src.id}`.execute(t.db);
    });
    after(() => t.close());

    const cases: [string, Partial<SearchParams>][] = [
      ['a common word, by relevance', { q: '最低工资' }],
      ['a common word, by date', { q: '最低工资', sort: 'date' }],
      ['a quoted phrase', { q: '"最低工资标准"' }],
      ['browsing with a filter', { years: [2025, 2026] }],
      ['a common word, page 3', { q: '最低工资', page: 3 }],
    ];
    for (const [label, over] of cases) {
      test(`${label}: the sampled path returns the exact page, and estimates counts from the sixteenth it marks`, async () => {
        const exact = await searchDocuments(t.db, params(over), EXACT);
        const sampled = await searchDocuments(t.db, params(over), SAMPLED);
        assert.equal(exact.approximate, false);
        assert.equal(sampled.approximate, true);
        assert.ok(exact.total > 300, `${exact.total} matches`);
        assert.deepEqual(sampled.items.map((d) => d.id), exact.items.map((d) => d.id), 'the same page');
        const inSample = Number((await sql<{ n: number }>`select count(*) as n from documents where id % 16 = 0 and id = any(${exact.total ? (await allIds(over)) : []})`.execute(t.db)).rows[0]!.n);
        assert.equal(sampled.total, inSample * 16, 'the total is the sample count × 16');
        assert.ok(Math.abs(sampled.total - exact.total) / exact.total < 0.3, `estimate ${sampled.total} near ${exact.total}`);
        const sum = sampled.facets.validity.reduce((s, f) => s + f.count, 0);
        assert.equal(sum, sampled.total, 'facets are scaled the same way');
        assert.ok(Object.values(sampled.facets).flat().every((f) => f.estimated), 'and each says it is an estimate');
      });
    }

    test('facet counts the sample would get wrong by more than a few percent are counted exactly', async () => {
      for (const over of [{ q: '最低工资' }, { years: [2025, 2026] }, { q: '"最低工资标准"' }] as Partial<SearchParams>[]) {
        const exact = await searchDocuments(t.db, params(over), EXACT);
        const recounted = await searchDocuments(t.db, params(over), { exact: 0, exactPhraseCandidates: 0, recount: 8000 });
        assert.equal(recounted.approximate, true, 'the total is still the estimate');
        for (const [name, values] of Object.entries(recounted.facets)) {
          for (const v of values) {
            assert.equal(v.estimated, false, `${name} ${v.value}: a few hundred matches per value, each counted exactly`);
            const truth = exact.facets[name as keyof typeof exact.facets].find((x) => x.value === v.value);
            assert.equal(v.count, truth?.count, `${name} ${v.value}: the exact count`);
          }
        }
      }
      // Above the recount's limit every value stays an estimate, and says so.
      const above = await searchDocuments(t.db, params({ q: '最低工资' }), { exact: 0, exactPhraseCandidates: 0, recount: 10 });
      assert.ok(Object.values(above.facets).flat().every((f) => f.estimated));
    });

    /** Every matching id, through the exact path with one big page. */
    async function allIds(over: Partial<SearchParams>): Promise<number[]> {
      const ids: number[] = [];
      for (let page = 1; ; page++) {
        const r = await searchDocuments(t.db, params({ ...over, page, pageSize: 50 }), EXACT);
        ids.push(...r.items.map((d) => d.id));
        if (r.items.length < 50) return ids;
      }
    }

    test('a small match set is counted exactly, whatever the limits', async () => {
      const r = await searchDocuments(t.db, params({ q: '宁发改规〔2025〕21号' }));
      assert.equal(r.approximate, false);
      assert.equal(r.total, 1);
    });
  });
}
