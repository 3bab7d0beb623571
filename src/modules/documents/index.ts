import type { FastifyInstance } from 'fastify';
import { adminDocumentRoutes } from './routes.admin.js';
import { publicDocumentRoutes } from './routes.public.js';

/** The policy library: documents with validity, versions and search (政策文件库). */
export default async function documents(app: FastifyInstance) {
  await app.register(publicDocumentRoutes);
  await app.register(adminDocumentRoutes);
}
