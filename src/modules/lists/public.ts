import { onContentChange, registerContentKind } from '../../platform/content/registry.js';
import { fallBackAfterWithdrawal } from './commands/publish-version.js';
import { listVersionKind } from './review-kind.js';

/**
 * Official lists' versions as a content kind (清单), and what a withdrawal does to their list: the
 * latest version still published becomes current again.
 */
export function registerListContent(): void {
  registerContentKind(listVersionKind);
  onContentChange('list_version', async (trx, ctx, change) => {
    if (change.event === 'withdrawn') await fallBackAfterWithdrawal(trx, ctx, change.id);
  });
}
export { seedList, type SeedList } from './seed.js';
export { DUTY_LIST_TYPES, findDutyRows, type DutyRow } from './queries/duties.js';
