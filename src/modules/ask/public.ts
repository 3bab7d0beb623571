import { onContentChange, onContentImported } from '../../platform/content/registry.js';
import { rebuildDocumentClauses } from './commands/build-clauses.js';
import { updateClauseVectors, updateEntryVector } from './commands/semantic-vectors.js';
import { scheduleClauseCatchUp } from './jobs.js';

/**
 * The smart answers cite clauses of the documents just published; a withdrawn document leaves the
 * clause index at once (not only their citable set): what was withdrawn for secrecy or privacy is
 * kept nowhere the public reads from.
 */
export function registerAskContent(): void {
  onContentChange('document', async (trx, _ctx, change) => {
    await rebuildDocumentClauses(trx, change.id);
    // The rebuilt clauses get their semantic vectors at once (none for a withdrawn document: no clauses).
    await updateClauseVectors(trx, change.id);
  });
  // An entry's vector follows it in the same transaction: published, it has one; withdrawn, none.
  onContentChange('qa', async (trx, ctx, change) => {
    await updateEntryVector(trx, change.id, ctx.clock.now());
  });
  // The clauses of documents imported in bulk are built by a job, so the import itself is no slower.
  onContentImported('document', scheduleClauseCatchUp);
}
export { mayOpenReferrals, REFERRAL_ROLES, referralScope } from './policy.js';
export { referralWorkbench } from './queries/pages.js';
