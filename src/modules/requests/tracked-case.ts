import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestStatus } from '../../db/schema.js';
import { accessMatches, rememberCase, type CaseChannel, type TrackedCase } from '../../platform/tracked-cases/registry.js';
import { accessCodeHash } from './commands/create-request.js';
import type { ClockState } from './domain/clock.js';
import { STATUS_LABELS } from './domain/workflow.js';
import { findRequestByTrackingNo, type PublicRequest } from './queries.public.js';

/** Disclosure requests as a tracked-case channel: the personal center's list, and the site-wide tracker. */

export const TRACK_COOKIE = 'gk_track';
/** Tracking numbers are SLUG-YYYY-NNNNN; slugs are lower-case letters, digits and hyphens. */
export const TRACKING_NO = /^[A-Z0-9][A-Z0-9-]{0,70}-\d{4}-\d{5,}$/;

/** The last word of a concluded request, shown in place of a deadline. */
const CONCLUDED: Partial<Record<RequestStatus, string>> = { replied: '已答复', archived: '已答复', withdrawn: '已撤回' };

/** The request behind a tracking number when the access code is right; null for an unknown number or a wrong code alike. */
export async function requestByAccess(app: FastifyInstance, trackingNo: string, accessCode: string): Promise<PublicRequest | null> {
  const r = TRACKING_NO.test(trackingNo) ? await findRequestByTrackingNo(app.deps.db, trackingNo) : null;
  return accessMatches(accessCodeHash(app, trackingNo, accessCode), r?.row.access_code_hash, accessCodeHash(app, 'none', 'none')) ? r : null;
}

/** Lets this browser open the request's pages from now on. */
export function rememberRequest(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, trackingNo: string): void {
  rememberCase(req, reply, { cookie: TRACK_COOKIE, path: '/requests', pattern: TRACKING_NO, secure: app.deps.config.production }, trackingNo);
}

export function requestCaseChannel(app: FastifyInstance): CaseChannel {
  return {
    label: '依申请公开',
    example: 'CITY-2026-00001',
    matches: (no) => TRACKING_NO.test(no),
    async listForAccount(accountId, limit) {
      const rows = await app.deps.db
        .selectFrom('requests as r')
        .innerJoin('organizations as o', 'o.id', 'r.org_id')
        .select(['r.tracking_no', 'r.subject', 'r.status', 'r.submitted_at', 'r.due_on', 'r.clock', 'o.name as org_name'])
        .where('r.account_id', '=', accountId)
        .orderBy('r.submitted_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r): TrackedCase => {
        const clock = r.clock && typeof r.clock === 'object' && 'explanation' in r.clock ? (r.clock as ClockState) : null;
        return {
          channelLabel: '依申请公开', trackingNo: r.tracking_no, title: r.subject, orgName: r.org_name, statusLabel: STATUS_LABELS[r.status], submittedAt: r.submitted_at,
          dueOn: r.due_on, concluded: CONCLUDED[r.status] ?? null,
          waiting: r.status === 'pending' ? '待受理机关登记，答复期限自登记之日起算' : (clock?.explanation ?? null),
          url: `/requests/${encodeURIComponent(r.tracking_no)}`,
        };
      });
    },
    async admit(req, reply, trackingNo, accessCode) {
      if (!(await requestByAccess(app, trackingNo, accessCode))) return null;
      rememberRequest(app, req, reply, trackingNo);
      return `/requests/${encodeURIComponent(trackingNo)}`;
    },
  };
}
