import type { FastifyInstance } from 'fastify';
import { adminCalendarRoutes } from './routes.admin.js';
import { publicCalendarRoutes } from './routes.public.js';

/** The working-day calendar (工作日历): administrators' overrides and confirmed years, and the public deadline calculator. */
export default async function calendar(app: FastifyInstance) {
  await app.register(publicCalendarRoutes);
  await app.register(adminCalendarRoutes);
}
