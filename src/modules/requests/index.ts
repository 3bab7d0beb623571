import type { FastifyInstance } from 'fastify';
import { adminRequestRoutes } from './routes.admin.js';
import { requestReportRoutes } from './routes.report.js';
import { publicRequestRoutes } from './routes.public.js';
import { registerCaseChannel } from '../../platform/tracked-cases/registry.js';
import { requestCaseChannel } from './tracked-case.js';

/** Disclosure requests (依申请公开) on the statutory clock: applying, handling, replying, reporting. */
export default async function requests(app: FastifyInstance) {
  registerCaseChannel(app, requestCaseChannel(app));
  await app.register(requestReportRoutes);
  await app.register(adminRequestRoutes);
  await app.register(publicRequestRoutes);
}
