import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
export type RenderCase = (req: FastifyRequest, reply: FastifyReply, id: number, extra?: { errors?: FieldErrors; values?: Record<string, string>; flash?: string | null }, code?: number) => Promise<FastifyReply>;
import { loadWorkingCalendar } from '../../platform/calendar/store.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { takeFlash, setFlash } from '../../platform/http/flash.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { isUpload, type Upload } from '../../platform/files/uploads.js';
import { sendHtml } from '../../platform/html/render.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { clockOf, subjectOf } from './case.js';
import { createRequest } from './commands/create-request.js';
import { registerCaseActions } from './routes.actions.js';
import { revealApplicant } from './commands/case-records.js';
import type { RequestCommandContext } from './commands/request-action.js';
import { REQUEST_TRANSITIONS, requestRefusal } from './domain/workflow.js';
import { sendLetterDocx } from './letter-download.js';
import { sendCaseFile } from './file-download.js';
import { showLetter } from './letters.js';
import { caseDetails, findCaseAttachment, findCaseInScope, organizationsIn, proactiveProposals, similarRequests, WORKBENCH_VIEWS, workbenchPage, type WorkbenchView } from './queries.admin.js';
import { actorKindsFor, caseScope, intakeScope, mayHandle, mayOpenCases, maySeeApplicantFiles } from './policy.js';
import { applicantFields, applicationSchema, intakeSchema, type ApplicantData } from './schemas.js';
import { CasePage } from './views/admin-case.js';
import { AdminLetterPage } from './views/letter-page.js';
import { IntakeForm, ProposalsPage, Workbench } from './views/admin-pages.js';
import type { DocSearch } from './views/admin-case-materials.js';
import { findDocumentsToLink, listOrganizationOptions } from './queries.public.js';
import { routedOrgIds } from './routing.js';

const PAGE_SIZE = 30;
export function requestContext(app: FastifyInstance, req: FastifyRequest): RequestCommandContext {
  return { ...commandContext(app, req), sealer: app.sealer, storage: app.deps.storage, maxUploadBytes: app.deps.config.maxUploadBytes };
}

export async function adminRequestRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;
  requireStaff(app);

  const scope = (req: FastifyRequest) => caseScope(db, actorOf(req));

  app.get<{ Querystring: { view?: string; q?: string; page?: string } }>('/admin/requests', async (req, reply) => {
    const actor = actorOf(req);
    if (!mayOpenCases(actor)) throw new ForbiddenError('您没有办理或监督依申请公开的权限。');
    const orgIds = await scope(req);
    const view = (Object.keys(WORKBENCH_VIEWS).includes(req.query.view ?? '') ? req.query.view : 'open') as WorkbenchView;
    const page = Math.max(1, Math.min(1000, Number(req.query.page) || 1));
    const q = (req.query.q ?? '').trim().slice(0, 50);
    const cal = await loadWorkingCalendar(db);
    const today = clock.today();
    const routed = await routedOrgIds(db, actor);
    const { list, counts, reminders } = await workbenchPage(db, { orgIds, view, actorId: actor.id, q, page, pageSize: PAGE_SIZE, today, cal, routed });
    const canIntake = (await intakeScope(db, actor)).length > 0;
    return sendHtml(reply, Workbench({ ...adminView(req, reply), flash: takeFlash(req, reply), rows: list.rows, total: list.total, capped: list.capped, counts, reminders, view, q, page, pageSize: PAGE_SIZE, today, cal, canIntake }));
  });

  app.get('/admin/requests/proposals', async (req, reply) => {
    const groups = await proactiveProposals(db, await scope(req), clock.today());
    return sendHtml(reply, ProposalsPage({ ...adminView(req, reply), groups }));
  });

  // The counter's intake: applications that came in person, by post or by fax.
  const handlerOrgs = async (req: FastifyRequest) => organizationsIn(db, await intakeScope(db, actorOf(req)), 'id');
  app.get('/admin/requests/new', async (req, reply) => {
    const orgs = await handlerOrgs(req);
    if (orgs.length === 0) throw new ForbiddenError('您没有登记依申请公开申请的权限。');
    return sendHtml(reply, IntakeForm({ ...adminView(req, reply), orgs, values: { orgId: String(orgs[0]!.id), channel: 'in_person', receivedOn: clock.today(), applicantKind: 'natural', idType: 'id_card', provideForm: 'paper', deliveryMethod: 'post' } }));
  });

  app.post('/admin/requests', async (req, reply) => {
    const orgs = await handlerOrgs(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const attachments = [body.attachments].flat().filter(isUpload) as Upload[];
    const today = clock.today();
    const rerender = (errors: FieldErrors, code: number) => sendHtml(reply, IntakeForm({ ...adminView(req, reply), orgs, values, errors }), code);
    const a = parseInput(applicationSchema(today), body);
    const i = parseInput(intakeSchema(today), body);
    if (!a.ok || !i.ok) return rerender({ ...(a.ok ? {} : a.errors), ...(i.ok ? {} : i.errors) }, 400);
    if (!orgs.some((o) => o.id === a.data.orgId)) throw new ForbiddenError('您不能为该机关登记申请。');
    try {
      const created = await createRequest(requestContext(app, req), a.data, { channel: i.data.channel, receivedOn: i.data.receivedOn, attachments });
      setFlash(reply, `已登记申请 ${created.trackingNo}，查询码 ${created.accessCode}（请告知申请人，系统不再显示）`);
      return reply.redirect(`/admin/requests/${created.id}`, 303);
    } catch (err) {
      return rerender(ruleErrorsOf(err), 422);
    }
  });

  /** A case the actor may see, or 404: another organization's requests are never revealed. */
  async function visibleCase(req: FastifyRequest, id: number) {
    const c = await findCaseInScope(db, id, await scope(req));
    if (!c) throw new NotFoundError('申请不存在，或您无权查看。');
    return c;
  }

  async function renderCase(req: FastifyRequest, reply: FastifyReply, id: number, extra: { applicant?: ApplicantData; errors?: FieldErrors; values?: Record<string, string>; flash?: string | null; docSearch?: DocSearch } = {}, code = 200) {
    const c = await visibleCase(req, id);
    const actor = actorOf(req);
    const kinds = await actorKindsFor(db, actor, c.row.org_id);
    const cal = await loadWorkingCalendar(db);
    const today = clock.today();
    const clockState = clockOf(c, cal, today);
    const subject = subjectOf(c, clockState, today);
    const allowed = [...new Set(REQUEST_TRANSITIONS.map((t) => t.action))].filter((a) => requestRefusal(a, subject, kinds) === null);
    const [details, similar, draft, transferOrgs] = await Promise.all([
      caseDetails(db, id),
      similarRequests(db, c.row),
      c.draft ? showLetter(db, c.row, c.draft.id, app.sealer, { maskApplicant: !kinds.includes('handler') }) : Promise.resolve(null),
      allowed.includes('transfer') ? listOrganizationOptions(db).then((all) => all.filter((o) => o.id !== c.row.org_id)) : Promise.resolve([]),
    ]);
    const applicant = extra.applicant ?? app.sealer.unseal<ApplicantData>(c.row.applicant_sealed);
    return sendHtml(
      reply,
      CasePage({
        ...adminView(req, reply), flash: extra.flash ?? takeFlash(req, reply), c, clock: clockState, subject, kinds, allowed, details, similar, draft,
        applicant: applicantFields(applicant, Boolean(extra.applicant)), revealed: Boolean(extra.applicant), errors: extra.errors, values: extra.values ?? {}, today,
        docSearch: extra.docSearch ?? null, transferOrgs, maxUploadMb: Math.round(app.deps.config.maxUploadBytes / 1024 / 1024),
      }),
      code,
    );
  }
  registerCaseActions(app, { renderCase, visibleCase });

  app.get<{ Params: { id: string }; Querystring: { dq?: string } }>('/admin/requests/:id', async (req, reply) => {
    const id = idParam(req.params.id);
    // The linked-documents search box without script: the results come back in the case page.
    const dq = typeof req.query.dq === 'string' ? req.query.dq.trim().slice(0, 100) : '';
    return renderCase(req, reply, id, dq ? { docSearch: { q: dq, results: await findDocumentsToLink(db, dq) } } : {});
  });

  // The applicant's data in clear: only the organization's handlers, and every look is audited.
  app.post<{ Params: { id: string } }>('/admin/requests/:id/reveal', async (req, reply) => {
    const id = idParam(req.params.id);
    const c = await visibleCase(req, id);
    if (!mayHandle(await actorKindsFor(db, actorOf(req), c.row.org_id))) throw new ForbiddenError('只有本机关的依申请公开办理人可以查看申请人的完整信息。');
    const applicant = await revealApplicant(requestContext(app, req), id, '办理申请');
    reply.header('cache-control', 'no-store');
    return renderCase(req, reply, id, { applicant, flash: '已显示申请人完整信息，本次查看已记入审计日志。' });
  });

  app.get<{ Params: { id: string; aid: string } }>('/admin/requests/:id/attachments/:aid', async (req, reply) => {
    const c = await visibleCase(req, idParam(req.params.id));
    const a = await findCaseAttachment(db, c.row.id, idParam(req.params.aid));
    if (!a) throw new NotFoundError('附件不存在。');
    // What the applicant sent (ID copies, say) is for those who handle the case, not for the site's administrator who only oversees it.
    if (a.from_applicant && !maySeeApplicantFiles(await actorKindsFor(db, actorOf(req), c.row.org_id))) throw new ForbiddenError('申请人提交的材料只有办理该申请的工作人员可以查看。');
    return sendCaseFile(reply, app.deps.storage, a);
  });

  app.get<{ Params: { id: string; letter: string } }>('/admin/requests/:id/letters/:letter', async (req, reply) => {
    const c = await visibleCase(req, idParam(req.params.id));
    const m = /^(\d{1,12})(\.docx)?$/.exec(req.params.letter);
    const handler = mayHandle(await actorKindsFor(db, actorOf(req), c.row.org_id));
    const letter = m ? await showLetter(db, c.row, Number(m[1]), app.sealer, { maskApplicant: !handler }) : null;
    if (!letter) throw new NotFoundError('文书不存在。');
    if (m![2]) return sendLetterDocx(reply, letter);
    reply.header('cache-control', 'private, no-store');
    return sendHtml(reply, AdminLetterPage({ ...adminView(req, reply), caseId: c.row.id, trackingNo: c.row.tracking_no, letter }));
  });
}
