import type { InterpretationRule } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { sanitizeBodyInput } from '../../../platform/html/sanitize.js';
import { validateIndexTemplate } from '../domain/index-number.js';

export interface OrganizationChanges {
  name: string;
  shortName: string;
  address: string;
  postcode: string;
  phone: string;
  fax: string;
  email: string;
  officeHours: string;
  guideHtml: string;
  indexTemplate: string;
  /** Review levels before publication (初审/复审/终审), 1 to 3. */
  reviewLevels: number;
  /** 三同步: whether a normative document needs its interpretation submitted with it, or within a grace period. */
  interpretationRule: InterpretationRule;
  interpretationGraceDays: number;
  /** 依申请公开: replies go through the disclosure office's procedural review before they are sent. */
  replyReview: boolean;
  /** Whether the reply clock stops between a fee notice and payment. */
  feePausesClock: boolean;
  /** Working days an applicant is given to correct a request, by default. */
  correctionDays: number;
}

/** An admin edits the organization's contact details, disclosure guide (条例 第12条), 索引号 template and publishing rules. */
export async function updateOrganization(ctx: CommandContext & { allowedOrgIds: number[] }, orgId: number, c: OrganizationChanges): Promise<void> {
  if (!ctx.allowedOrgIds.includes(orgId)) throw new ForbiddenError();
  const templateError = validateIndexTemplate(c.indexTemplate);
  if (templateError) throw new RuleError(templateError, 'indexTemplate');
  await inTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('organizations').selectAll().where('id', '=', orgId).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError();
    const after = {
      name: c.name,
      short_name: c.shortName,
      address: c.address,
      postcode: c.postcode,
      phone: c.phone,
      fax: c.fax,
      email: c.email,
      office_hours: c.officeHours,
      guide_html: sanitizeBodyInput(c.guideHtml),
      index_template: c.indexTemplate,
      review_levels: c.reviewLevels,
      interpretation_rule: c.interpretationRule,
      interpretation_grace_days: c.interpretationGraceDays,
      request_reply_review: c.replyReview,
      request_fee_pauses_clock: c.feePausesClock,
      request_correction_days: c.correctionDays,
      updated_at: ctx.clock.now(),
    };
    await trx.updateTable('organizations').set(after).where('id', '=', orgId).execute();
    const { guide_html: _g, created_at: _c, updated_at: _u, ...rest } = before;
    await recordEvent(trx, {
      actor: ctx.actor,
      action: 'organization.update',
      entityType: 'organization',
      entityId: orgId,
      orgId,
      before: { ...rest, guide_length: before.guide_html.length },
      after: { ...after, guide_html: undefined, guide_length: after.guide_html.length, updated_at: undefined },
      at: ctx.clock.now(),
    });
  });
}
