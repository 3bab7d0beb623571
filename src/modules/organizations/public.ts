/**
 * What other modules use of organizations besides the plugin: the portal's redirect from a former
 * organization's addresses, and the predecessors whose history a successor reads.
 */
export { findOrganizationRedirect, predecessorIds } from './queries.changes.js';
export { type CatalogNode, emptyColumns, findOrganizationBySlug, findSiteOrganization, flattenTree, getCatalogForest, getCatalogTree, inTreeOrder, listOrganizations, subtreeIds, visibleColumns } from './queries.js';
export { defaultCatalogSlug } from './catalog-template.js';
export { renderIndexNumber, serialScopeKey, validateIndexTemplate } from './domain/index-number.js';
