import { onContentChange } from '../../platform/content/registry.js';
import { rebuildDocumentClauses } from './commands/build-clauses.js';

/**
 * The smart answers cite clauses of the documents just published; a withdrawn document leaves the
 * clause index at once (not only their citable set): what was withdrawn for secrecy or privacy is
 * kept nowhere the public reads from.
 */
export function registerAskContent(): void {
  onContentChange('document', async (trx, _ctx, change) => {
    await rebuildDocumentClauses(trx, change.id);
  });
}
