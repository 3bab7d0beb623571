import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/admin.js';
import { ForbiddenError, type FieldErrors } from '../../platform/http/errors.js';
import { setFlash } from '../../platform/http/flash.js';
import { fields, parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { isUpload, type Upload } from '../../platform/files/uploads.js';
import { idParam } from '../../platform/content/lifecycle.js';
import type { RequestCase } from './case.js';
import { actorKindsFor, mayHandle } from './policy.js';
import type { ActionInput } from './commands/action-effects.js';
import { linkDocument, recordAppeal, unlinkDocument } from './commands/case-records.js';
import { addReplyFiles, removeReplyFile } from './commands/reply-materials.js';
import { findDocumentsToLink } from './queries.public.js';
import { saveReplyDraft } from './commands/reply-draft.js';
import { applyRequestAction } from './commands/request-action.js';
import type { RequestAction } from './domain/workflow.js';
import { requestContext, type RenderCase } from './routes.admin.js';
import { appealSchema, consultationEndSchema, consultationSchema, correctionSchema, deliverySchema, extensionSchema, feeSchema, replyDraftSchema } from './schemas.js';

/**
 * The forms of the case page. Each posts to its own path, is validated at the edge, runs one
 * command, and redirects back with a message (Post/Redirect/Get) — or shows the case again with
 * the typed values and a Chinese message beside the field.
 */
const reason = (label: string) => z.object({ reason: fields.text(label, 500) });
const optionalOn = z.object({ on: fields.date('日期') });

/** How each step's form becomes the command's input. */
const ACTION_FORMS: { [A in RequestAction]: (body: Record<string, unknown>, uploads: Upload[]) => ReturnType<typeof parseInput> | { ok: true; data: unknown } } = {
  register: () => ({ ok: true, data: {} }),
  assign: (b) => parseInput(z.object({ handlerId: z.string({ error: '请选择办理人' }).regex(/^\d{1,12}$/, '请选择办理人').transform(Number) }), b),
  request_correction: (b) => parseInput(correctionSchema, b),
  receive_correction: (b, uploads) => {
    const r = parseInput(z.object({ on: fields.date('收到补正的日期'), description: fields.optionalText('补正后的内容描述', 4000) }), b);
    return r.ok ? { ok: true, data: { ...r.data, attachments: uploads } } : r;
  },
  start_consultation: (b) => parseInput(consultationSchema, b),
  end_consultation: (b) => parseInput(consultationEndSchema, b),
  request_extension: (b) => parseInput(extensionSchema, b),
  approve_extension: () => ({ ok: true, data: {} }),
  refuse_extension: (b) => parseInput(reason('不同意延期的理由'), b),
  notify_fee: (b) => parseInput(feeSchema, b),
  record_payment: (b) => parseInput(optionalOn, b),
  submit_reply: () => ({ ok: true, data: {} }),
  return_reply: (b) => parseInput(z.object({ comment: fields.text('退回意见', 1000) }), b),
  approve_reply: () => ({ ok: true, data: {} }),
  send_reply: () => ({ ok: true, data: {} }),
  record_delivery: (b) => parseInput(deliverySchema, b),
  archive: () => ({ ok: true, data: {} }),
  withdraw: (b) => parseInput(reason('撤回理由'), b),
  // Its own field name: the withdrawal's 理由 can be on the same page.
  transfer: (b) => parseInput(z.object({ toOrgId: z.string({ error: '请选择有权机关' }).regex(/^\d{1,12}$/, '请选择有权机关').transform(Number), transferReason: fields.text('转送理由', 500) }).transform((x) => ({ toOrgId: x.toOrgId, reason: x.transferReason })), b),
};

export function registerCaseActions(app: FastifyInstance, h: { renderCase: RenderCase; visibleCase: (req: FastifyRequest, id: number) => Promise<RequestCase> }) {
  const { db } = app.deps;
  const stringValues = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

  /** Runs a form's command; on a refused input shows the case again with the message (nothing was written). */
  async function run(req: FastifyRequest, reply: Parameters<RenderCase>[1], id: number, work: () => Promise<string>, badCode = 422) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      const message = await work();
      setFlash(reply, message, '/admin/requests');
      return reply.redirect(`/admin/requests/${id}`, 303);
    } catch (err) {
      const errors = ruleErrorsOf(err);
      return h.renderCase(req, reply, id, { errors, values: stringValues(body) }, badCode);
    }
  }
  const invalid = (req: FastifyRequest, reply: Parameters<RenderCase>[1], id: number, errors: FieldErrors) =>
    h.renderCase(req, reply, id, { errors, values: stringValues((req.body ?? {}) as Record<string, unknown>) }, 400);

  app.post<{ Params: { id: string; action: string } }>('/admin/requests/:id/actions/:action', async (req, reply) => {
    const id = idParam(req.params.id);
    const c = await h.visibleCase(req, id);
    const action = req.params.action as RequestAction;
    const form = ACTION_FORMS[action];
    if (!form) throw new ForbiddenError('未知的办理操作。');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = form(body, [body.attachments].flat().filter(isUpload) as Upload[]);
    if (!parsed.ok) return invalid(req, reply, id, parsed.errors);
    const kinds = await actorKindsFor(db, actorOf(req), c.row.org_id);
    return run(req, reply, id, async () => (await applyRequestAction(requestContext(app, req), id, kinds, { action, ...(parsed.data as object) } as ActionInput)).message);
  });

  // Handlers only from here on: drafting the reply, linking published information, recording appeals.
  async function asHandler(req: FastifyRequest, id: number) {
    const c = await h.visibleCase(req, id);
    if (!mayHandle(await actorKindsFor(db, actorOf(req), c.row.org_id))) throw new ForbiddenError('只有本机关的依申请公开办理人可以进行此操作。');
    return c;
  }

  app.post<{ Params: { id: string } }>('/admin/requests/:id/reply', async (req, reply) => {
    const id = idParam(req.params.id);
    await asHandler(req, id);
    const parsed = parseInput(replyDraftSchema, req.body);
    if (!parsed.ok) return invalid(req, reply, id, parsed.errors);
    const recompose = (req.body as Record<string, unknown>).compose !== undefined;
    return run(req, reply, id, async () => {
      await saveReplyDraft(requestContext(app, req), id, { ...parsed.data, body: recompose ? '' : parsed.data.body });
      return recompose ? '已按所选办理结果生成答复书，请核对修改后保存' : '已保存答复书草稿';
    });
  });

  app.post<{ Params: { id: string } }>('/admin/requests/:id/documents', async (req, reply) => {
    const id = idParam(req.params.id);
    await asHandler(req, id);
    const parsed = parseInput(z.object({ documentId: z.string({ error: '请在搜索结果中选择要关联的文件' }).trim().regex(/^\d{1,12}$/, '请在搜索结果中选择要关联的文件').transform(Number) }), req.body);
    if (!parsed.ok) return invalid(req, reply, id, parsed.errors);
    return run(req, reply, id, async () => {
      await linkDocument(requestContext(app, req), id, parsed.data.documentId);
      return '已关联已公开的信息';
    });
  });

  // The reply's files and linked documents (part of the reply: see commands/reply-materials.ts).
  app.post<{ Params: { id: string } }>('/admin/requests/:id/reply-files', async (req, reply) => {
    const id = idParam(req.params.id);
    await asHandler(req, id);
    const uploads = [((req.body ?? {}) as Record<string, unknown>).attachments].flat().filter(isUpload) as Upload[];
    return run(req, reply, id, async () => `已添加 ${await addReplyFiles(requestContext(app, req), id, uploads)} 个随答复提供的文件`);
  });

  app.post<{ Params: { id: string; aid: string } }>('/admin/requests/:id/reply-files/:aid/remove', async (req, reply) => {
    const id = idParam(req.params.id);
    await asHandler(req, id);
    const aid = idParam(req.params.aid);
    return run(req, reply, id, async () => `已移除文件“${await removeReplyFile(requestContext(app, req), id, aid)}”`);
  });

  app.post<{ Params: { id: string; docId: string } }>('/admin/requests/:id/documents/:docId/remove', async (req, reply) => {
    const id = idParam(req.params.id);
    await asHandler(req, id);
    const docId = idParam(req.params.docId);
    return run(req, reply, id, async () => {
      await unlinkDocument(requestContext(app, req), id, docId);
      return '已取消关联';
    });
  });

  // The search box's results as JSON (admin.js); without script the case page lists them (?dq=).
  app.get<{ Params: { id: string }; Querystring: { q?: string } }>('/admin/requests/:id/documents/search', async (req, reply) => {
    const id = idParam(req.params.id);
    await asHandler(req, id);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    reply.header('cache-control', 'private, no-store');
    return { items: q ? await findDocumentsToLink(db, q) : [] };
  });

  app.post<{ Params: { id: string } }>('/admin/requests/:id/appeals', async (req, reply) => {
    const id = idParam(req.params.id);
    await asHandler(req, id);
    const parsed = parseInput(appealSchema.extend({ appealId: z.string().regex(/^\d{1,12}$/).optional().transform((s) => (s ? Number(s) : null)) }), req.body);
    if (!parsed.ok) return invalid(req, reply, id, parsed.errors);
    const { appealId, ...input } = parsed.data;
    return run(req, reply, id, async () => {
      await recordAppeal(requestContext(app, req), id, input, appealId);
      return '已登记行政复议或诉讼情况';
    });
  });
}
