import { contributeRules, onContentChange, registerContentKind } from '../../platform/content/registry.js';
import { interpretationKind } from './review-kind.js';
import { interpretationFinding, publishLinkedInterpretations } from './sync.js';

/**
 * Interpretations as a content kind (政策解读), and their part in a document's life (三同步): a
 * document's checks say when its interpretation is missing, and its publication carries the
 * interpretations approved with it.
 */
export function registerInterpretationContent(): void {
  registerContentKind(interpretationKind);
  contributeRules('document', async (db, id, ctx) => {
    const finding = await interpretationFinding(db, id, ctx.clock.today());
    return finding ? [finding] : [];
  });
  onContentChange('document', async (trx, ctx, change) => {
    if (change.event !== 'withdrawn') await publishLinkedInterpretations(trx, ctx, change.id);
  });
}
