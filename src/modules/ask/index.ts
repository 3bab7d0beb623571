import type { FastifyInstance } from 'fastify';
import { adminAskRoutes } from './routes.admin.js';
import { publicAskRoutes } from './routes.public.js';
import { registerCaseChannel } from '../../platform/tracked-cases/registry.js';
import { referralCaseChannel } from './tracked-case.js';

/** Smart answers (智能问答) with citations, the synonym dictionary, and questions sent to departments (转人工). */
export default async function ask(app: FastifyInstance) {
  registerCaseChannel(app, referralCaseChannel(app));
  await app.register(publicAskRoutes);
  await app.register(adminAskRoutes);
}
