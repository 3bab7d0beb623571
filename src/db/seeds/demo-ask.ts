import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { applyReferralAction } from '../../modules/ask/commands/referral-action.js';
import { submitReferral } from '../../modules/ask/commands/submit-referral.js';
import { DEFAULT_SYNONYMS } from '../../modules/ask/domain/default-synonyms.js';
import { buildMissingClauses } from '../../modules/ask/commands/build-clauses.js';

/**
 * The smart Q&A's demo: the synonym dictionary (real government abbreviations), clauses of every
 * published document, and a few questions sent to departments in each state of their life.
 */
export async function seedDemoAsk(db: Kysely<Database>, clock: Clock, sealer: Sealer, demo: { orgIds: Map<string, number>; actors: Map<string, Actor>; docIds: Map<string, number> }): Promise<void> {
  const now = clock.now();
  await db.insertInto('ask_synonyms').values(DEFAULT_SYNONYMS.map((s) => ({ terms: s.terms, note: s.note, created_by: null, updated_by: null, created_at: now, updated_at: now }))).execute();
  await buildMissingClauses(db);
  const system = { db, clock, sealer, actor: { id: null, label: '公众（智能问答）' } };
  const staff = (username: string) => {
    const a = demo.actors.get(username)!;
    return { ctx: { ...system, actor: { id: a.id, label: `${a.displayName}（${a.username}）` } }, actor: a };
  };
  const ask = (org: string, question: string, email: string | null, name: string | null) =>
    submitReferral(system, { question, orgId: demo.orgIds.get(org)!, email, name, accountId: null, suggestions: [] });

  await ask('rsj', '灵活就业人员在本市缴纳职工养老保险，断缴半年后还能补缴吗？', 'zhang.demo@example.com', '张先生');
  const assigned = await ask('zjj', '租房提取住房公积金每年可以提取几次？需要提供租房合同吗？', null, null);
  const s = staff('zjj.editor');
  await applyReferralAction(s.ctx, s.actor, assigned.id, { action: 'assign', assigneeId: s.actor.id });
  const answered = await ask('rsj', '企业吸纳高校毕业生就业的一次性补贴怎么申请？', 'li.demo@example.com', '李女士');
  const r = staff('rsj.editor');
  await applyReferralAction(r.ctx, r.actor, answered.id, {
    action: 'answer',
    answerHtml: '<p>您好！吸纳高校毕业生就业的中小微企业，可在签订劳动合同并缴纳社会保险满 3 个月后，通过江宁市政务服务网“就业补贴申领”事项在线申请，每人 1500 元。</p><p>咨询电话：025-81112222（就业促进科）。</p>',
  });
  // Sent to a township of another county by the asker's own choice: for staff to transfer (转办) to the 市场监管局.
  await ask('baisha', '开个小饭馆要办什么证？在哪里办？', 'wang.demo@example.com', '王先生');
  const closed = await ask('fgw', '这个网站的字太小了，老人看不清。', null, null);
  const f = staff('fgw.editor');
  await applyReferralAction(f.ctx, f.actor, closed.id, { action: 'close', reason: '非政策咨询：页面右上角可切换“大字版”，已转网站运维部门。' });
}
