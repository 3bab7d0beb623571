import type { Kysely } from 'kysely';
import type { Database, ItemType } from '../../db/schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { JobHandler } from '../../platform/jobs/runner.js';
import { applyReviewAction } from './commands/review-action.js';
import { isContentType } from '../../platform/content/registry.js';
import { checkLinks, type FetchLike } from './link-check.js';
import { rescanPublished } from './terms.js';

const SYSTEM = { id: null, label: '系统（定时任务）' };

/** The review module's background work: scheduled publication, link checks, and rescans after dictionary changes. */
export function reviewJobHandlers(db: Kysely<Database>, clock: Clock, onPublished: () => void, fetchImpl?: FetchLike): Record<string, JobHandler> {
  const ctx = { db, clock, actor: SYSTEM };
  return {
    'publish-scheduled': {
      async run(payload) {
        const p = payload as { type?: string; id?: number };
        if (!p.type || !isContentType(p.type) || typeof p.id !== 'number') return;
        // A no-op when the item was unscheduled, returned or rescheduled since (another job carries the new time).
        const r = await applyReviewAction(ctx, 'system', { type: p.type as ItemType, id: p.id, action: 'publish_scheduled', comment: '' }).catch((err: { statusCode?: number }) => {
          if (err.statusCode === 422 || err.statusCode === 404) return null;
          throw err;
        });
        if (r?.status === 'published') onPublished();
      },
    },
    'check-links': {
      async run(payload) {
        const urls = (payload as { urls?: unknown }).urls;
        if (Array.isArray(urls)) await checkLinks(db, clock, urls.filter((u): u is string => typeof u === 'string'), fetchImpl);
      },
    },
    'rescan-published': {
      async run(payload) {
        await rescanPublished(db, ctx, (payload as { reason?: string }).reason ?? '词库变更');
      },
    },
  };
}
