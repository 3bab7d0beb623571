import type { FastifyInstance } from 'fastify';
import { adminQaRoutes } from './routes.admin.js';
import { publicQaRoutes } from './routes.public.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** The policy Q&A library (政策问答库): entries under review, public browsing and search, import. */
export default async function qa(app: FastifyInstance) {
  registerPublicSection({ href: '/qa', label: '政策问答', order: 60, nav: true });
  await app.register(publicQaRoutes);
  await app.register(adminQaRoutes);
}
