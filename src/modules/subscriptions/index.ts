import type { FastifyInstance } from 'fastify';
import { scheduleJob } from '../../platform/jobs/runner.js';
import { MAIL_JOB } from '../../platform/mail/sender.js';
import { adminOutboxRoutes } from './routes.admin.js';
import { subscriptionRoutes } from './routes.public.js';

/** Subscriptions (政策找人): what a subscriber follows, the fan-out after publication, feeds and unsubscribing. */
export default async function subscriptions(app: FastifyInstance) {
  subscriptionRoutes(app);
  await app.register(adminOutboxRoutes);
  // With an SMTP server, the mail sender runs every minute (it reschedules itself under this key).
  if (app.deps.config.smtpUrl) {
    app.addHook('onReady', async () => {
      await scheduleJob(app.deps.db, MAIL_JOB, app.deps.clock.now(), { uniqueKey: MAIL_JOB });
    });
  }
}
