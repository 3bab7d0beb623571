import type { FastifyInstance } from 'fastify';
import { authRoutes } from './routes.auth.js';
import { centerRoutes } from './routes.center.js';

/**
 * The public's own accounts: registration with a verified e-mail, sign-in, the personal center and
 * its inbox. Every page here is about one person: none goes through the page cache, and each is
 * sent with `cache-control: private, no-store`.
 */
export default async function accounts(app: FastifyInstance) {
  authRoutes(app);
  centerRoutes(app);
}
