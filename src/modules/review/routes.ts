import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ItemType } from '../../db/schema.js';
import { formatChinaDateTime } from '../../platform/clock/clock.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { fields, isValidDate, parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { checkItem } from './checks.js';
import { applyReviewAction, resolveFinding, reviewActorOf, reviewSubject } from './commands/review-action.js';
import { replaceWording } from './commands/replace-wording.js';
import { ACTION_LABELS, levelLabel, refusal, REVIEW_TRANSITIONS, WITHDRAWAL_REASONS, type ReviewAction, type WithdrawalReason } from './domain/workflow.js';
import { contentKind, isContentType } from '../../platform/content/registry.js';
import { findOrganizationIn, findReviewItem, latestCheckRun, listAwaitingReview, listFlaggedTerms, listItemActions, listLedger, listQueue, organizationsIn, type QueueRow } from './queries.js';
import { draftScope, itemScope, ledgerScope, mayDismissFinding, mayEditTerms, mayOpenReview, mayReadTerms, mayReplaceWording, publisherScope, reviewerScope } from './policy.js';
import { deleteTerm, saveTerms, type TermInput } from './terms.js';
import { LedgerPage, ReviewPage, ReviewWorkbench, TYPE_LABELS } from './views/review-pages.js';
import { TermsPage } from './views/terms-page.js';

const ACTIONS = REVIEW_TRANSITIONS.map((t) => t.action).filter((a) => a !== 'publish_scheduled');

const actionSchema = z.object({
  comment: z.string().max(2000, '意见不能超过 2000 字').optional().transform((s) => s ?? ''),
  publishAt: z
    .string()
    .optional()
    .refine((s) => !s || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s), '发布时间格式应为 年-月-日 时:分')
    .transform((s) => (s ? new Date(`${s}:00+08:00`) : null)),
  withdrawalReason: z
    .string()
    .optional()
    .refine((s) => !s || Object.hasOwn(WITHDRAWAL_REASONS, s), '撤稿原因的取值无效')
    .transform((s) => (s ? (s as WithdrawalReason) : null)),
});

const findingSchema = z.object({
  key: fields.text('检查结果', 300),
  resolution: fields.oneOf('处理方式', ['dismissed', 'acknowledged'] as const),
  reason: fields.optionalText('理由', 200).transform((s) => s ?? ''),
});

const replaceSchema = z.object({ key: fields.text('检查结果', 300) });

const ledgerSchema = z.object({
  org: z.string().regex(/^\d{1,12}$/, '请选择机构').transform(Number),
  from: fields.date('开始日期'),
  to: fields.date('结束日期'),
  format: z.enum(['html', 'xlsx']).optional(),
});

/** Imported letters shown at a time: each row runs the automatic checks. */
const IMPORTED_SHOWN = 20;

/** The review workflow's back office: the workbench, the review page of an item, the ledger. */
export async function reviewRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;
  requireStaff(app);

  function itemRef(req: FastifyRequest<{ Params: { type: string; id: string } }>): { type: ItemType; id: number } {
    if (!isContentType(req.params.type) || !/^\d{1,12}$/.test(req.params.id)) throw new NotFoundError();
    return { type: req.params.type, id: Number(req.params.id) };
  }

  app.get('/admin/review', async (req, reply) => {
    const actor = actorOf(req);
    if (!mayOpenReview(actor)) throw new ForbiddenError('您没有审核、起草或发布的权限。');
    const [reviewerOrgs, publisherOrgs, editorOrgs] = await Promise.all([reviewerScope(db, actor), publisherScope(db, actor), draftScope(db, actor)]);
    const mine = (r: QueueRow) => [r.created_by, r.updated_by, r.submitted_by].includes(actor.id);
    const awaiting = await listAwaitingReview(db, actor.id, reviewerOrgs);
    const toReview = awaiting.filter((r) => !r.imported);
    const imported = awaiting.filter((r) => r.imported).slice(0, IMPORTED_SHOWN);
    const toPublish = await listQueue(db, { orgIds: publisherOrgs, statuses: ['approved', 'scheduled'] });
    const returned = (await listQueue(db, { orgIds: editorOrgs, statuses: ['draft'] })).filter(mine);
    const needsReview = (await listQueue(db, { orgIds: reviewerOrgs, statuses: [], needsReview: true })).filter((r) => !mine(r));
    const withChecks = async (rows: QueueRow[]) => {
      const out = [];
      for (const r of rows) {
        const report = await checkItem(db, contentKind(r.type), r.id, commandContext(app, req));
        out.push({ ...r, checks: { open: report.openBlocking + report.openWarnings, blocking: report.openBlocking } });
      }
      return out;
    };
    const ledgerOrgs = await organizationsIn(db, await ledgerScope(db, actor));
    return sendHtml(
      reply,
      ReviewWorkbench({
        ...adminView(req, reply),
        actorName: actor.displayName,
        now: clock.now(),
        ledgerOrgs,
        sections: [
          { title: '待我审核', hint: '按提交时间排列；本人起草或修改的稿件不会出现在这里。', rows: await withChecks(toReview) },
          { title: '待发布', hint: '已通过全部审核级别，可以发布或定时发布。', rows: await withChecks(toPublish) },
          { title: '我的草稿', hint: '未提交或被退回修改的稿件。', rows: await withChecks(returned) },
          { title: '紧急发布待补审', hint: '未经完整审核先行发布的稿件，补审后移出此清单。', rows: await withChecks(needsReview) },
          ...(imported.length ? [{ title: '导入的网民留言', hint: `随政策问答语料导入、审核后才公开的网民留言，排在本单位稿件之后；此处列出最早的 ${IMPORTED_SHOWN} 条。`, rows: await withChecks(imported) }] : []),
        ],
      }),
    );
  });

  async function renderItem(req: FastifyRequest, reply: FastifyReply, ref: { type: ItemType; id: number }, extra: { flash?: string | null; errors?: Record<string, string> } = {}, code = 200) {
    const kind = contentKind(ref.type);
    const actor = actorOf(req);
    const row = await findReviewItem(db, kind, ref.id, await itemScope(db, actor));
    if (!row) throw new NotFoundError(`${kind.label}不存在，或您无权查看。`);
    const report = await checkItem(db, kind, ref.id, commandContext(app, req));
    const history = await listItemActions(db, ref.type, ref.id);
    const subject = await reviewSubject(db, ref.type, row);
    const reviewActor = reviewActorOf(actor);
    const actions = ACTIONS.filter((a) => refusal(a, subject, reviewActor) === null);
    return sendHtml(
      reply,
      ReviewPage({
        ...adminView(req, reply),
        actorName: actor.displayName,
        item: { ...row, type: ref.type, adminUrl: kind.adminUrl(ref.id), publicUrl: row.status === 'published' ? kind.publicUrl(ref.id) : null },
        report,
        actions,
        canDismiss: mayDismissFinding(actor, row.org_id),
        canReplace: mayReplaceWording(actor, kind, row),
        history,
        ...extra,
      }),
      code,
    );
  }

  app.get<{ Params: { type: string; id: string }; Querystring: { done?: string } }>('/admin/review/:type/:id', (req, reply) => {
    const done = ACTIONS.find((a) => a === req.query.done);
    return renderItem(req, reply, itemRef(req), { flash: done ? `已${ACTION_LABELS[done]}。` : req.query.done === 'finding' ? '已记录处理结果。' : req.query.done === 'replace' ? '已替换为建议写法并保存，自动检查已按新内容重新进行。' : null });
  });

  app.post<{ Params: { type: string; id: string; action: string } }>('/admin/review/:type/:id/:action', async (req, reply) => {
    const ref = itemRef(req);
    if (req.params.action === 'replace') {
      // 一键替换: the suggested wording, saved as an edit of the item (perhaps into its open edition).
      const parsed = parseInput(replaceSchema, req.body);
      if (!parsed.ok) return renderItem(req, reply, ref, { errors: parsed.errors }, 422);
      let written: number;
      try {
        written = await replaceWording(commandContext(app, req), { actor: actorOf(req), ...ref, key: parsed.data.key, storage: app.deps.storage });
      } catch (err) {
        return renderItem(req, reply, ref, { errors: ruleErrorsOf(err) }, 422);
      }
      return reply.redirect(`/admin/review/${ref.type}/${written}?done=replace`, 303);
    }
    if (req.params.action === 'findings') {
      const parsed = parseInput(findingSchema, req.body);
      if (!parsed.ok) return renderItem(req, reply, ref, { errors: parsed.errors }, 422);
      try {
        await resolveFinding(commandContext(app, req), actorOf(req), { ...ref, ...parsed.data });
      } catch (err) {
        return renderItem(req, reply, ref, { errors: ruleErrorsOf(err) }, 422);
      }
      return reply.redirect(`/admin/review/${ref.type}/${ref.id}?done=finding`, 303);
    }
    const action = ACTIONS.find((a) => a === req.params.action) as ReviewAction | undefined;
    if (!action) throw new NotFoundError();
    const parsed = parseInput(actionSchema, req.body);
    if (!parsed.ok) return renderItem(req, reply, ref, { errors: parsed.errors }, 422);
    let outcome;
    try {
      outcome = await applyReviewAction(commandContext(app, req), actorOf(req), { ...ref, action, ...parsed.data });
    } catch (err) {
      return renderItem(req, reply, ref, { errors: ruleErrorsOf(err) }, 422);
    }
    if (outcome.status === 'published' || action === 'withdraw') app.pageCache.clear();
    return reply.redirect(`/admin/review/${ref.type}/${outcome.liveId === ref.id ? ref.id : outcome.liveId}?done=${action}`, 303);
  });

  app.get<{ Querystring: Record<string, string> }>('/admin/review/ledger', async (req, reply) => {
    const parsed = parseInput(ledgerSchema, req.query);
    if (!parsed.ok) throw new BadRequestError(Object.values(parsed.errors).join('；'));
    const actor = actorOf(req);
    const org = await findOrganizationIn(db, parsed.data.org, await ledgerScope(db, actor));
    if (!org) throw new NotFoundError('机构不存在，或您无权查看其台账。');
    const today = clock.today();
    const from = parsed.data.from ?? `${today.slice(0, 4)}-01-01`;
    const to = parsed.data.to ?? today;
    if (!isValidDate(from) || !isValidDate(to) || from > to) throw new BadRequestError('开始日期不能晚于结束日期');
    const rows = await listLedger(db, { orgIds: [parsed.data.org], from, to });
    if (parsed.data.format === 'xlsx') {
      const wb = new ExcelJS.Workbook();
      wb.creator = 'Gongkai';
      const ws = wb.addWorksheet('审查台账', { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = [
        { header: '时间', key: 'at', width: 20 },
        { header: '类型', key: 'type', width: 10 },
        { header: '稿件编号', key: 'id', width: 10 },
        { header: '标题', key: 'title', width: 50 },
        { header: '环节', key: 'action', width: 16 },
        { header: '审核人', key: 'staff', width: 12 },
        { header: '意见', key: 'comment', width: 40 },
        { header: '须处理问题数', key: 'blocking', width: 14 },
        { header: '提示数', key: 'warnings', width: 10 },
      ];
      ws.getRow(1).font = { bold: true };
      for (const r of rows) {
        ws.addRow({
          at: formatChinaDateTime(r.created_at),
          type: TYPE_LABELS[r.item_type],
          id: r.item_id,
          title: r.title ?? '',
          action: `${ACTION_LABELS[r.action as ReviewAction] ?? r.action}${r.level ? `（${levelLabel(r.level, r.review_levels)}）` : ''}`,
          staff: r.staff,
          comment: r.comment,
          blocking: r.findings.blocking ?? null,
          warnings: r.findings.warnings ?? null,
        });
      }
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const name = `审查台账-${org.name}-${from}至${to}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buf);
    }
    const query = new URLSearchParams({ org: String(parsed.data.org), from, to }).toString();
    return sendHtml(reply, LedgerPage({ ...adminView(req, reply), actorName: actor.displayName, org: org.name, from, to, rows, query }));
  });
}

const termSchema = z.object({
  term: z.string().trim().max(100, '词语不能超过 100 个字').optional().transform((s) => s ?? ''),
  category: z.string().trim().max(50, '类别不能超过 50 个字').optional().transform((s) => s || '未分类'),
  action: fields.oneOf('处理方式', ['block', 'suggest', 'warn'] as const),
  replacement: fields.optionalText('正确写法', 100),
  bulk: z.string().max(200_000, '批量内容过长，请分批添加').optional().transform((s) => s ?? ''),
});

/** The dictionary: everyone in the back office may read it; administrators and the disclosure office maintain it. */
export async function termRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  requireStaff(app);

  const canEdit = (req: FastifyRequest) => mayEditTerms(db, actorOf(req));

  async function render(req: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; values?: Record<string, string>; flash?: string | null } = {}, code = 200) {
    const query_ = req.query as { q?: string; page?: string };
    const q = (query_.q ?? '').trim().slice(0, 100);
    const page = Math.max(1, Math.min(10_000, Number(query_.page) || 1));
    const [{ terms, total }, { run, hits }] = await Promise.all([listFlaggedTerms(db, { q, page, pageSize: 50 }), latestCheckRun(db)]);
    return sendHtml(
      reply,
      TermsPage({ ...adminView(req, reply), actorName: actorOf(req).displayName, canEdit: await canEdit(req), terms, total, page, q, run, hits, ...extra }),
      code,
    );
  }

  app.get<{ Querystring: { saved?: string } }>('/admin/checks/terms', (req, reply) => {
    if (!mayReadTerms(actorOf(req))) throw new ForbiddenError('您没有查看错敏词库的权限。');
    return render(req, reply, { flash: req.query.saved ? '已保存，系统将复查已发布的信息。' : null });
  });

  app.post('/admin/checks/terms', async (req, reply) => {
    if (!(await canEdit(req))) throw new ForbiddenError('错敏词库全站通用，只有市级管理员和市政务公开办可以维护。');
    const values = req.body as Record<string, string>;
    const parsed = parseInput(termSchema, req.body);
    if (!parsed.ok) return render(req, reply, { errors: parsed.errors, values }, 422);
    const f = parsed.data;
    const terms: TermInput[] = [];
    if (f.term) terms.push({ term: f.term, category: f.category, action: f.action, replacement: f.replacement, note: '' });
    for (const [n, line] of f.bulk.split(/\r?\n/).entries()) {
      if (!line.trim()) continue;
      const [term = '', category = '未分类', action = 'block', replacement = ''] = line.split(/[,，\t]/).map((s) => s.trim());
      if (!term || term.length > 100 || /[<>]/.test(term)) return render(req, reply, { errors: { bulk: `第 ${n + 1} 行的词语无效` }, values }, 422);
      if (action !== 'block' && action !== 'suggest' && action !== 'warn') return render(req, reply, { errors: { bulk: `第 ${n + 1} 行的处理方式应为 block、suggest 或 warn` }, values }, 422);
      terms.push({ term, category: category || '未分类', action, replacement: replacement || null, note: '' });
    }
    try {
      await saveTerms(commandContext(app, req), actorOf(req).id, terms);
    } catch (err) {
      return render(req, reply, { errors: ruleErrorsOf(err), values }, 422);
    }
    return reply.redirect('/admin/checks/terms?saved=1', 303);
  });

  app.post<{ Params: { id: string } }>('/admin/checks/terms/:id/delete', async (req, reply) => {
    if (!(await canEdit(req))) throw new ForbiddenError('错敏词库全站通用，只有市级管理员和市政务公开办可以维护。');
    if (!/^\d{1,12}$/.test(req.params.id)) throw new NotFoundError();
    try {
      await deleteTerm(commandContext(app, req), Number(req.params.id));
    } catch (err) {
      return render(req, reply, { errors: ruleErrorsOf(err) }, 422);
    }
    return reply.redirect('/admin/checks/terms?saved=1', 303);
  });
}
