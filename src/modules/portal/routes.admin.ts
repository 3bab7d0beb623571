import type { FastifyInstance } from 'fastify';
import type { Role } from '../../db/schema.js';
import { scopeOrgIds } from '../../platform/auth/scope.js';
import { actorOf, adminView, requireStaff } from '../../platform/http/admin.js';
import { sendHtml } from '../../platform/html/render.js';
import { emptyColumns, getCatalogForest, listOrganizations } from '../organizations/public.js';
import { EmptyColumnsPage } from './views/empty-columns.js';

const ANY_ROLE: Role[] = ['admin', 'drafter', 'reviewer', 'publisher', 'request_handler', 'disclosure_office'];

/** The back office's view of the portal: the empty columns of the organizations in the actor's scope. */
export async function adminPortalRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  requireStaff(app);

  app.get('/admin/columns/empty', async (req, reply) => {
    const actor = actorOf(req);
    const [scope, adminIds] = await Promise.all([scopeOrgIds(db, actor, ANY_ROLE), scopeOrgIds(db, actor, ['admin'])]);
    const [orgs, forest] = await Promise.all([listOrganizations(db), getCatalogForest(db, scope)]);
    const rows = orgs
      .filter((o) => scope.includes(o.id))
      .map((org) => ({ org, columns: emptyColumns(forest.get(org.id) ?? []), canEdit: adminIds.includes(org.id) }));
    return sendHtml(reply, EmptyColumnsPage({ ...adminView(req, reply), orgs: rows }));
  });
}
