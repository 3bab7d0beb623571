import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { qaSearchVector } from '../src/modules/qa/commands/search-vector.js';
import { answerQuestion } from '../src/modules/ask/queries/answer.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

type Api = { answer: { text: string; citation: string; url: string } | null; answers: { kind: string; text: string; citation: string; url: string; sourceId: string; closeness: string }[]; confident: boolean };

/**
 * Smart answers as the public reads them (issue 14): one or two sentences from the best source with
 * its citation, the site's own curated entry first, an amended clause only in its amended words,
 * never an unreviewed entry, never a personal number. On the demo site group's content.
 */
for (const kind of testDatabaseKinds()) {
  describe(`an answer, not a pile, on ${kind}`, () => {
    let t: TestApp;
    let rsj: number;
    const ask = async (q: string) => (await t.app.inject(`/api/v1/ask?q=${encodeURIComponent(q)}`)).json() as Api;
    const entry = (o: { sourceId: string; question: string; answer: string; origin: 'manual' | 'import'; status: 'published' | 'submitted' | 'draft'; phrasings?: string[] }) => {
      const now = t.clock.now();
      return {
        org_id: rsj, source_id: o.sourceId, question: o.question, phrasings: o.phrasings ?? [], answer_html: `<p>${o.answer}</p>`, answer_text: o.answer, department: '市人社局', contact: '',
        topic_id: null, audiences: [], review_on: null, origin: o.origin, status: o.status, published_on: o.status === 'published' ? t.clock.today() : null, published_at: o.status === 'published' ? now : null,
        search_vector: qaSearchVector(o.question, o.phrasings ?? [], o.answer), created_by: null, updated_by: null, created_at: now, updated_at: now,
        edition_of: null, submitted_by: null, submitted_at: o.status === 'submitted' ? now : null, urgent_reason: null, publish_at: null, withdrawn_at: null, withdrawal_kind: null, withdrawal_reason: null,
      };
    };
    before(async () => {
      t = await buildTestApp(kind);
      rsj = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'rsj').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    test('最低工资是多少: the site’s curated answer leads, with 2,490 元; the amended 2,280 元 is never quoted', async () => {
      const r = await ask('最低工资是多少');
      assert.equal(r.confident, true);
      assert.ok(r.answer);
      assert.match(r.answer.text, /2490元/);
      assert.match(r.answer.citation, /政策问答/);
      const lead = r.answers[0]!;
      assert.equal(lead.kind, 'qa');
      assert.match(lead.url, /^\/qa\/\d+$/);
      // The decision itself may be cited (it says 2280 → 2490); the 方案 never in its old words.
      for (const a of r.answers) if (a.citation.startsWith('《江宁市最低工资标准调整方案》')) assert.doesNotMatch(a.text, /2280/, `${a.citation} quotes the words the amendment replaced`);
      assert.doesNotMatch(r.answer.text, /2280/);
      assert.ok(r.answers.length <= 3, 'up to three sources');
    });

    test('an amended clause is cited in its amended text, 经《…》修改; without the decision on file it is not quoted at all', async () => {
      const q = '月最低工资标准调整为每月多少元';
      const r = await answerQuestion(t.db, q, t.clock.today());
      const sources = r.answer?.sources ?? r.related;
      const clause = sources.find((s) => s.kind === 'clause' && s.title.startsWith('《江宁市最低工资标准调整方案》'));
      assert.ok(clause, 'the amended 方案 is cited');
      assert.match(clause.excerpt, /每月2490元/);
      assert.doesNotMatch(clause.excerpt, /2280/);
      assert.match(clause.citation, /经《江宁市人力资源和社会保障局关于修改《江宁市最低工资标准调整方案》的决定》（宁人社发〔2025〕11号）修改/);
      // The decision's record removed: the 方案 is still marked amended, but how is unknown.
      const wage = await t.db.selectFrom('documents').select('id').where('doc_no', '=', '宁人社发〔2023〕8号').where('edition_of', 'is', null).executeTakeFirstOrThrow();
      await t.db.transaction().execute(async (trx) => {
        const saved = await trx.selectFrom('document_relations').selectAll().where('document_id', '=', wage.id).where('kind', '=', 'amend').execute();
        await trx.deleteFrom('document_relations').where('document_id', '=', wage.id).where('kind', '=', 'amend').execute();
        const without = await answerQuestion(trx, q, t.clock.today());
        const all = [...(without.answer?.sources ?? []), ...without.related];
        assert.ok(!all.some((s) => s.kind === 'clause' && s.title.startsWith('《江宁市最低工资标准调整方案》')), 'an amended clause whose amendment is not on file is not quoted');
        await trx.insertInto('document_relations').values(saved.map(({ id: _id, ...r }) => r)).execute();
      });
    });

    test('a curated local entry beats a general clause and an imported entry for the same question', async () => {
      await t.db.insertInto('qa_entries').values([
        entry({ sourceId: 'ans-imported', question: '残疾人两项补贴怎么申请', answer: '各地规定不同，请咨询当地民政部门。', origin: 'import', status: 'published' }),
        entry({ sourceId: 'ans-curated', question: '残疾人两项补贴如何申请', answer: '本市困难残疾人生活补贴和重度残疾人护理补贴，由本人或家属持残疾人证向户籍地乡镇（街道）申请，也可在“江宁民政”网上申请。补贴按月发放到本人社保卡。', origin: 'manual', status: 'published' }),
      ]).execute();
      const r = await ask('残疾人两项补贴怎么申请');
      assert.ok(r.answer, 'answered');
      assert.equal(r.answers[0]!.sourceId, 'ans-curated');
      assert.match(r.answer.text, /持残疾人证/);
      assert.ok(r.answer.text.length <= 160);
    });

    test('an unreviewed entry is never cited, nor a draft edition’s words', async () => {
      await t.db.insertInto('qa_entries').values([
        entry({ sourceId: 'ans-submitted', question: '退休人员异地就医医保怎么报销', answer: '未经审核的答复：请拨打13912345678。', origin: 'manual', status: 'submitted' }),
        entry({ sourceId: 'ans-draft', question: '退休人员异地就医医保怎么报销', answer: '草稿：退休人员异地就医直接结算。', origin: 'manual', status: 'draft' }),
      ]).execute();
      for (const q of ['退休了异地看病医保怎么报销', '退休人员异地就医医保怎么报销']) {
        const r = await ask(q);
        const all = JSON.stringify(r);
        assert.doesNotMatch(all, /ans-submitted|ans-draft|未经审核|草稿/);
        assert.doesNotMatch(all, /139\d{8}/);
      }
    });

    test('no personal number is shown, even in a published imported entry', async () => {
      await t.db.insertInto('qa_entries').values(
        entry({ sourceId: 'ans-mobile', question: '失业保险金到哪里申领', answer: '失业保险金可到户籍地人社部门申领，经办人张某，电话13812345678。', origin: 'import', status: 'published' }),
      ).execute();
      const r = await ask('失业保险金到哪里申领');
      const found = r.answers.find((a) => a.sourceId === 'ans-mobile');
      assert.ok(found, 'the entry answers');
      assert.doesNotMatch(JSON.stringify(r), /13812345678/);
      assert.match(found.text, /138\*{4}5678/);
    });

    test('off-topic questions are never confident, and the page offers 转人工 before anything else', async () => {
      for (const q of ['明天南京天气怎么样', '哪里买便宜的手机', 'asdfgh qwerty']) {
        const r = await ask(q);
        assert.equal(r.confident, false, q);
        assert.equal(r.answer, null);
      }
      const page = await t.app.inject(`/ask?q=${encodeURIComponent('明天南京天气怎么样')}`);
      assert.equal(page.statusCode, 200);
      const referralAt = page.body.indexOf('id="referral"');
      assert.ok(referralAt > 0, 'the referral form is offered');
      const related = page.body.indexOf('可能相关的内容');
      assert.ok(related === -1 || related > referralAt, 'possibly related items come after 转人工');
      assert.doesNotMatch(page.body, /匹配度/);
    });

    test('the confident page answers at the top in a sentence or two, with its source', async () => {
      const page = await t.app.inject(`/ask?q=${encodeURIComponent('买房可以提取公积金吗')}`);
      assert.equal(page.statusCode, 200);
      const lead = /<p class="answer-lead">([^<]+)<\/p>/.exec(page.body);
      assert.ok(lead, 'the answer sentence');
      assert.ok(lead[1]!.length <= 160);
      assert.match(page.body, /出处：<a href="\/qa\/\d+">政策问答/);
      assert.ok(page.body.indexOf('answer-lead') < page.body.indexOf('依据和参考'));
      assert.equal((await sql<{ n: number }>`select count(*)::int as n from ask_questions`.execute(t.db)).rows[0]!.n > 0, true);
    });
  });
}
