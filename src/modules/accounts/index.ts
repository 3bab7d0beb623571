import type { FastifyInstance } from 'fastify';
import { authRoutes } from './routes.auth.js';
import { centerRoutes } from './routes.center.js';
import { trackerRoutes } from './routes.track.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** The signed-in public account of a request, for other modules' pages about one person (their own cases). */
export { currentAccount } from './session.js';

/**
 * The public's own accounts: registration with a verified mobile number or e-mail, sign-in, the
 * personal center with the person's cases from every tracked-case channel and the inbox, and the
 * site-wide tracker (/track). Every page here is about one person: none goes through the page cache, and each is
 * sent with `cache-control: private, no-store`.
 */
export default async function accounts(app: FastifyInstance) {
  registerPublicSection({ href: '/track', label: '办件查询', order: 110, nav: true });
  // The same link for everyone, so a cached page never shows one visitor's state to another.
  registerPublicSection({ href: '/account', label: '个人中心', order: 130, nav: true });
  authRoutes(app);
  centerRoutes(app);
  trackerRoutes(app);
}
