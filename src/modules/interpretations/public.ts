import { contributeRelated, contributeRules, onContentChange, registerContentKind } from '../../platform/content/registry.js';
import { interpretationKind } from './review-kind.js';
import { FORM_LABELS, publicUrl } from './domain/labels.js';
import { listInterpretationsOf } from './queries/public.js';
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
  contributeRelated('document', {
    heading: '政策解读',
    anchor: 'interpretations',
    list: async (db, id) => (await listInterpretationsOf(db, id)).map((i) => ({ title: i.title, url: publicUrl(i.id), note: FORM_LABELS[i.form] })),
  });
  onContentChange('document', async (trx, ctx, change) => {
    if (change.event !== 'withdrawn') await publishLinkedInterpretations(trx, ctx, change.id);
  });
}
export { listPublicInterpretations, type PublicInterpretationRow } from './queries/public.js';
export { documentsByIds, type LinkableDocument, resolveDocumentRefs, searchLinkableDocuments } from './queries/admin.js';
export { DocumentLookup, linkableLabel } from './views/document-lookup.js';
export { lookUpDocuments, startFromDocument, tickedDocumentIds } from './queries/document-choice.js';
