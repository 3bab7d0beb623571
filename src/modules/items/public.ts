import { registerContentKind } from '../../platform/content/registry.js';
import { infoKind } from './review-kind.js';

/** Information items as a content kind (信息), registered at start-up. */
export function registerItemContent(): void {
  registerContentKind(infoKind);
}
export { itemJobHandlers } from './jobs.js';
export { takeDownEndedPublicity } from './commands/end-publicity.js';
export { saveItem, type ItemInput } from './commands/save-item.js';
