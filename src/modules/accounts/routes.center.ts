import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PublicAccount } from '../../platform/auth/accounts.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import type { FieldErrors } from '../../platform/http/errors.js';
import { sendHtml } from '../../platform/html/render.js';
import { markInboxRead, updateProfile } from './commands/update-profile.js';
import { districtOptions, findAccountProfile, inboxPage, INBOX_PAGE_SIZE, policiesForProfile, POLICIES_PAGE_SIZE } from './queries.js';
import { profileSchema } from './schemas.js';
import { accountActor, requireAccount } from './session.js';
import { InboxPage, PoliciesPage, ProfilePage } from './views/center-pages.js';
import { CasesPage, type CaseRow } from './views/center-cases.js';
import { loadWorkingCalendar } from '../../platform/calendar/store.js';
import { deadlineLabel, listAccountCases } from '../../platform/tracked-cases/registry.js';

const pageOf = (q: { page?: unknown }) => Math.max(1, Math.min(500, Number(q.page) || 1));
const CASES_ON_HOME = 5;
const CASES_MAX = 100;

/** What every personal-center view needs: a CSRF token, and who is signed in. */
export function centerView(req: FastifyRequest, reply: FastifyReply, account: PublicAccount) {
  return { ctx: req.pageCtx, csrfToken: reply.generateCsrf(), who: account.displayName || account.emailMasked };
}

/** The personal center: inbox, profile, 可能适用于您的政策. Subscriptions are the subscriptions module's. */
export function centerRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;

  app.get<{ Querystring: { page?: string } }>('/account', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    const page = pageOf(req.query);
    const [inbox, cases] = await Promise.all([inboxPage(db, account.id, page), page === 1 ? myCases(account.id, CASES_ON_HOME + 1) : []]);
    return sendHtml(reply, InboxPage({ ...centerView(req, reply, account), ...inbox, page, pageSize: INBOX_PAGE_SIZE, cases: cases.slice(0, CASES_ON_HOME), moreCases: cases.length > CASES_ON_HOME }));
  });

  /** The account's cases from every tracked-case channel, each with where it stands against its deadline. */
  async function myCases(accountId: number, limit: number): Promise<CaseRow[]> {
    const [list, cal] = await Promise.all([listAccountCases(app, accountId, limit), loadWorkingCalendar(db)]);
    const today = clock.today();
    return list.map((c) => ({ ...c, deadline: deadlineLabel(c, cal, today) }));
  }

  app.get('/account/cases', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    return sendHtml(reply, CasesPage({ ...centerView(req, reply, account), rows: await myCases(account.id, CASES_MAX), limit: CASES_MAX }));
  });

  app.post<{ Params: { id: string } }>('/account/inbox/:id/read', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    if (!/^\d{1,15}$/.test(req.params.id)) return reply.callNotFound();
    await markInboxRead(db, account.id, Number(req.params.id), clock.now());
    return reply.redirect('/account', 303);
  });

  app.post('/account/inbox/read-all', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    await markInboxRead(db, account.id, 'all', clock.now());
    return reply.redirect('/account', 303);
  });

  async function profilePage(req: FastifyRequest, reply: FastifyReply, account: PublicAccount, extra: { values?: Record<string, string>; errors?: FieldErrors; flash?: string | null } = {}, code = 200) {
    const [row, districts] = await Promise.all([findAccountProfile(db, account.id), districtOptions(db)]);
    const values = extra.values ?? { displayName: row.display_name, kind: row.kind, industry: row.industry, size: row.size, district: row.district };
    return sendHtml(reply, ProfilePage({ ...centerView(req, reply, account), values, districts, errors: extra.errors, flash: extra.flash }), code);
  }

  app.get<{ Querystring: { saved?: string } }>('/account/profile', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    return profilePage(req, reply, account, { flash: req.query.saved ? '已保存。' : null });
  });

  app.post('/account/profile', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    const values = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v).slice(0, 100)]));
    const input = parseInput(profileSchema, req.body);
    if (!input.ok) return profilePage(req, reply, account, { values, errors: input.errors }, 400);
    try {
      await updateProfile({ db, clock, actor: accountActor(account, req.ip) }, account.id, input.data, await districtOptions(db));
    } catch (err) {
      return profilePage(req, reply, account, { values, errors: ruleErrorsOf(err) }, 422);
    }
    return reply.redirect('/account/profile?saved=1', 303);
  });

  app.get<{ Querystring: { page?: string } }>('/account/policies', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    const page = pageOf(req.query);
    const profile = await findAccountProfile(db, account.id);
    const r = await policiesForProfile(db, profile, page);
    return sendHtml(
      reply,
      PoliciesPage({ ...centerView(req, reply, account), ...r, page, pageSize: POLICIES_PAGE_SIZE, district: profile.district, profileSet: profile.kind === 'person' || Boolean(profile.industry && profile.size) }),
    );
  });
}
