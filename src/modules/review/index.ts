import type { FastifyInstance } from 'fastify';
import { reviewRoutes, termRoutes } from './routes.js';

/** Publishing under review (先审后发): the workflow, the automatic checks and their dictionary, the ledger. */
export default async function review(app: FastifyInstance) {
  await app.register(reviewRoutes);
  await app.register(termRoutes);
}
