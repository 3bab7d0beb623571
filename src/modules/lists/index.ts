import type { FastifyInstance } from 'fastify';
import { adminListRoutes } from './routes.admin.js';
import { publicListRoutes } from './routes.public.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** Official lists (清单): versioned tables per list type, reviewed and published as `list_version`. */
export default async function lists(app: FastifyInstance) {
  registerPublicSection({ href: '/lists', label: '清单', order: 50, nav: true });
  await app.register(publicListRoutes);
  await app.register(adminListRoutes);
}
