import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReferralStatus } from '../../db/schema-ask.js';
import { accessMatches, rememberCase, type CaseChannel } from '../../platform/tracked-cases/registry.js';
import { accessCodeHash } from '../requests/public.js';
import { REFERRAL_STATUS_LABELS } from './domain/referral-workflow.js';
import { findReferralByTrackingNo, type PublicReferral } from './queries/pages.js';

/** Questions sent to a department (转人工) as a tracked-case channel: the personal center's list, and the site-wide tracker. */

export const TRACK_COOKIE = 'gk_ask_track';
/** ZX-SLUG-YYYY-NNNNN (咨询). */
export const TRACKING_NO = /^ZX-[A-Z0-9-]{1,70}-\d{4}-\d{5,}$/;
const CONCLUDED: Partial<Record<ReferralStatus, string>> = { answered: '已答复', closed: '已办结' };

/** The referral behind a tracking number when the access code is right; null for an unknown number or a wrong code alike. */
export async function referralByAccess(app: FastifyInstance, trackingNo: string, accessCode: string): Promise<PublicReferral | null> {
  const r = TRACKING_NO.test(trackingNo) ? await findReferralByTrackingNo(app.deps.db, trackingNo) : null;
  return accessMatches(accessCodeHash(app, trackingNo, accessCode), r?.access_code_hash, accessCodeHash(app, 'none', 'none')) ? (r ?? null) : null;
}

export function rememberReferral(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, trackingNo: string): void {
  rememberCase(req, reply, { cookie: TRACK_COOKIE, path: '/ask', pattern: TRACKING_NO, secure: app.deps.config.production }, trackingNo);
}

export function referralCaseChannel(app: FastifyInstance): CaseChannel {
  return {
    label: '政策咨询',
    example: 'ZX-FGW-2026-00001',
    matches: (no) => TRACKING_NO.test(no),
    async listForAccount(accountId, limit) {
      const rows = await app.deps.db
        .selectFrom('referrals as r')
        .innerJoin('organizations as o', 'o.id', 'r.org_id')
        .select(['r.tracking_no', 'r.question', 'r.status', 'r.submitted_at', 'r.due_on', 'o.name as org_name'])
        .where('r.account_id', '=', accountId)
        .orderBy('r.submitted_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        channelLabel: '政策咨询', trackingNo: r.tracking_no, title: r.question, orgName: r.org_name, statusLabel: REFERRAL_STATUS_LABELS[r.status], submittedAt: r.submitted_at,
        dueOn: r.due_on, concluded: CONCLUDED[r.status] ?? null, waiting: null, url: `/ask/referrals/${encodeURIComponent(r.tracking_no)}`,
      }));
    },
    async admit(req, reply, trackingNo, accessCode) {
      if (!(await referralByAccess(app, trackingNo, accessCode))) return null;
      rememberReferral(app, req, reply, trackingNo);
      return `/ask/referrals/${encodeURIComponent(trackingNo)}`;
    },
  };
}
