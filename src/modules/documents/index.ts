import type { FastifyInstance } from 'fastify';
import { adminDocumentRoutes } from './routes.admin.js';
import { publicDocumentRoutes } from './routes.public.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** The policy library: documents with validity, versions and search (政策文件库). */
export default async function documents(app: FastifyInstance) {
  registerPublicSection({ href: '/library', label: '政策文件库', order: 10, nav: true });
  registerPublicSection({ href: '/library/invalid', label: '已废止、失效文件', order: 90, nav: true });
  await app.register(publicDocumentRoutes);
  await app.register(adminDocumentRoutes);
}
