import type { FastifyInstance } from 'fastify';
import { adminRequestRoutes } from './routes.admin.js';
import { requestReportRoutes } from './routes.report.js';
import { publicRequestRoutes } from './routes.public.js';
import { registerCaseChannel } from '../../platform/tracked-cases/registry.js';
import { requestCaseChannel } from './tracked-case.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** Disclosure requests (依申请公开) on the statutory clock: applying, handling, replying, reporting. */
export default async function requests(app: FastifyInstance) {
  registerPublicSection({ href: '/apply', label: '申请政府信息公开', order: 100, nav: true, navLabel: '申请公开' });
  registerPublicSection({ href: '/requests/track', label: '申请办理查询', order: 115, nav: false });
  registerCaseChannel(app, requestCaseChannel(app));
  await app.register(requestReportRoutes);
  await app.register(adminRequestRoutes);
  await app.register(publicRequestRoutes);
}
