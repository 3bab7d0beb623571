import { registerAskContent } from './modules/ask/public.js';
import { registerDocumentContent } from './modules/documents/public.js';
import { registerInterpretationContent } from './modules/interpretations/public.js';
import { registerItemContent } from './modules/items/public.js';
import { registerQaContent } from './modules/qa/public.js';
import { registerListContent } from './modules/lists/public.js';
import { registerSubscriptionContent } from './modules/subscriptions/public.js';

/**
 * Every content kind and every module that listens to content changes, registered once at start-up
 * (the server, the command line, seeds and tests call this; a second call changes nothing). A new
 * kind is one line here and its own module.
 */
export function registerContent(): void {
  registerDocumentContent();
  registerInterpretationContent();
  registerQaContent();
  registerListContent();
  registerItemContent();
  registerSubscriptionContent();
  registerAskContent();
}
