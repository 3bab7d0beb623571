import { registerContentKind } from '../../platform/content/registry.js';
import { documentKind } from './review-kind.js';

/** Documents as a content kind (政策文件), registered at start-up. */
export function registerDocumentContent(): void {
  registerContentKind(documentKind);
}
