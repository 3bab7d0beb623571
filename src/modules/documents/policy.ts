import type { Actor } from '../../platform/auth/sessions.js';
import { mayEditAt } from '../../platform/content/policy.js';
import { REFERENCE_READ_ONLY } from './domain/provenance.js';

/**
 * Who may do what with documents (DESIGN.md “Policies”), on the shared content policy:
 * - the back office shows a document to its organization's staff (`viewScope`, which
 *   `getDocumentForEdit` takes); editors write for the organizations in `editScope`;
 * - an editor of the organization edits its own documents, never the reference material it keeps
 *   for readers (another organ's documents brought in, read-only).
 */
export { viewScope, editScope } from '../../platform/content/policy.js';

/** Whether the actor writes documents at this organization (what the upload of a new one needs). */
export function mayWriteDocumentsAt(actor: Actor, orgId: number): boolean {
  return mayEditAt(actor, orgId);
}

/** Why the actor may not edit this document, or null. */
export function editRefusal(actor: Actor, doc: { org_id: number; provenance: string }): string | null {
  if (!mayEditAt(actor, doc.org_id)) return '您没有编辑该文件的权限。';
  if (doc.provenance !== 'own') return REFERENCE_READ_ONLY;
  return null;
}
