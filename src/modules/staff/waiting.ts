import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { holdsAnyRole } from '../../platform/auth/scope.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { loadWorkingCalendar } from '../../platform/calendar/store.js';
import { mayOpenReferrals, referralScope, referralWorkbench } from '../ask/public.js';
import { caseScope, DUE_SOON_DAYS, mayOpenCases, routedOrgIds, workbenchCounts } from '../requests/public.js';
import { listAwaitingReview, listQueue, publisherScope, reviewerScope } from '../review/public.js';

/** One line of the workbench's 待办: what waits for this person, how many, and where to find them. */
export interface WaitingItem {
  label: string;
  count: number;
  href: string;
  urgent?: boolean;
}

/**
 * What waits for the signed-in person, by their roles, with the same queries as the pages the
 * lines lead to: items at their review level, items to publish, open referrals, and disclosure
 * requests overdue, due soon, to register, to approve, or routed to their office.
 */
export async function whatWaitsFor(db: Kysely<Database>, actor: Actor, today: string): Promise<WaitingItem[]> {
  const out: WaitingItem[] = [];
  const reviewerOrgs = await reviewerScope(db, actor);
  if (reviewerOrgs.length) out.push({ label: '待我审核的稿件', count: (await listAwaitingReview(db, actor.id, reviewerOrgs)).filter((r) => !r.imported).length, href: '/admin/review' });
  const publisherOrgs = await publisherScope(db, actor);
  if (holdsAnyRole(actor, ['publisher'])) out.push({ label: '已审核待发布的稿件', count: (await listQueue(db, { orgIds: publisherOrgs, statuses: ['approved', 'scheduled'] })).length, href: '/admin/review' });
  if (mayOpenReferrals(actor)) {
    const { total } = await referralWorkbench(db, await referralScope(db, actor), 'open', 1, 1);
    out.push({ label: '待办理的转人工咨询', count: total, href: '/admin/referrals' });
  }
  if (mayOpenCases(actor)) {
    const [orgIds, routed, cal] = await Promise.all([caseScope(db, actor), routedOrgIds(db, actor), loadWorkingCalendar(db)]);
    const c = await workbenchCounts(db, orgIds, actor.id, today, cal, routed);
    out.push(
      { label: '已逾期的依申请公开申请', count: c.overdue, href: '/admin/requests?view=overdue', urgent: c.overdue > 0 },
      { label: `${DUE_SOON_DAYS} 个工作日内到期的申请`, count: c.due_soon, href: '/admin/requests?view=due_soon' },
      { label: '待登记的网上申请', count: c.pending, href: '/admin/requests?view=pending' },
    );
    if (holdsAnyRole(actor, ['disclosure_office'])) {
      out.push({ label: '待审核的延期和答复', count: c.review, href: '/admin/requests?view=review' }, { label: '无办理人机关的申请（由本办办理）', count: c.routed, href: '/admin/requests?view=routed', urgent: c.routed > 0 });
    }
  }
  return out;
}
