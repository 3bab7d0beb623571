import type { FastifyInstance } from 'fastify';
import { adminInterpretationRoutes } from './routes.admin.js';
import { oversightRoutes } from './routes.oversight.js';
import { publicInterpretationRoutes } from './routes.public.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** Policy interpretations (政策解读), published together with the documents they explain (三同步). */
export default async function interpretations(app: FastifyInstance) {
  registerPublicSection({ href: '/interpretations', label: '政策解读', order: 20, nav: true });
  await app.register(publicInterpretationRoutes);
  await app.register(adminInterpretationRoutes);
  await app.register(oversightRoutes);
}
