/** What other modules use of review: its public face (DESIGN.md “Seams”). */
export { brokenExternalLinks, externalLinks, queueLinkCheck } from './link-check.js';
export { type BodyField, checkItem } from './checks.js';
export { listAwaitingReview, listQueue, REVIEW_QUEUE_ROLES } from './queries.js';
export { applyReviewAction } from './commands/review-action.js';
export { recallForEdit } from './commands/recall.js';
export { UNDER_REVIEW } from './domain/workflow.js';
