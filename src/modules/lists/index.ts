import type { FastifyInstance } from 'fastify';
import { adminListRoutes } from './routes.admin.js';
import { publicListRoutes } from './routes.public.js';

/** Official lists (清单): versioned tables per list type, reviewed and published as `list_version`. */
export default async function lists(app: FastifyInstance) {
  await app.register(publicListRoutes);
  await app.register(adminListRoutes);
}
