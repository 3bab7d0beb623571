import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { ReferralStatus } from '../../../db/schema-ask.js';
import { OPEN_REFERRAL_STATUSES } from '../domain/referral-workflow.js';

/** Reads for the smart Q&A's pages (public and back office). */

export async function listOrganizationOptions(db: Kysely<Database>) {
  return db.selectFrom('organizations').select(['id', 'name', 'phone']).where('successor_id', 'is', null).orderBy('position').orderBy('id').execute();
}

export async function findReferralByTrackingNo(db: Kysely<Database>, trackingNo: string) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.tracking_no', 'r.access_code_hash', 'r.question', 'r.status', 'r.account_id', 'r.submitted_on', 'r.due_on', 'r.due_provisional', 'r.deadline', 'r.answer_html', 'r.answered_at', 'r.closed_at', 'r.close_reason', 'o.name as org_name', 'o.phone as org_phone'])
    .where('r.tracking_no', '=', trackingNo)
    .executeTakeFirst();
}
export type PublicReferral = NonNullable<Awaited<ReturnType<typeof findReferralByTrackingNo>>>;

export type ReferralView = 'open' | 'answered' | 'closed' | 'all';
export const REFERRAL_VIEWS: Record<ReferralView, string> = { open: '待办理', answered: '已答复', closed: '已办结', all: '全部' };
const VIEW_STATUSES: Record<ReferralView, readonly ReferralStatus[]> = { open: OPEN_REFERRAL_STATUSES, answered: ['answered'], closed: ['closed'], all: ['submitted', 'assigned', 'answered', 'closed'] };

/** The workbench: the organizations' referrals, open ones by deadline (the most urgent first). */
export async function referralWorkbench(db: Kysely<Database>, orgIds: number[], view: ReferralView, page: number, pageSize: number) {
  if (orgIds.length === 0) return { rows: [], total: 0 };
  const base = db.selectFrom('referrals as r').where('r.org_id', 'in', orgIds).where('r.status', 'in', [...VIEW_STATUSES[view]]);
  const [rows, total] = await Promise.all([
    base
      .innerJoin('organizations as o', 'o.id', 'r.org_id')
      .leftJoin('staff as s', 's.id', 'r.assignee_id')
      .select(['r.id', 'r.tracking_no', 'r.question', 'r.status', 'r.submitted_on', 'r.due_on', 'r.due_provisional', 'r.qa_id', 'o.name as org_name', 's.display_name as assignee'])
      .orderBy(view === 'open' ? 'r.due_on' : 'r.submitted_at', view === 'open' ? 'asc' : 'desc')
      .orderBy('r.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
export type ReferralListRow = Awaited<ReturnType<typeof referralWorkbench>>['rows'][number];

export async function referralCase(db: Kysely<Database>, orgIds: number[], id: number) {
  const r = await db
    .selectFrom('referrals as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .leftJoin('staff as s', 's.id', 'r.assignee_id')
    .selectAll('r')
    .select(['o.name as org_name', 's.display_name as assignee'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r || !orgIds.includes(r.org_id)) return null;
  const staff = await db
    .selectFrom('staff as s')
    .innerJoin('staff_roles as sr', 'sr.staff_id', 's.id')
    .select(['s.id', 's.display_name'])
    .where('sr.org_id', '=', r.org_id)
    .where('s.disabled', '=', false)
    .distinct()
    .orderBy('s.id')
    .execute();
  return { r, staff };
}
export type ReferralCase = NonNullable<Awaited<ReturnType<typeof referralCase>>>;

export async function listSynonymGroups(db: Kysely<Database>) {
  return db.selectFrom('ask_synonyms').select(['id', 'terms', 'note', 'updated_at']).orderBy('id').execute();
}

/** Questions without a confident answer, most asked first. */
export async function listOpenQuestions(db: Kysely<Database>, page: number, pageSize: number) {
  const base = db.selectFrom('ask_questions').where('confident', '=', false).where('dismissed_at', 'is', null);
  const [rows, total] = await Promise.all([
    base.select(['id', 'question', 'times', 'best_score', 'first_asked_at', 'last_asked_at']).orderBy('times', 'desc').orderBy('last_asked_at', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
