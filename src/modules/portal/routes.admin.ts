import type { FastifyInstance } from 'fastify';
import { actorOf, adminView, requireStaff } from '../../platform/http/admin.js';
import { sendHtml } from '../../platform/html/render.js';
import { emptyColumns, getCatalogForest, listOrganizations } from '../organizations/public.js';
import { catalogEditScope, portalScope } from './policy.js';
import { EmptyColumnsPage } from './views/empty-columns.js';

/** The back office's view of the portal: the empty columns of the organizations in the actor's scope. */
export async function adminPortalRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  requireStaff(app);

  app.get('/admin/columns/empty', async (req, reply) => {
    const actor = actorOf(req);
    const [scope, adminIds] = await Promise.all([portalScope(db, actor), catalogEditScope(db, actor)]);
    const [orgs, forest] = await Promise.all([listOrganizations(db, { inScope: scope }), getCatalogForest(db, scope)]);
    const rows = orgs.map((org) => ({ org, columns: emptyColumns(forest.get(org.id) ?? []), canEdit: adminIds.includes(org.id) }));
    return sendHtml(reply, EmptyColumnsPage({ ...adminView(req, reply), orgs: rows }));
  });
}
