import type { FastifyInstance } from 'fastify';
import { adminColumnRoutes } from './routes.admin.js';
import { publicColumnRoutes } from './routes.public.js';

/** Topics and special columns (专题/专栏): column trees, items of any kind placed or submitted (报送) in them, their pages and feeds. */
export default async function columns(app: FastifyInstance) {
  await app.register(publicColumnRoutes);
  await app.register(adminColumnRoutes);
}
