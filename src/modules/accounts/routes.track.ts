import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldErrors } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { caseChannels, normalizeTrackingInput } from '../../platform/tracked-cases/registry.js';
import { noStore } from './session.js';
import { TrackerPage } from './views/track-page.js';

/** As the channels' own tracking forms: every POST counts, a person looks up a few cases, not hundreds. */
const TRACK_RATE = { max: 20, timeWindow: 10 * 60 * 1000 };
const WRONG_PAIR = '编号或查询码不正确，请核对回执后重新输入。';

const trackSchema = z.object({
  trackingNo: z.string({ error: '请填写编号' }).transform(normalizeTrackingInput).pipe(z.string().min(1, '请填写编号').max(80, '编号过长，请核对回执')),
  accessCode: z.string({ error: '请填写查询码' }).transform(normalizeTrackingInput).pipe(z.string().min(1, '请填写查询码').max(20, '查询码不正确')),
});

/**
 * The site-wide tracker: a tracking number of any channel (disclosure request, referral, later
 * letters and work orders) with its access code goes to the channel it belongs to, which checks
 * the code, lets this browser open the case and names its page.
 */
export function trackerRoutes(app: FastifyInstance) {
  const page = (req: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FieldErrors, code = 200) => {
    noStore(reply);
    const kinds = caseChannels(app).map((c) => ({ label: c.label, example: c.example }));
    return sendHtml(reply, TrackerPage({ ctx: req.pageCtx, csrfToken: reply.generateCsrf(), values, errors, kinds }), code);
  };

  app.get<{ Querystring: { no?: string } }>('/track', (req, reply) =>
    page(req, reply, { trackingNo: typeof req.query.no === 'string' ? normalizeTrackingInput(req.query.no).slice(0, 80) : '' }),
  );

  app.post('/track', { config: { rateLimit: TRACK_RATE } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { trackingNo: typeof body.trackingNo === 'string' ? body.trackingNo.slice(0, 80) : '' };
    const parsed = parseInput(trackSchema, req.body);
    if (!parsed.ok) return page(req, reply, values, parsed.errors, 400);
    const { trackingNo, accessCode } = parsed.data;
    const channels = caseChannels(app).filter((c) => c.matches(trackingNo));
    if (channels.length === 0) {
      const kinds = caseChannels(app).map((c) => `${c.label}编号如 ${c.example}`).join('，');
      return page(req, reply, values, { trackingNo: `“${trackingNo}”不是本站发出的编号，请核对回执（${kinds}）。` }, 404);
    }
    // A number of one form may belong to more than one channel: the code decides.
    for (const c of channels) {
      const url = await c.admit(req, reply, trackingNo, accessCode);
      if (url) return reply.redirect(url, 303);
    }
    return page(req, reply, values, { _form: WRONG_PAIR }, 404);
  });
}
