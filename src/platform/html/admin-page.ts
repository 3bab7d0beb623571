import type { PageContext } from './page-context.js';

/** What every back-office page of a module receives: the page, who is signed in, the CSRF token and a message after a save. */
export interface AdminPageBase<Name = string> {
  ctx: PageContext;
  actorName: Name;
  csrfToken: string;
  flash?: string | null;
}
