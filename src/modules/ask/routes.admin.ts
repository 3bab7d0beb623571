import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadWorkingCalendar } from '../../platform/calendar/store.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, NotFoundError, RuleError, type FieldErrors } from '../../platform/http/errors.js';
import { setFlash, takeFlash } from '../../platform/http/flash.js';
import { ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { textValues } from '../requests/public.js';
import { promoteReferral } from './commands/promote-referral.js';
import { loadReferenceLists } from '../documents/public.js';
import { dismissQuestion } from './commands/questions.js';
import { applyReferralAction, type ReferralActionInput } from './commands/referral-action.js';
import { transferReferral } from './commands/transfer-referral.js';
import { answerFeedbackSummary, referralHistory, referralListExtras } from './queries/referral-extras.js';
import { listRoutingOrgs } from './queries/routing.js';
import type { ReferralContext } from './commands/submit-referral.js';
import { deleteSynonymGroup, saveSynonymGroup } from './commands/synonyms.js';
import { mayEditSynonyms, mayOpenReferrals, referralScope } from './policy.js';
import { listOpenQuestions, listSynonymGroups, referralCase, referralWorkbench, REFERRAL_VIEWS, type ReferralView } from './queries/pages.js';
import { clearTermStats } from './queries/term-stats.js';
import { QuestionsPage, SynonymsPage } from './views/admin-ask.js';
import { ReferralCasePage, ReferralWorkbench } from './views/admin-referrals.js';

const PAGE_SIZE = 30;
const DONE: Record<string, string> = { assign: '已指定办理人。', answer: '已答复，并已送达提问人。', close: '已办结。', transfer: '已转办，并已告知提问人。' };

/** The smart Q&A's back office: the synonym dictionary, unanswered questions, and referrals (转人工). */
export async function adminAskRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;
  requireStaff(app);
  const scope = (req: FastifyRequest) => referralScope(db, actorOf(req));
  const ctx = (req: FastifyRequest): ReferralContext => ({ ...commandContext(app, req), sealer: app.sealer });

  async function synonyms(req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FieldErrors; editing?: number | null } = {}, code = 200) {
    const [groups, canEdit] = await Promise.all([listSynonymGroups(db), mayEditSynonyms(db, actorOf(req))]);
    const editing = extra.editing ?? null;
    const current = editing !== null ? groups.find((g) => g.id === editing) : undefined;
    const values = extra.values ?? (current ? { terms: current.terms.join(' = '), note: current.note } : {});
    return sendHtml(reply, SynonymsPage({ ...adminView(req, reply), flash: takeFlash(req, reply), groups, canEdit, values, errors: extra.errors, editing }), code);
  }
  const afterSynonyms = (reply: FastifyReply, msg: string) => {
    clearTermStats();
    // The library's search reads the dictionary too: its cached pages are stale now.
    app.pageCache.clear();
    setFlash(reply, msg);
    return reply.redirect('/admin/ask/synonyms', 303);
  };

  app.get<{ Querystring: { edit?: string; terms?: string } }>('/admin/ask/synonyms', async (req, reply) => {
    if (!mayOpenReferrals(actorOf(req))) throw new ForbiddenError('您没有查看同义词词典的权限。');
    const editing = /^\d{1,12}$/.test(req.query.edit ?? '') ? Number(req.query.edit) : null;
    // ?terms=… starts a new group from a searched word (搜索分析's 补充同义词): only the form's first value.
    const terms = typeof req.query.terms === 'string' && editing === null ? req.query.terms.slice(0, 100) : null;
    return synonyms(req, reply, { editing, ...(terms ? { values: { terms: `${terms} = `, note: '' } } : {}) });
  });
  app.post('/admin/ask/synonyms', async (req, reply) => {
    const values = textValues(req.body);
    try {
      await saveSynonymGroup(commandContext(app, req), actorOf(req), null, { terms: values.terms ?? '', note: values.note ?? '' });
    } catch (err) {
      return synonyms(req, reply, { values, errors: ruleErrorsOf(err) }, 400);
    }
    return afterSynonyms(reply, '已新增同义词组。');
  });
  app.post<{ Params: { id: string } }>('/admin/ask/synonyms/:id', async (req, reply) => {
    const id = idParam(req.params.id);
    const values = textValues(req.body);
    try {
      await saveSynonymGroup(commandContext(app, req), actorOf(req), id, { terms: values.terms ?? '', note: values.note ?? '' });
    } catch (err) {
      return synonyms(req, reply, { values, errors: ruleErrorsOf(err), editing: id }, 400);
    }
    return afterSynonyms(reply, '已保存同义词组。');
  });
  app.post<{ Params: { id: string } }>('/admin/ask/synonyms/:id/delete', async (req, reply) => {
    await deleteSynonymGroup(commandContext(app, req), actorOf(req), idParam(req.params.id));
    return afterSynonyms(reply, '已删除同义词组。');
  });

  app.get<{ Querystring: { page?: string } }>('/admin/ask/questions', async (req, reply) => {
    if (!mayOpenReferrals(actorOf(req))) throw new ForbiddenError('您没有查看公众提问的权限。');
    const page = Math.max(1, Math.min(1000, Number(req.query.page) || 1));
    const [list, feedback] = await Promise.all([listOpenQuestions(db, page, PAGE_SIZE), answerFeedbackSummary(db, clock.now())]);
    return sendHtml(reply, QuestionsPage({ ...adminView(req, reply), flash: takeFlash(req, reply), list, page, pageSize: PAGE_SIZE, feedback }));
  });
  app.post<{ Params: { id: string } }>('/admin/ask/questions/:id/dismiss', async (req, reply) => {
    await dismissQuestion(commandContext(app, req), actorOf(req), idParam(req.params.id));
    setFlash(reply, '已忽略该问题。');
    return reply.redirect('/admin/ask/questions', 303);
  });

  app.get<{ Querystring: { view?: string; page?: string } }>('/admin/referrals', async (req, reply) => {
    if (!mayOpenReferrals(actorOf(req))) throw new ForbiddenError('您没有办理转人工咨询的权限。');
    const orgIds = await scope(req);
    const view = (Object.hasOwn(REFERRAL_VIEWS, req.query.view ?? '') ? req.query.view : 'open') as ReferralView;
    const page = Math.max(1, Math.min(1000, Number(req.query.page) || 1));
    const { rows, total } = await referralWorkbench(db, orgIds, view, page, PAGE_SIZE);
    const [cal, extras] = await Promise.all([loadWorkingCalendar(db), referralListExtras(db, rows.map((r) => r.id))]);
    return sendHtml(reply, ReferralWorkbench({ ...adminView(req, reply), flash: takeFlash(req, reply), rows, total, view, page, pageSize: PAGE_SIZE, today: clock.today(), cal, ...extras }));
  });

  async function renderCase(req: FastifyRequest, reply: FastifyReply, id: number, extra: { values?: Record<string, string>; errors?: FieldErrors } = {}, code = 200) {
    const orgIds = await scope(req);
    const c = await referralCase(db, orgIds, id);
    if (!c) throw new NotFoundError('该咨询不存在，或不属于您的机构。');
    const [cal, lists, history, orgs] = await Promise.all([loadWorkingCalendar(db), loadReferenceLists(db), referralHistory(db, id), listRoutingOrgs(db)]);
    const topics = [...lists.topicNames].map(([id, name]) => ({ id, name }));
    // 转办 goes to another organization within the actor's scope (policy.ts).
    const transferTargets = orgs.filter((o) => orgIds.includes(o.id) && o.id !== c.r.org_id).map((o) => ({ id: o.id, name: o.name }));
    const orgName = (oid: unknown) => orgs.find((o) => o.id === Number(oid))?.name ?? null;
    const routing = c.r.routing as { suggestedOrgId?: number; reason?: string };
    const suggested = routing.suggestedOrgId ? { orgName: orgName(routing.suggestedOrgId), reason: routing.reason ?? '', place: orgName(c.r.place_org_id) } : null;
    return sendHtml(reply, ReferralCasePage({ ...adminView(req, reply), flash: takeFlash(req, reply), c, today: clock.today(), cal, topics, values: extra.values ?? {}, errors: extra.errors, ...history, transferTargets, suggested }), code);
  }

  app.get<{ Params: { id: string } }>('/admin/referrals/:id', (req, reply) => renderCase(req, reply, idParam(req.params.id)));

  app.post<{ Params: { id: string; action: string } }>('/admin/referrals/:id/:action', async (req, reply) => {
    const id = idParam(req.params.id);
    const values = textValues(req.body);
    const action = req.params.action;
    try {
      if (action === 'promote') {
        const topicId = Number(values.topicId) || null;
        const qaId = await promoteReferral(ctx(req), actorOf(req), id, { topicId });
        // Straight to the new entry in review, where it goes on like any other.
        return reply.redirect(`/admin/review/qa/${qaId}`, 303);
      }
      let input: ReferralActionInput | null;
      if (action === 'assign') input = { action, assigneeId: Number(values.assigneeId) || 0 };
      else if (action === 'answer') input = { action, answerHtml: values.answerHtml ?? '' };
      else if (action === 'close') input = { action, reason: values.reason ?? '' };
      else if (action === 'transfer') {
        await transferReferral(ctx(req), actorOf(req), id, { toOrgId: Number(values.toOrgId) || 0, reason: values.transferReason ?? '' });
        input = null;
      } else throw new NotFoundError();
      if (input) await applyReferralAction(ctx(req), actorOf(req), id, input);
    } catch (err) {
      // The transfer form's reason field is transferReason (the close form has its own reason).
      const e = action === 'transfer' && err instanceof RuleError && err.field === 'reason' ? new RuleError(err.message, 'transferReason') : err;
      return renderCase(req, reply, id, { values, errors: ruleErrorsOf(e) }, 422);
    }
    setFlash(reply, DONE[action]!);
    return reply.redirect(`/admin/referrals/${id}`, 303);
  });
}
