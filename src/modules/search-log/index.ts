import type { FastifyInstance } from 'fastify';
import { startRecorder } from './recorders.js';
import { adminSearchLogRoutes } from './routes.admin.js';
import { publicSearchLogRoutes } from './routes.public.js';

/**
 * The search log (搜索分析, issue 17): the library's queries counted per week — 搜索热词, 无结果词,
 * 无人点击 — with their exports, and best bets (推荐结果) pinned to a query. Decisions: ADR 0022.
 */
export default async function searchLog(app: FastifyInstance) {
  startRecorder(app);
  await app.register(publicSearchLogRoutes);
  await app.register(adminSearchLogRoutes);
}
