/**
 * What other modules use of organizations besides the plugin: the portal's redirect from a former
 * organization's addresses, and the predecessors whose history a successor reads.
 */
export { findOrganizationRedirect, predecessorIds } from './queries.changes.js';
