/** What other modules use of requests: its public face (DESIGN.md “Seams”). */
export { textValues } from './public-input.js';
export { accessCodeHash, newAccessCode } from './commands/create-request.js';
export { recomputeOpenDeadlines } from './commands/recompute-deadlines.js';
export { CASE_ROLES, caseScope, mayOpenCases } from './policy.js';
export { DUE_SOON_DAYS } from './domain/clock.js';
export { workbenchCounts } from './queries.admin.js';
export { routedOrgIds } from './routing.js';
export { DueCell } from './views/admin-pages.js';
export { ReceiptCodes } from './views/public-receipt.js';
