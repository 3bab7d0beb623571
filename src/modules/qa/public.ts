import { registerContentKind } from '../../platform/content/registry.js';
import { qaKind } from './review-kind.js';

/** Q&A entries as a content kind (政策问答), registered at start-up. */
export function registerQaContent(): void {
  registerContentKind(qaKind);
}
export { saveQaEntry } from './commands/save-qa.js';
