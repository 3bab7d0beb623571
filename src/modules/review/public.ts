/** What other modules use of review: its public face (DESIGN.md “Seams”). */
export { brokenExternalLinks, externalLinks, queueLinkCheck } from './link-check.js';
export { type BodyField, checkItem } from './checks.js';
export { listAwaitingReview, listQueue } from './queries.js';
export { publisherScope, REVIEW_QUEUE_ROLES, reviewerScope } from './policy.js';
export { applyReviewAction } from './commands/review-action.js';
export { recallForEdit } from './commands/recall.js';
export { UNDER_REVIEW } from './domain/workflow.js';
