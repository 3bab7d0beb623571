import { sql, type Kysely } from 'kysely';
import type { Database, RequestStatus } from '../../db/schema.js';
import type { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import { DUE_SOON_DAYS } from './domain/clock.js';
import { lookbackStart, SAME_CONTENT, similarity } from './domain/similarity.js';
import { toChinaDate } from '../../platform/clock/clock.js';
import { OPEN_STATUSES } from './domain/workflow.js';
import { loadCase, type RequestCase } from './case.js';

/**
 * The handlers' workbench: open requests of the organizations in scope, sorted by deadline, with
 * what is overdue and what is due soon counted apart. Applicants appear masked.
 */
export const WORKBENCH_VIEWS = {
  open: '全部在办',
  overdue: '已逾期',
  due_soon: `${DUE_SOON_DAYS} 个工作日内到期`,
  pending: '待登记',
  waiting: '暂停计时',
  review: '待审核',
  mine: '我办理的',
  routed: '无办理人机关的申请',
  closed: '已办结',
} as const;
export type WorkbenchView = keyof typeof WORKBENCH_VIEWS;

const WAITING: RequestStatus[] = ['awaiting_correction', 'consulting', 'awaiting_fee'];
const CLOSED: RequestStatus[] = ['replied', 'archived', 'withdrawn'];

export interface WorkbenchQuery {
  orgIds: number[];
  view: WorkbenchView;
  actorId: number;
  q: string;
  page: number;
  pageSize: number;
  today: string;
  cal: WorkingCalendar;
  /** Organizations without a handler whose applications the actor's office takes on (routing.ts). */
  routed?: number[];
}

export interface WorkbenchRow {
  id: number;
  tracking_no: string;
  org_name: string;
  applicant_masked: string;
  applicant_kind: string;
  subject: string;
  channel: string;
  status: RequestStatus;
  received_on: string | null;
  submitted_at: Date;
  due_on: string | null;
  due_provisional: boolean;
  handler_name: string | null;
  repeat_of: number | null;
  mass_flag: boolean;
  outcome: string | null;
  closed_on: string | null;
}

/** Concluded cases are many: their list counts up to this and then says “more than”. */
export const CLOSED_COUNT_CAP = 1000;

/**
 * One page of a view. `knownTotal` (the tab's count, when there is no search) saves counting again;
 * the closed view's total is capped (`capped`), since counting every concluded case costs more
 * than the page itself.
 */
export async function listWorkbench(db: Kysely<Database>, w: WorkbenchQuery & { knownTotal?: number }): Promise<{ rows: WorkbenchRow[]; total: number; capped: boolean }> {
  if (w.orgIds.length === 0) return { rows: [], total: 0, capped: false };
  const soon = w.cal.addWorkingDays(w.today, DUE_SOON_DAYS);
  let q = db.selectFrom('requests as r').where('r.org_id', 'in', w.orgIds);
  switch (w.view) {
    case 'open': q = q.where('r.status', 'in', OPEN_STATUSES); break;
    case 'overdue': q = q.where('r.status', 'in', OPEN_STATUSES).where('r.due_on', '<', w.today); break;
    case 'due_soon': q = q.where('r.status', 'in', OPEN_STATUSES).where('r.due_on', '>=', w.today).where('r.due_on', '<=', soon); break;
    case 'pending': q = q.where('r.status', '=', 'pending'); break;
    case 'waiting': q = q.where('r.status', 'in', WAITING); break;
    case 'review': q = q.where('r.status', 'in', ['reply_review', 'extension_pending']); break;
    case 'mine': q = q.where('r.status', 'in', OPEN_STATUSES).where('r.handler_id', '=', w.actorId); break;
    case 'routed': q = q.where('r.status', 'in', OPEN_STATUSES).where('r.org_id', 'in', w.routed?.length ? w.routed : [-1]); break;
    case 'closed': q = q.where('r.status', 'in', CLOSED); break;
  }
  if (w.q) {
    const like = `%${w.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('r.tracking_no', 'ilike', like), eb('r.subject', 'ilike', like)]));
  }
  const ordered = w.view === 'closed' ? q.orderBy('r.closed_on', 'desc').orderBy('r.id', 'desc') : q.orderBy(sql`r.due_on asc nulls last`).orderBy('r.id');
  const counted = async (): Promise<{ total: number; capped: boolean }> => {
    if (w.knownTotal !== undefined && !w.q) return { total: w.knownTotal, capped: false };
    if (w.view !== 'closed') return { total: Number((await q.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), capped: false };
    const n = await db.selectFrom(q.select('r.id').limit(CLOSED_COUNT_CAP + 1).as('t')).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { total: Math.min(Number(n.n), CLOSED_COUNT_CAP), capped: Number(n.n) > CLOSED_COUNT_CAP };
  };
  const [rows, total] = await Promise.all([
    ordered
      .innerJoin('organizations as o', 'o.id', 'r.org_id')
      .leftJoin('staff as s', 's.id', 'r.handler_id')
      .select(['r.id', 'r.tracking_no', 'o.short_name as org_name', 'r.applicant_masked', 'r.applicant_kind', 'r.subject', 'r.channel', 'r.status', 'r.received_on', 'r.submitted_at', 'r.due_on', 'r.due_provisional', 's.display_name as handler_name', 'r.repeat_of', 'r.mass_flag', 'r.outcome', 'r.closed_on'])
      .limit(w.pageSize)
      .offset((w.page - 1) * w.pageSize)
      .execute(),
    counted(),
  ]);
  return { rows: rows as WorkbenchRow[], ...total };
}

/** The counts on the workbench's tabs, in one pass over the open requests' index. */
export async function workbenchCounts(db: Kysely<Database>, orgIds: number[], actorId: number, today: string, cal: WorkingCalendar, routed: number[] = []): Promise<Record<Exclude<WorkbenchView, 'closed'>, number>> {
  const zero = { open: 0, overdue: 0, due_soon: 0, pending: 0, waiting: 0, review: 0, mine: 0, routed: 0 };
  if (orgIds.length === 0) return zero;
  const soon = cal.addWorkingDays(today, DUE_SOON_DAYS);
  const r = await db
    .selectFrom('requests')
    .where('org_id', 'in', orgIds)
    .where('status', 'in', OPEN_STATUSES)
    .select([
      sql<number>`count(*)`.as('open'),
      sql<number>`count(*) filter (where due_on < ${today})`.as('overdue'),
      sql<number>`count(*) filter (where due_on >= ${today} and due_on <= ${soon})`.as('due_soon'),
      sql<number>`count(*) filter (where status = 'pending')`.as('pending'),
      sql<number>`count(*) filter (where status in ('awaiting_correction', 'consulting', 'awaiting_fee'))`.as('waiting'),
      sql<number>`count(*) filter (where status in ('reply_review', 'extension_pending'))`.as('review'),
      sql<number>`count(*) filter (where handler_id = ${actorId})`.as('mine'),
      (routed.length ? sql<number>`count(*) filter (where org_id in (${sql.join(routed)}))` : sql<number>`0`).as('routed'),
    ])
    .executeTakeFirstOrThrow();
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as typeof zero;
}

/** Everything the case page shows, applicant still sealed. */
export async function caseDetails(db: Kysely<Database>, id: number) {
  const [letters, attachments, appeals, documents, handlers] = await Promise.all([
    db.selectFrom('request_letters').select(['id', 'kind', 'letter_no', 'title', 'status', 'sent_on', 'outcome', 'addressee']).where('request_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('request_attachments as a')
      .select(['a.id', 'a.file_name', 'a.size_bytes', 'a.from_applicant', 'a.for_reply', 'a.created_at'])
      .select((eb) => eb.selectFrom('request_downloads as dl').select(eb.fn.countAll<number>().as('n')).whereRef('dl.attachment_id', '=', 'a.id').as('downloads'))
      .where('a.request_id', '=', id)
      .orderBy('a.id')
      .execute(),
    db.selectFrom('request_appeals').selectAll().where('request_id', '=', id).orderBy('id').execute(),
    db.selectFrom('request_documents as rd').innerJoin('documents as d', 'd.id', 'rd.document_id').select(['d.id', 'd.title', 'd.doc_no']).where('rd.request_id', '=', id).execute(),
    db
      .selectFrom('staff_roles as sr')
      .innerJoin('staff as s', 's.id', 'sr.staff_id')
      .innerJoin('requests as r', 'r.org_id', 'sr.org_id')
      .select(['s.id', 's.display_name'])
      .where('r.id', '=', id)
      .where('sr.role', '=', 'request_handler')
      .where('s.disabled', '=', false)
      .orderBy('s.id')
      .execute(),
  ]);
  return { letters, attachments, appeals, documents, handlers };
}

/** The same content asked for by other applicants of this organization in the past year (条例 第四十四条). */
export async function similarRequests(db: Kysely<Database>, r: { id: number; org_id: number; content_tokens: string; applicant_key: string; submitted_at: Date }) {
  const since = lookbackStart(toChinaDate(r.submitted_at));
  const rows = await db
    .selectFrom('requests')
    .select(['id', 'tracking_no', 'subject', 'applicant_key', 'content_tokens', 'status', 'outcome'])
    .where('org_id', '=', r.org_id)
    .where('id', '!=', r.id)
    .where('submitted_at', '>=', since)
    .orderBy('id', 'desc')
    .limit(2000)
    .execute();
  return rows.filter((x) => similarity(x.content_tokens, r.content_tokens) >= SAME_CONTENT).map((x) => ({ ...x, sameApplicant: x.applicant_key === r.applicant_key }));
}

/**
 * Information several applicants asked for (at least `minApplicants` different ones) in the past
 * year: proposed for proactive publication (条例 第四十四条). Groups by content similarity.
 */
export const PROACTIVE_MIN_APPLICANTS = 3;
export async function proactiveProposals(db: Kysely<Database>, orgIds: number[], today: string) {
  if (orgIds.length === 0) return [];
  const since = lookbackStart(today);
  const rows = await db
    .selectFrom('requests as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.org_id', 'o.short_name as org_name', 'r.tracking_no', 'r.subject', 'r.applicant_key', 'r.content_tokens'])
    .where('r.org_id', 'in', orgIds)
    .where('r.submitted_at', '>=', since)
    .where((eb) => eb.or([eb('r.outcome', 'is', null), eb('r.outcome', 'in', ['disclose', 'partial'])]))
    .orderBy('r.id', 'desc')
    .limit(3000)
    .execute();
  const groups: { lead: (typeof rows)[number]; members: typeof rows }[] = [];
  for (const r of rows) {
    const g = groups.find((x) => x.lead.org_id === r.org_id && similarity(x.lead.content_tokens, r.content_tokens) >= SAME_CONTENT);
    if (g) g.members.push(r);
    else groups.push({ lead: r, members: [r] });
  }
  return groups
    .map((g) => ({ ...g, applicants: new Set(g.members.map((m) => m.applicant_key)).size }))
    .filter((g) => g.applicants >= PROACTIVE_MIN_APPLICANTS)
    .sort((a, b) => b.applicants - a.applicants);
}

/**
 * The reminders of the daily job that still apply: open requests whose deadline has not moved
 * since. The job only reminds of deadlines up to DUE_SOON_DAYS ahead, so the bound loses nothing
 * and lets the open-deadline index find them.
 */
export async function activeReminders(db: Kysely<Database>, orgIds: number[], today: string, cal: WorkingCalendar) {
  if (orgIds.length === 0) return [];
  // Driven from the open requests in deadline order (the requests_open_due index), each probing its
  // reminders by primary key, so the page stops after 20 instead of joining every reminder ever sent.
  // OFFSET 0 keeps the planner from flattening the lateral subquery back into a hash join over all
  // reminders, which it otherwise picks on a misestimate (bench:requests: 1 ms against 12 ms).
  return db
    .selectFrom('requests as r')
    .innerJoinLateral(
      (eb) => eb.selectFrom('request_reminders as m').select(['m.kind', 'm.due_on']).whereRef('m.request_id', '=', 'r.id').whereRef('m.due_on', '=', 'r.due_on').offset(0).as('m'),
      (j) => j.onTrue(),
    )
    .select(['r.id', 'r.tracking_no', 'r.subject', 'm.kind', 'm.due_on'])
    .where('r.org_id', 'in', orgIds)
    .where('r.status', 'in', OPEN_STATUSES)
    .where('r.due_on', '<=', cal.addWorkingDays(today, DUE_SOON_DAYS))
    .orderBy('r.due_on')
    .orderBy('r.id')
    .limit(20)
    .execute();
}

/** Everything the workbench page shows, in the order the route needs it (and the benchmark measures). */
export async function workbenchPage(db: Kysely<Database>, w: Omit<WorkbenchQuery, 'pageSize'> & { pageSize: number }) {
  const [counts, reminders] = await Promise.all([workbenchCounts(db, w.orgIds, w.actorId, w.today, w.cal, w.routed), activeReminders(db, w.orgIds, w.today, w.cal)]);
  const list = await listWorkbench(db, { ...w, knownTotal: w.view === 'closed' ? undefined : counts[w.view] });
  return { list, counts, reminders };
}

/** A case in the given organizations (the actor's scope, policy.ts), or undefined: another organization's requests are never revealed. */
export async function findCaseInScope(db: Kysely<Database>, id: number, orgIds: readonly number[]): Promise<RequestCase | undefined> {
  const c = await loadCase(db, id);
  return c && orgIds.includes(c.row.org_id) ? c : undefined;
}

/** One stored file of a case (the applicant's, a correction's or the reply's). */
export async function findCaseAttachment(db: Kysely<Database>, requestId: number, attachmentId: number) {
  return db.selectFrom('request_attachments').selectAll().where('id', '=', attachmentId).where('request_id', '=', requestId).executeTakeFirst();
}

/** The names of the organizations in scope, for a form's choice: by id, or in the tree's order. */
export async function organizationsIn(db: Kysely<Database>, ids: readonly number[], order: 'id' | 'tree' = 'tree'): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  const q = db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', [...ids]);
  return (order === 'id' ? q.orderBy('id') : q.orderBy('position').orderBy('id')).execute();
}
