import type { Transaction } from 'kysely';
import type { Database, OrganizationKind } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { templateFor, type CatalogTemplateNode } from '../catalog-template.js';
import { defaultGuideHtml } from '../guide-template.js';
import { assertCodeAvailable, assertSlugAvailable, loadParent, requireSiteAdmin, type SiteAdminContext } from './organization-checks.js';

export interface NewOrganization {
  parentId: number | null;
  code: string;
  name: string;
  shortName: string;
  slug: string;
  kind: OrganizationKind;
  position?: number;
  address?: string;
  postcode?: string;
  phone?: string;
  fax?: string;
  email?: string;
  officeHours?: string;
}

/** Creates an organization with its disclosure guide and its catalog from the standard template (the demo seed, the importers). */
export async function createOrganization(ctx: CommandContext, input: NewOrganization): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const id = await insertOrganization(trx, input);
    await recordEvent(trx, { actor: ctx.actor, action: 'organization.create', entityType: 'organization', entityId: id, orgId: id, after: input, at: ctx.clock.now() });
    return id;
  });
}

/**
 * The site administrator adds an organization under a parent in service: a department, a county,
 * a township, or a village or community under a township. Code and slug must be free, including
 * slugs other organizations gave up (their old addresses redirect).
 */
export async function createOrganizationByAdmin(ctx: SiteAdminContext, input: NewOrganization): Promise<number> {
  requireSiteAdmin(ctx);
  return inTransaction(ctx, async (trx) => {
    const id = await insertCheckedOrganization(trx, input);
    await recordEvent(trx, { actor: ctx.actor, action: 'organization.create', entityType: 'organization', entityId: id, orgId: id, after: input, at: ctx.clock.now() });
    return id;
  });
}

/** Checks a new organization's parent, code and slug, then creates it (also a merge's new successor). */
export async function insertCheckedOrganization(trx: Transaction<Database>, input: NewOrganization): Promise<number> {
  await loadParent(trx, input.parentId, input.kind);
  await assertCodeAvailable(trx, input.code);
  await assertSlugAvailable(trx, input.slug);
  const last = await trx.selectFrom('organizations').select(({ fn }) => fn.max('position').as('p')).where('parent_id', '=', input.parentId!).executeTakeFirst();
  return insertOrganization(trx, { ...input, position: input.position ?? Number(last?.p ?? 0) + 1 });
}

async function insertOrganization(trx: Transaction<Database>, input: NewOrganization): Promise<number> {
  const org = await trx
    .insertInto('organizations')
    .values({
      parent_id: input.parentId,
      code: input.code,
      name: input.name,
      short_name: input.shortName,
      slug: input.slug,
      kind: input.kind,
      position: input.position ?? 0,
      address: input.address ?? '',
      postcode: input.postcode ?? '',
      phone: input.phone ?? '',
      fax: input.fax ?? '',
      email: input.email ?? '',
      office_hours: input.officeHours ?? '',
      guide_html: defaultGuideHtml(input),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertCatalog(trx, org.id, null, templateFor(input.kind));
  return org.id;
}

async function insertCatalog(trx: Transaction<Database>, orgId: number, parentId: number | null, nodes: CatalogTemplateNode[]) {
  for (const [i, n] of nodes.entries()) {
    const row = await trx
      .insertInto('catalog_nodes')
      .values({ org_id: orgId, parent_id: parentId, name: n.name, slug: n.slug, position: i, role: n.role ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (n.children?.length) await insertCatalog(trx, orgId, row.id, n.children);
  }
}
