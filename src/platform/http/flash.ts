import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A one-time message shown on the page a form redirects to (Post/Redirect/Get), carried in a
 * signed, short-lived cookie so that it cannot be forged into someone else's page.
 */
const FLASH_COOKIE = 'gk_flash';

export function setFlash(reply: FastifyReply, message: string, path = '/admin'): void {
  reply.setCookie(FLASH_COOKIE, message, { signed: true, httpOnly: true, sameSite: 'lax', path, maxAge: 60 });
}

export function takeFlash(req: FastifyRequest, reply: FastifyReply, path = '/admin'): string | null {
  const raw = req.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path });
  const v = req.unsignCookie(raw);
  return v.valid ? v.value : null;
}
