import type { FastifyInstance } from 'fastify';
import { adminColumnRoutes } from './routes.admin.js';
import { publicColumnRoutes } from './routes.public.js';
import { listPublicColumnPages } from './queries/public.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** Topics and special columns (专题/专栏): column trees, items of any kind placed or submitted (报送) in them, their pages and feeds. */
export default async function columns(app: FastifyInstance) {
  registerPublicSection({
    href: '/columns', label: '专题专栏', order: 40, nav: true,
    pages: async (db) => (await listPublicColumnPages(db)).map((c) => ({ href: `/columns/${c.slug}`, label: c.name, depth: c.depth - 1, updatedAt: c.updated_at })),
  });
  await app.register(publicColumnRoutes);
  await app.register(adminColumnRoutes);
}
