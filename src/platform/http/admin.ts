import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/sessions.js';
import type { CommandContext } from './command.js';
import { HttpError } from './errors.js';

/**
 * Registers the guard of a back-office plugin: every route in it needs a signed-in staff member;
 * anonymous visitors go to the login page.
 */
export function requireStaff(app: FastifyInstance): void {
  app.addHook('preHandler', async (req, reply) => {
    if (!req.actor) {
      return reply.redirect(`/admin/login?next=${encodeURIComponent(req.url)}`, 303);
    }
  });
}

export function actorOf(req: FastifyRequest): Actor {
  // requireStaff has already sent anonymous visitors to the login page; this only guards misuse.
  if (!req.actor) throw new HttpError(401, '请先登录');
  return req.actor;
}

export function commandContext(app: FastifyInstance, req: FastifyRequest): CommandContext {
  const actor = actorOf(req);
  return { db: app.deps.db, clock: app.deps.clock, actor: { id: actor.id, label: `${actor.displayName}（${actor.username}）`, ip: req.ip } };
}

/** What every back-office view needs: who is signed in and a CSRF token for its forms. */
export function adminView(req: FastifyRequest, reply: FastifyReply) {
  return { ctx: req.pageCtx, actorName: req.actor?.displayName ?? null, csrfToken: reply.generateCsrf() };
}
