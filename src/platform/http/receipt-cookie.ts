import type { FastifyInstance, FastifyReply } from 'fastify';

/** What a receipt page shows once, after Post/Redirect/Get: the new case's number and access code. */
export interface Receipt {
  trackingNo: string;
  accessCode: string;
}

const RECEIPT_MAX_AGE_S = 30 * 60;

/**
 * Hands a new tracking number and access code to the receipt page in a short-lived cookie that is
 * sealed (the code is never readable on the way) and signed, valid only under `path`.
 */
export function setReceiptCookie(app: FastifyInstance, reply: FastifyReply, name: string, path: string, receipt: Receipt): void {
  reply.setCookie(name, app.sealer.seal({ trackingNo: receipt.trackingNo, accessCode: receipt.accessCode }), { path, httpOnly: true, sameSite: 'lax', secure: app.deps.config.production, signed: true, maxAge: RECEIPT_MAX_AGE_S });
}

/** The receipt in the cookie, or null when it is missing, forged, tampered with or malformed. */
export function readReceiptCookie(app: FastifyInstance, raw: string | undefined): Receipt | null {
  if (!raw) return null;
  const u = app.unsignCookie(raw);
  if (!u.valid || !u.value) return null;
  try {
    const v = app.sealer.unseal<{ trackingNo: unknown; accessCode: unknown }>(u.value);
    return typeof v.trackingNo === 'string' && typeof v.accessCode === 'string' ? { trackingNo: v.trackingNo, accessCode: v.accessCode } : null;
  } catch {
    return null;
  }
}
