import type { FastifyInstance } from 'fastify';
import { adminAskRoutes } from './routes.admin.js';
import { publicAskRoutes } from './routes.public.js';
import { registerCaseChannel } from '../../platform/tracked-cases/registry.js';
import { referralCaseChannel } from './tracked-case.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** Smart answers (智能问答) with citations, the synonym dictionary, and questions sent to departments (转人工). */
export default async function ask(app: FastifyInstance) {
  registerPublicSection({ href: '/ask', label: '智能问答', order: 70, nav: true });
  registerCaseChannel(app, referralCaseChannel(app));
  await app.register(publicAskRoutes);
  await app.register(adminAskRoutes);
}
