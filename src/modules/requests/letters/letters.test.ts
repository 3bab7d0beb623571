import { test } from 'node:test';
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { OUTCOMES } from '../domain/outcomes.js';
import { LETTER_TITLES, chineseDate, composeLetter, findPlaceholders, type LetterContext, type LetterDetails } from './compose.js';
import { closingLines } from './layout.js';
import { LetterView, letterParagraphs } from './letter-view.js';
import { renderLetterDocx } from './render-docx.js';
import { hasReplyTemplate } from './reply-templates.js';

const ctx: LetterContext = {
  org: { name: '示例市自然资源和规划局', address: '示例市人民路1号', phone: '0000-1234567', postcode: '100000' },
  remedies: { reviewBody: '示例市人民政府', court: '示例市中级人民法院' },
  request: {
    trackingNo: 'YSQ-2026-00012', receivedOn: '2026-11-02', submittedOn: '2026-11-01', subject: '示例片区控制性详细规划调整批复',
    docNumber: '示规复〔2025〕3号', description: '请提供批复全文', provideForm: 'electronic', deliveryMethod: 'email',
  },
  applicantName: '张某',
  date: '2026-11-22',
};

const full = (outcome: string): LetterDetails => ({
  kind: 'reply', outcome, disclosedContent: '批复全文（共3页）', withheldReason: '该部分载有第三方的个人信息。', referTo: '示例市住房和城乡建设局（联系电话：0000-7654321）',
  note: outcome === 'other_other' ? '您的申请已由示例市人民政府统一答复。' : undefined,
});
const reply = (outcome: string, extra: Partial<Extract<LetterDetails, { kind: 'reply' }>> = {}) =>
  composeLetter(ctx, { kind: 'reply', outcome, ...extra });

const STANDARD_REMEDIES = '如对本答复不服，可以在收到本答复书之日起六十日内向示例市人民政府申请行政复议，或者在六个月内向示例市中级人民法院提起行政诉讼。';
const REVIEW_FIRST = ['withhold', 'partial'];

test('every outcome has a reply template', () => {
  for (const o of OUTCOMES) assert.ok(hasReplyTemplate(o.code), o.code);
  assert.throws(() => reply('no_such_outcome'), RangeError);
});

test('every outcome: basis, remedies, tracking number, subject, title, salutation and closing', () => {
  for (const o of OUTCOMES) {
    const l = composeLetter(ctx, full(o.code));
    assert.equal(l.title, '政府信息公开申请答复书');
    assert.equal(l.salutation, '张某：');
    assert.equal(l.closing, '示例市自然资源和规划局\n2026年11月22日');
    for (const part of o.basis.split('；')) assert.ok(l.body.includes(part), `${o.code}: basis ${part}`);
    assert.ok(l.body.includes('YSQ-2026-00012'), o.code);
    assert.ok(l.body.includes('《示例片区控制性详细规划调整批复》（示规复〔2025〕3号）'), o.code);
    assert.ok(l.body.includes('本机关于2026年11月2日收到您提交的政府信息公开申请'), o.code);
    if (REVIEW_FIRST.includes(o.group)) {
      // 行政复议法第二十三条第一款第（四）项: review before litigation where information is withheld.
      assert.ok(l.body.includes('六十日内向示例市人民政府申请行政复议；对行政复议决定不服的'), o.code);
      assert.ok(l.body.includes('第二十三条第一款第（四）项'), o.code);
      assert.ok(l.body.includes('向示例市中级人民法院提起行政诉讼'), o.code);
    } else {
      assert.ok(l.body.includes(STANDARD_REMEDIES), o.code);
    }
    assert.ok(l.body.includes('联系电话：0000-1234567'), o.code);
    assert.deepEqual(findPlaceholders(l.body), [], o.code);
  }
});

test('every outcome reads differently, and the paragraphs are blank-line separated', () => {
  const bodies = OUTCOMES.map((o) => composeLetter(ctx, full(o.code)).body);
  assert.equal(new Set(bodies).size, OUTCOMES.length);
  for (const b of bodies) assert.ok(!/\n{3,}/.test(b) && b.split('\n\n').every((p) => p.trim() !== ''));
});

test('部分公开 provides the disclosable part and reasons for the rest; 不予公开 provides nothing', () => {
  const d = { disclosedContent: '批复全文（已遮盖第三方个人信息），共3页', withheldReason: '被遮盖部分为第三方的个人身份信息。' };
  const partial = reply('partial', d).body;
  const withheld = reply('withhold_third_party', d).body;
  assert.match(partial, /区分处理/);
  assert.match(partial, /现向您提供可以公开的内容：批复全文（已遮盖第三方个人信息），共3页。/);
  assert.match(partial, /通过电子邮件方式提供给您/);
  assert.match(partial, /对其余内容不予公开，理由如下：被遮盖部分为第三方的个人身份信息。/);
  assert.match(withheld, /本机关决定不予公开/);
  assert.match(withheld, /商业秘密、个人隐私/);
  assert.doesNotMatch(withheld, /批复全文|提供给您|区分处理/);
  assert.doesNotMatch(partial, /本机关决定不予公开/);
});

test('missing facts become placeholders, never invented text', () => {
  assert.deepEqual(findPlaceholders(reply('partial').body), ['【待填写：不予公开的内容及其理由】']);
  assert.deepEqual(findPlaceholders(reply('withhold_law').body), ['【待填写：禁止公开该信息的法律、行政法规名称及条款】']);
  assert.deepEqual(findPlaceholders(reply('other_other').body), ['【待填写：处理情况及理由】']);
  assert.deepEqual(findPlaceholders(reply('withhold_secret').body), []);
  const known = new Set(['中华人民共和国政府信息公开条例', '中华人民共和国行政复议法', '中华人民共和国行政诉讼法', '信访工作条例', '政府信息公开信息处理费管理办法', '示例片区控制性详细规划调整批复']);
  for (const o of OUTCOMES) {
    for (const [, t] of reply(o.code).body.matchAll(/《([^》]+)》/g)) assert.ok(known.has(t!), `${o.code}: 《${t}》`);
  }
});

test('outcome texts: published, not held, complaint, lapses', () => {
  const published = reply('disclose', { publishedAt: [{ title: '《示例批复》', url: 'https://example.gov.cn/a/1' }] }).body;
  assert.match(published, /已由本机关主动公开/);
  assert.match(published, /《示例批复》，网址：https:\/\/example\.gov\.cn\/a\/1/);
  assert.match(reply('disclose').body, /本机关决定予以公开/);

  const notHeld = reply('unable_not_held', { referTo: '示例市住房和城乡建设局' }).body;
  assert.match(notHeld, /经检索查找，本机关未制作、获取/);
  assert.match(notHeld, /负责公开该政府信息的行政机关为示例市住房和城乡建设局，您可以向其提出申请。/);
  assert.doesNotMatch(reply('unable_not_held').body, /负责公开该政府信息的行政机关为/);

  const complaint = reply('reject_complaint').body;
  assert.match(complaint, /不作为政府信息公开申请处理/);
  assert.match(complaint, /信访/);
  assert.match(complaint, /第三十九条第一款/);

  assert.match(reply('other_no_correction').body, /第三十条的规定，视为您放弃申请/);
  const noFee = reply('other_no_fee').body;
  assert.match(noFee, /第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定/);
  assert.match(reply('withhold_internal', { note: '附：相关说明一则。' }).body, /附：相关说明一则。/);
});

test('correction: once, covering everything, with the correct-by date', () => {
  const l = composeLetter(ctx, { kind: 'correction', items: '1. 请说明所需批复的年份；\n2. 请提供身份证明。', correctBy: '2026-12-01' });
  assert.equal(l.title, LETTER_TITLES.correction);
  assert.match(l.body, /一次性告知/);
  assert.match(l.body, /请您于2026年12月1日前/);
  assert.match(l.body, /第二十九条第二款、第三十条/);
  assert.ok(l.body.split('\n\n').includes('2. 请提供身份证明。'));
  assert.match(l.body, /逾期不补正的，视为放弃申请/);
});

test('extension: at most 20 working days, stated', () => {
  const l = composeLetter(ctx, { kind: 'extension', days: 20, newDueOn: '2026-12-28', reason: '所申请信息数量较大，需调取多个年度的档案。' });
  assert.match(l.body, /答复期限延长20个工作日（延长的期限最长不超过二十个工作日）/);
  assert.match(l.body, /因所申请信息数量较大，需调取多个年度的档案，本机关无法/);
  assert.match(l.body, /第三十三条第二款/);
  assert.match(l.body, /本机关将于2026年12月28日前作出答复/);
  assert.throws(() => composeLetter(ctx, { kind: 'extension', days: 21, newDueOn: '2026-12-29', reason: '原因' }), RangeError);
  assert.throws(() => composeLetter(ctx, { kind: 'extension', days: 0, newDueOn: '2026-12-29', reason: '原因' }), RangeError);
});

test('consultation: addressed to the party, 15 working days, the applicant not named', () => {
  const third = composeLetter(ctx, { kind: 'consultation', party: '示例置业有限公司', partyKind: 'third_party', replyBy: '2026-12-14' });
  assert.equal(third.salutation, '示例置业有限公司：');
  assert.match(third.body, /第三十二条/);
  assert.match(third.body, /请于2026年12月14日前（自收到本函之日起十五个工作日内）/);
  assert.doesNotMatch(third.body, /张某/);
  const co = composeLetter(ctx, { kind: 'consultation', party: '示例市发展和改革委员会', partyKind: 'co_producer', replyBy: '2026-12-14' });
  assert.match(co.body, /第三十四条/);
  assert.match(co.body, /逾期未提出意见的，视为同意公开/);
});

test('fee notice: amount, basis, pay-by date and remedies', () => {
  const l = composeLetter(ctx, { kind: 'fee', method: 'per_page', amountYuan: 1700, detail: '共150页：31—100页70页×10元，101—150页50页×20元。', payBy: '2026-12-21', payMethod: '通过非税收入缴款码缴纳' });
  assert.match(l.body, /按量计收信息处理费，金额为人民币1700元/);
  assert.match(l.body, /国办函〔2020〕109号）第三条、第五条/);
  assert.match(l.body, /请您于2026年12月21日前/);
  assert.match(l.body, /缴纳方式：通过非税收入缴款码缴纳。/);
  assert.match(l.body, /六十日内向示例市人民政府申请行政复议，或者在六个月内向示例市中级人民法院提起行政诉讼/);
  assert.deepEqual(findPlaceholders(l.body), []);
  const noMethod = composeLetter(ctx, { kind: 'fee', method: 'per_request', amountYuan: 100.5, detail: '', payBy: '2026-12-21' });
  assert.match(noMethod.body, /人民币100\.50元/);
  assert.deepEqual(findPlaceholders(noMethod.body), ['【待填写：缴纳方式】']);
});

test('receipt: due date and explanation; before confirmation, the submission day', () => {
  const l = composeLetter(ctx, { kind: 'receipt', dueOn: '2026-11-30', dueExplanation: '自收到申请之日起20个工作日' });
  assert.match(l.body, /本机关将于2026年11月30日前作出答复（自收到申请之日起20个工作日）。/);
  const pending = composeLetter({ ...ctx, request: { ...ctx.request, receivedOn: null } }, { kind: 'receipt', dueOn: '2026-11-30', dueExplanation: '' });
  assert.match(pending.body, /本机关将于2026年11月30日前作出答复。/);
  assert.match(pending.body, /您于2026年11月1日提交的政府信息公开申请（申请编号：YSQ-2026-00012）本机关已收悉/);
});

test('dates, paragraphs and the signature block', () => {
  assert.equal(chineseDate('2026-01-05'), '2026年1月5日');
  assert.equal(chineseDate('2026-11-22T08:00:00Z'), '2026年11月22日');
  assert.equal(chineseDate('2026年1月5日'), '2026年1月5日');
  assert.deepEqual(letterParagraphs('　　第一段。\r\n\r\n第二段。\n第三段。\n\n\n'), ['第一段。', '第二段。', '第三段。']);
  assert.deepEqual(closingLines('示例局\n2026年11月20日', '示例局', '2026-11-22'), ['示例局', '2026年11月22日']);
  assert.deepEqual(closingLines('', '示例局', '2026年11月22日'), ['示例局', '2026年11月22日']);
});

test('DOCX from an edited body reads back with the edits, title and letter number', async () => {
  const l = composeLetter(ctx, full('partial'));
  const body = `${l.body}\n\n经复核，补充说明如下：第二页第5行已作遮盖处理。`.replace('批复全文（共3页）', '批复全文（共3页，已编辑）');
  const buffer = await renderLetterDocx({ ...l, body, letterNo: 'YSQ-2026-00012-答1', orgName: ctx.org.name, date: '2026-11-22' });
  assert.equal(buffer.subarray(0, 2).toString('latin1'), 'PK');
  const { value } = await mammoth.extractRawText({ buffer });
  for (const t of ['政府信息公开申请答复书', 'YSQ-2026-00012-答1', '张某：', '经复核，补充说明如下：第二页第5行已作遮盖处理。', '批复全文（共3页，已编辑）', '示例市自然资源和规划局', '2026年11月22日']) {
    assert.ok(value.includes(t), t);
  }
  for (const p of letterParagraphs(body)) assert.ok(value.includes(p), p);
});

test('HTML view escapes the text and splits paragraphs like the DOCX', () => {
  const html = render(h(LetterView, {
    title: '政府信息公开申请答复书', letterNo: 'YSQ-2026-00012-答1', salutation: '张某', body: '第一段<script>alert(1)</script>\n\n第二段 & "引号"',
    closing: '', orgName: '示例市自然资源和规划局', date: '2026-11-22',
  }));
  assert.ok(!html.includes('<script'));
  assert.ok(html.includes('&lt;script>alert(1)&lt;/script>')); // preact escapes < and &, which suffices in text
  assert.ok(html.includes('第二段 &amp; &quot;引号&quot;'));
  assert.match(html, /<article class="letter" lang="zh-CN">/);
  assert.match(html, /<h2 class="letter-title">政府信息公开申请答复书<\/h2>/);
  assert.match(html, /<p class="letter-no">YSQ-2026-00012-答1<\/p>/);
  assert.match(html, /<p class="letter-salutation">张某：<\/p>/);
  assert.equal((html.match(/<div class="letter-body">(.*?)<\/div>/)?.[1]?.match(/<p>/g) ?? []).length, 2);
  assert.match(html, /<footer class="letter-closing"><p>示例市自然资源和规划局<\/p><p>2026年11月22日<\/p><\/footer>/);
});
