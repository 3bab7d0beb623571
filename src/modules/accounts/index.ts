import type { FastifyInstance } from 'fastify';
import { authRoutes } from './routes.auth.js';
import { centerRoutes } from './routes.center.js';
import { trackerRoutes } from './routes.track.js';

/** The signed-in public account of a request, for other modules' pages about one person (their own cases). */
export { currentAccount } from './session.js';

/**
 * The public's own accounts: registration with a verified mobile number or e-mail, sign-in, the
 * personal center with the person's cases from every tracked-case channel and the inbox, and the
 * site-wide tracker (/track). Every page here is about one person: none goes through the page cache, and each is
 * sent with `cache-control: private, no-store`.
 */
export default async function accounts(app: FastifyInstance) {
  authRoutes(app);
  centerRoutes(app);
  trackerRoutes(app);
}
