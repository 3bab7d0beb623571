import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUpload, type Upload } from '../../platform/files/uploads.js';
import type { RequestCommandContext } from './commands/request-action.js';
import type { FormValues } from './views/public-form-parts.js';

/** What the applicant's pages share: the applicant as the actor of a command, and a posted form as typed. */
export function applicantContext(app: FastifyInstance, req: FastifyRequest): RequestCommandContext {
  const { db, clock, storage, config } = app.deps;
  return { db, clock, actor: { id: null, label: '申请人（网上）', ip: req.ip }, sealer: app.sealer, storage, maxUploadBytes: config.maxUploadBytes };
}

/** The text fields of a posted form, as typed (files and secrets left out). */
export function textValues(body: unknown, omit: string[] = []): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const s = Array.isArray(v) ? v.find((x) => typeof x === 'string') : v;
    if (typeof s === 'string' && k !== '_csrf' && !omit.includes(k)) out[k] = s.slice(0, 5000);
  }
  return out;
}

export function uploadsOf(body: unknown): Upload[] {
  return [(body as Record<string, unknown> | undefined)?.attachments].flat().filter(isUpload);
}
