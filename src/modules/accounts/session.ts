import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACCOUNT_COOKIE, loadAccount, type PublicAccount } from '../../platform/auth/accounts.js';
import type { AuditActor } from '../../platform/audit/audit.js';

/**
 * The signed-in public account of a request, for the personal center and the subscription pages.
 * Loaded on demand (public pages never look at the cookie, so a cached public page cannot carry
 * one person's state to another) and once per request.
 */
const loaded = new WeakMap<FastifyRequest, Promise<PublicAccount | null>>();

export function currentAccount(app: FastifyInstance, req: FastifyRequest): Promise<PublicAccount | null> {
  let p = loaded.get(req);
  if (!p) {
    p = loadAccount(app.deps.db, req.cookies[ACCOUNT_COOKIE], app.deps.clock.now());
    loaded.set(req, p);
  }
  return p;
}

/** Pages about one person are never stored by a browser or a shared cache. */
export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');
}

/** The account, or a redirect to sign in (and back here afterwards); null when redirected. */
export async function requireAccount(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<PublicAccount | null> {
  noStore(reply);
  const account = await currentAccount(app, req);
  if (!account) {
    await reply.redirect(`/account/login?next=${encodeURIComponent(req.url)}`, 303);
    return null;
  }
  return account;
}

export function accountCookieOptions(app: FastifyInstance, req: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: app.deps.config.production || req.protocol === 'https' };
}

/** How a public account appears in the audit log: never its address, only the masked one. */
export function accountActor(account: { id: number; emailMasked: string }, ip?: string): AuditActor {
  return { id: null, label: `公众账号 #${account.id}（${account.emailMasked}）`, ip: ip ?? null };
}


/** Only same-site personal-center paths are followed after sign-in (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(account|subscriptions)(\/|$|\?)/.test(next) && !next.includes('//') ? next : '/account';
}
