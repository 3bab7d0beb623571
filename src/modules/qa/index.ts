import type { FastifyInstance } from 'fastify';
import { adminQaRoutes } from './routes.admin.js';
import { publicQaRoutes } from './routes.public.js';

/** The policy Q&A library (政策问答库): entries under review, public browsing and search, import. */
export default async function qa(app: FastifyInstance) {
  await app.register(publicQaRoutes);
  await app.register(adminQaRoutes);
}
