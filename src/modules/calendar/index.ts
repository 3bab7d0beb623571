import type { FastifyInstance } from 'fastify';
import { adminCalendarRoutes } from './routes.admin.js';
import { publicCalendarRoutes } from './routes.public.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** The working-day calendar (工作日历): administrators' overrides and confirmed years, and the public deadline calculator. */
export default async function calendar(app: FastifyInstance) {
  registerPublicSection({ href: '/deadline', label: '答复期限计算器', order: 120, nav: false });
  await app.register(publicCalendarRoutes);
  await app.register(adminCalendarRoutes);
}
