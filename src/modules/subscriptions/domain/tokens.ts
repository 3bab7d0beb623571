import { timingSafeEqual } from 'node:crypto';
import type { Sealer } from '../../../platform/crypto/sealer.js';

/**
 * Signed links that need no sign-in: one-click unsubscribe (in every mail and in the center) and a
 * subscription's feed. The signature is an HMAC (the sealer's keyed hash, from the master key that
 * never leaves the server) over the purpose and the subscription id, so a link works for its one
 * subscription and purpose only, and a forged or altered one is recognised without a database read.
 */
export type LinkPurpose = 'unsubscribe' | 'feed';

function signature(sealer: Sealer, purpose: LinkPurpose, subscriptionId: number): string {
  return sealer.blindIndex(`gongkai-link-v1:${purpose}:${subscriptionId}`).slice(0, 32);
}

/** `123.<signature>`: the subscription id and its signature. */
export function signLink(sealer: Sealer, purpose: LinkPurpose, subscriptionId: number): string {
  return `${subscriptionId}.${signature(sealer, purpose, subscriptionId)}`;
}

/** The subscription id of a genuine token, or null for anything forged, altered or malformed. */
export function verifyLink(sealer: Sealer, purpose: LinkPurpose, token: unknown): number | null {
  if (typeof token !== 'string' || token.length > 80) return null;
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const id = Number(m[1]);
  const expected = Buffer.from(signature(sealer, purpose, id));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
