import type { FastifyInstance } from 'fastify';
import { scheduleJob } from '../../platform/jobs/runner.js';
import { PUBLICITY_JOB } from './jobs.js';
import { adminItemRoutes } from './routes.admin.js';
import { publicItemRoutes } from './routes.public.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** Information items (信息): 工作动态, 通知公告, 公示 and the other catalog columns that are not policy documents. */
export default async function items(app: FastifyInstance) {
  registerPublicSection({ href: '/items', label: '公开信息', order: 30, nav: true });
  await app.register(publicItemRoutes);
  await app.register(adminItemRoutes);
  // The daily job that ends 公示 periods reschedules itself; this starts it once (a unique key: several instances, one job).
  app.addHook('onReady', async () => {
    await scheduleJob(app.deps.db, PUBLICITY_JOB, app.deps.clock.now(), { uniqueKey: PUBLICITY_JOB });
  });
}
