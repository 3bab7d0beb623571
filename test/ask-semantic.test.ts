import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { qaSearchVector } from '../src/modules/qa/commands/search-vector.js';
import { buildMissingClauses } from '../src/modules/ask/commands/build-clauses.js';
import { ASK_MODEL, libraryGrew, QA_VECTOR_SET, refreshAskVectors, trainAskModel } from '../src/modules/ask/commands/semantic-vectors.js';
import { runSemanticRefresh } from '../src/modules/ask/jobs.js';
import { retrieveAnswers } from '../src/modules/ask/queries/retrieve.js';
import { importPolicyDocs } from '../src/modules/documents/commands/import-policy-docs.js';
import { announceChange } from '../src/platform/content/registry.js';
import { activeModel, bytea, lookupWords, packVector, setVersion, unpackVector } from '../src/platform/semantic/index.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

/**
 * Documents that teach the model what the entries never say: 饭馆 is a 餐饮 place, and 办证 is
 * applying for a 许可. The question 开个饭馆要办什么证 shares no word with the entry about 食品经营许可.
 */
const LINKING = [
  '开饭馆属于餐饮服务，饭馆和小吃店都是餐饮经营场所，开饭馆应当依法取得食品经营许可。',
  '饭馆办证就是申请食品经营许可，饭馆经营者向市场监管部门申请许可，领取许可证。',
  '个体饭馆、餐饮店开业前办证，办的证是食品经营许可证，许可由市场监管部门核发。',
  '小饭馆属于小型餐饮，饭馆的餐饮服务许可已并入食品经营许可，饭馆凭许可证经营。',
  '开饭馆要办证：饭馆属于餐饮，证即许可，申请许可应当提交申请材料。',
];

test('retraining follows the library’s growth, not the size of the sample training read', () => {
  // Trained on a sample of 5,000 documents out of 100,000: not grown, so no retraining every ten minutes.
  const stats = { entries: 3533, documents: 5000, library: { entries: 3533, documents: 100_000 } };
  assert.equal(libraryGrew({ entries: 3533, documents: 100_000 }, stats), false);
  assert.equal(libraryGrew({ entries: 3533, documents: 124_000 }, stats), false);
  assert.equal(libraryGrew({ entries: 3533, documents: 126_000 }, stats), true, 'a quarter more documents');
  assert.equal(libraryGrew({ entries: 4500, documents: 100_000 }, stats), true, 'a quarter more entries');
  // A model trained before the library's size was kept compares with its sample, once.
  assert.equal(libraryGrew({ entries: 3533, documents: 100_000 }, { entries: 3533, documents: 5000 }), true);
});

for (const kind of testDatabaseKinds()) {
  describe(`semantic answers on ${kind}`, () => {
    let t: TestApp;
    let hidden: number;
    before(async () => {
      t = await buildTestApp(kind);
      const city = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
      const now = t.clock.now();
      const entry = (sourceId: string, question: string, answer: string, status: 'published' | 'submitted') => ({
        org_id: city, source_id: sourceId, question, phrasings: [], answer_html: `<p>${answer}</p>`, answer_text: answer, department: '市市场监管局', contact: '',
        topic_id: null, audiences: [], review_on: null, origin: 'manual' as const, status, published_on: status === 'published' ? t.clock.today() : null, published_at: status === 'published' ? now : null,
        search_vector: qaSearchVector(question, [], answer), created_by: null, updated_by: null, created_at: now, updated_at: now,
        edition_of: null, submitted_by: null, submitted_at: null, urgent_reason: null, publish_at: null, withdrawn_at: null, withdrawal_kind: null, withdrawal_reason: null,
      });
      await t.db.insertInto('qa_entries').values([
        entry('sem-licence', '小型餐饮店怎样申请食品经营许可', '向所在区市场监督管理部门提交申请书和营业执照复印件，审查合格的予以许可。', 'published'),
        entry('sem-noise', '夜间施工噪声扰民向哪个部门投诉', '可拨打12345市民服务热线，由城管执法部门处理。', 'published'),
        entry('sem-fund', '住房公积金提取需要什么材料', '携带身份证和购房合同到公积金中心办理。', 'published'),
        entry('sem-plate', '临时号牌可以办理几次', '同一辆机动车的临时行驶车号牌一般不超过三次。', 'published'),
      ]).execute();
      hidden = (await t.db.insertInto('qa_entries').values(entry('sem-hidden', '开个饭馆要办什么证', '未经审核的回答。', 'submitted')).returning('id').executeTakeFirstOrThrow()).id;
      const file = path.join(t.dataDir, 'linking.jsonl');
      writeFileSync(file, LINKING.map((body, i) => JSON.stringify({ id: `sem-doc-${i}`, title: `餐饮服务办证指引（${i + 1}）`, organ: '市市场监管局', docNumber: null, category: '其他文件', writtenAt: '2026-01-05', publishedAt: '2026-01-05', effectiveAt: null, validity: '现行有效', body: `${body}\n${body}` })).join('\n'));
      await importPolicyDocs(t.db, t.clock, file);
      await buildMissingClauses(t.db);
      await runSemanticRefresh(t.db, t.clock.now());
    });
    after(() => t.close());

    test('the model and the vectors are stored and read back', async () => {
      const model = await activeModel(t.db, ASK_MODEL);
      assert.ok(model && model.settings.dim > 1);
      const lookup = await lookupWords(t.db, model.id, ['饭馆', '许可', '不存在的词']);
      assert.equal(lookup('饭馆')!.vector.length, model.settings.dim);
      assert.ok(Math.abs(lookup('饭馆')!.vector.reduce((s, x) => s + x * x, 0) - 1) < 0.02, 'word vectors are stored at length 1');
      assert.equal(lookup('不存在的词'), undefined);
      const vectors = await t.db.selectFrom('qa_entry_vectors').select(['qa_id', 'vec']).execute();
      assert.ok(vectors.length >= 3);
      assert.ok(!vectors.some((v) => v.qa_id === hidden), 'an unpublished entry gets no vector');
      const v = unpackVector(vectors[0]!.vec);
      assert.deepEqual(Array.from(unpackVector(packVector(v))), Array.from(v));
      const clauses = await t.db.selectFrom('document_clauses').select(['semantic', 'semantic_model']).where('in_force', '=', true).execute();
      assert.ok(clauses.length > 0 && clauses.every((c) => c.semantic !== null && Number(c.semantic_model) === model.id), 'every clause in force has a vector of the active model');
    });

    test('a paraphrase sharing no word with the entry finds it through the trained vectors', async () => {
      const q = '开个饭馆要办什么证';
      const lexical = await retrieveAnswers(t.db, q, { semantic: false, synonyms: false });
      assert.ok(!lexical.qa.some((a) => a.sourceId === 'sem-licence'), 'no word in common: the lexical ranking cannot find it');
      // Found at all, and above the unrelated entry; how high it ranks among real entries is
      // bench:ask's measure (a model trained on five paragraphs ranks by little more than chance).
      const r = await retrieveAnswers(t.db, q, { synonyms: false, qaLimit: 10 });
      assert.ok(r.qa.some((a) => a.sourceId === 'sem-licence'), JSON.stringify(r.qa.map((a) => a.sourceId)));
      assert.ok(r.qa.findIndex((a) => a.sourceId === 'sem-licence') < r.qa.findIndex((a) => a.sourceId === 'sem-noise') || !r.qa.some((a) => a.sourceId === 'sem-noise'));
    });

    test('an abbreviation finds its entry by the characters it keeps (临牌 → 临时号牌), ranked first by the learned blend', async () => {
      const q = '临牌最多能办几回';
      const lexical = await retrieveAnswers(t.db, q, { semantic: false, synonyms: false });
      assert.ok(!lexical.qa.some((a) => a.sourceId === 'sem-plate'), 'no word in common: the lexical ranking cannot find it');
      const r = await retrieveAnswers(t.db, q, { synonyms: false, qaLimit: 3 });
      assert.equal(r.qa[0]?.sourceId, 'sem-plate', JSON.stringify(r.qa.map((a) => a.sourceId)));
    });

    test('an entry published after the caches were built is found by its characters on the next question', async () => {
      await retrieveAnswers(t.db, '临牌最多能办几回'); // the caches are built
      const city = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
      const now = t.clock.now();
      const q = '残疾人证到期后怎样换领';
      const id = (await t.db.insertInto('qa_entries').values({
        org_id: city, source_id: 'sem-disability', question: q, phrasings: [], answer_html: '<p>到期前三个月向户籍所在地残联申请换领。</p>', answer_text: '到期前三个月向户籍所在地残联申请换领。', department: '市残联', contact: '',
        topic_id: null, audiences: [], review_on: null, origin: 'manual', status: 'published', published_on: t.clock.today(), published_at: now,
        search_vector: qaSearchVector(q, [], '到期前三个月向户籍所在地残联申请换领。'), created_by: null, updated_by: null, created_at: now, updated_at: now,
        edition_of: null, submitted_by: null, submitted_at: null, urgent_reason: null, publish_at: null, withdrawn_at: null, withdrawal_kind: null, withdrawal_reason: null,
      }).returning('id').executeTakeFirstOrThrow()).id;
      await t.db.transaction().execute((trx) => announceChange(trx, { db: t.db, clock: t.clock, actor: { id: null, label: '测试' } }, { type: 'qa', id, event: 'first' }));
      const r = await retrieveAnswers(t.db, '残疾证过期咋换', { synonyms: false, qaLimit: 3 });
      assert.equal(r.qa[0]?.sourceId, 'sem-disability', JSON.stringify(r.qa.map((a) => a.sourceId)));
    });

    test('an unpublished entry is never returned by the semantic path, even with a vector planted for it', async () => {
      const model = (await activeModel(t.db, ASK_MODEL))!;
      const own = (await t.db.selectFrom('qa_entry_vectors').select('vec').where('qa_id', '=', (await t.db.selectFrom('qa_entries').select('id').where('source_id', '=', 'sem-licence').executeTakeFirstOrThrow()).id).executeTakeFirstOrThrow()).vec;
      // As if a stale instance or a race had left it a vector: the nearest of all to the question.
      await t.db.insertInto('qa_entry_vectors').values({ qa_id: hidden, model_id: model.id, vec: bytea(own) }).execute();
      await t.db.updateTable('semantic_sets').set({ version: (await setVersion(t.db, QA_VECTOR_SET)) + 1 }).where('name', '=', QA_VECTOR_SET).execute();
      // Its own words and characters, as typed: neither the vectors nor the character grams bring it.
      for (const q of ['开个饭馆要办什么证', '开饭馆办证']) {
        const r = await retrieveAnswers(t.db, q, { qaLimit: 10 });
        assert.ok(!r.qa.some((a) => a.sourceId === 'sem-hidden'));
      }
      await t.db.deleteFrom('qa_entry_vectors').where('qa_id', '=', hidden).execute();
    });

    test('a withdrawn entry loses its vector in the withdrawal and is not found any more', async () => {
      const fund = (await t.db.selectFrom('qa_entries').select('id').where('source_id', '=', 'sem-fund').executeTakeFirstOrThrow()).id;
      const before = await setVersion(t.db, QA_VECTOR_SET);
      await t.db.transaction().execute(async (trx) => {
        await trx.updateTable('qa_entries').set({ status: 'withdrawn', withdrawn_at: t.clock.now() }).where('id', '=', fund).execute();
        await announceChange(trx, { db: t.db, clock: t.clock, actor: { id: null, label: '测试' } }, { type: 'qa', id: fund, event: 'withdrawn' });
      });
      assert.equal((await t.db.selectFrom('qa_entry_vectors').select('qa_id').where('qa_id', '=', fund).execute()).length, 0);
      assert.ok((await setVersion(t.db, QA_VECTOR_SET)) > before);
      const r = await retrieveAnswers(t.db, '公积金怎么取出来', { qaLimit: 10 });
      assert.ok(!r.qa.some((a) => a.sourceId === 'sem-fund'));
    });

    test('a new model puts every clause back in the queue (an indexed one) and the job gives each a vector of it', async () => {
      const before = (await activeModel(t.db, ASK_MODEL))!.id;
      const { modelId } = await trainAskModel(t.db, t.clock.now());
      assert.notEqual(modelId, before);
      const inForce = t.db.selectFrom('document_clauses').select(['semantic_model']).where('in_force', '=', true);
      assert.ok((await inForce.execute()).every((c) => c.semantic_model === null), 'queued with the switch, in its transaction');
      await refreshAskVectors(t.db, t.clock.now());
      assert.ok((await inForce.execute()).every((c) => Number(c.semantic_model) === modelId));
      assert.equal((await refreshAskVectors(t.db, t.clock.now())).clauses, 0, 'nothing is waiting any more');
    });
  });
}
