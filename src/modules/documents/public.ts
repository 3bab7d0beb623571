import { registerContentKind } from '../../platform/content/registry.js';
import { documentKind } from './review-kind.js';

/** Documents as a content kind (政策文件), registered at start-up. */
export function registerDocumentContent(): void {
  registerContentKind(documentKind);
}
export { loadReferenceLists } from './queries/reference.js';
export { countPublicDocuments, listPublished, type PublishedRow } from './queries/public.js';
export { countDocumentsForWorkbench, type FormOptions, loadFormOptions } from './queries/admin.js';
export { searchDocuments } from './queries/search.js';
export { type Validity, validityLabels } from './domain/validity.js';
export { suggestDocNumber } from './domain/doc-number.js';
export { ChineseDate, DocLink, ValidityBadge } from './views/parts.js';
export { checkAttachment, readAttachments, storageKeyFor, type ReadAttachment } from './attachments.js';
export { indexNumberAtFirstPublication } from './commands/index-numbers.js';
export { formatSize } from './views/document-page.js';
export { amendedClauses } from './queries/amended-text.js';
export type { AmendedClause } from './domain/amendments.js';
export { type DocumentLink, type LinkedDocument, linkedDocuments, type PublicLinkedDocument, publicLinkedDocuments } from './queries/linked.js';
