import { contentKind, onContentChange } from '../../platform/content/registry.js';
import { notePublication } from './publication.js';

/** Subscribers hear of the first publication of an item of any kind that declares what they can follow. */
export function registerSubscriptionContent(): void {
  onContentChange('*', async (trx, ctx, change) => {
    if (change.event === 'first' && contentKind(change.type).subscription) await notePublication(trx, ctx.clock.now(), change);
  });
}
