import type { Transaction } from 'kysely';
import type { Database, OrganizationKind } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { templateFor, type CatalogTemplateNode } from '../catalog-template.js';
import { defaultGuideHtml } from '../guide-template.js';

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

/** Creates an organization with its disclosure guide and its catalog from the standard template. */
export async function createOrganization(ctx: CommandContext, input: NewOrganization): Promise<number> {
  return inTransaction(ctx, async (trx) => {
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
    await recordEvent(trx, { actor: ctx.actor, action: 'organization.update', entityType: 'organization', entityId: org.id, orgId: org.id, after: input, at: ctx.clock.now() });
    return org.id;
  });
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
