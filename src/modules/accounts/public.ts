/** What other modules use of accounts: its public face (DESIGN.md “Seams”). */
export { accountActor, currentAccount, noStore, requireAccount } from './session.js';
export { deliverToInbox } from './inbox.js';
export { centerView } from './routes.center.js';
export { CenterFrame, type CenterProps } from './views/center-frame.js';
