import type { Kysely } from 'kysely';
import { parseConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import type { JobHandler } from '../../platform/jobs/runner.js';
import { MAIL_JOB, sendDueMail } from '../../platform/mail/sender.js';
import { smtpTransport, type MailTransport } from '../../platform/mail/smtp.js';
import { runFanout, type FanoutOptions } from './fanout.js';
import { isContentType } from '../../platform/content/registry.js';
import { FANOUT_JOB, type PublishedItemType } from './publication.js';

export interface SubscriptionJobOptions {
  /** The site's address for links in mail (PUBLIC_URL); without it, http://localhost:PORT. */
  baseUrl: string;
  siteName: string;
  /** null: no SMTP configured, mail stays in the outbox. */
  transport: MailTransport | null;
  mailFrom: string;
  batchSize?: number;
  stopAfterBatches?: FanoutOptions['stopAfterBatches'];
}

/** The options from the environment, as the server's configuration reads it. */
export function jobOptionsFromEnvironment(): SubscriptionJobOptions {
  const config = parseConfig();
  return {
    baseUrl: config.publicUrl?.replace(/\/$/, '') ?? `http://localhost:${config.port}`,
    siteName: config.siteName,
    transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : null,
    mailFrom: config.mailFrom,
  };
}

/**
 * Background work of this module, by job name: the fan-out of one publication (queued by
 * notePublication in the publishing transaction) and the mail sender, every minute.
 */
export function subscriptionsJobHandlers(db: Kysely<Database>, clock: Clock, sealer: Sealer, options?: SubscriptionJobOptions): Record<string, JobHandler> {
  let opts = options;
  const get = () => (opts ??= jobOptionsFromEnvironment());
  return {
    [FANOUT_JOB]: {
      async run(payload) {
        const p = payload as { type?: unknown; id?: unknown };
        if (typeof p.type !== 'string' || !isContentType(p.type) || !Number.isSafeInteger(p.id)) throw new Error(`订阅推送任务参数无效：${JSON.stringify(payload)}`);
        const o = get();
        await runFanout(db, clock, sealer, { type: p.type as PublishedItemType, id: p.id as number }, { baseUrl: o.baseUrl, siteName: o.siteName, batchSize: o.batchSize, stopAfterBatches: o.stopAfterBatches });
      },
    },
    [MAIL_JOB]: {
      async run() {
        const o = get();
        // Drain what is due now, a hundred at a time; later retries wait for their own minute.
        for (let i = 0; i < 50; i++) {
          const r = await sendDueMail(db, clock, sealer, o.transport, o.mailFrom);
          if (r.sent + r.failed + r.gaveUp < 100) break;
        }
      },
      next: (now) => new Date(now.getTime() + 60_000),
    },
  };
}
