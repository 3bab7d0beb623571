import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import { holdsAnyRole, isSiteAdmin } from '../../platform/auth/scope.js';
import type { Actor } from '../../platform/auth/sessions.js';
import type { NavEntry } from '../../platform/html/page-context.js';
import { REFERRAL_ROLES } from '../ask/public.js';
import { EDITOR_ROLES, VIEWER_ROLES } from '../../platform/content/lifecycle.js';
import { contentKinds } from '../../platform/content/registry.js';
import { CASE_ROLES } from '../requests/public.js';
import { REVIEW_QUEUE_ROLES } from '../review/public.js';
import { mayOpenSearchLog } from '../search-log/public.js';

/**
 * The back office's menu: each entry with who may open its page, from the roles the page itself
 * checks (each module's constant), so a person sees exactly the pages that answer them
 * (test/admin-menu.test.ts walks every role). `site` pages are the site group's administrator's;
 * a page with its own rule gives its policy's test.
 */
type Who = 'everyone' | 'site' | readonly Role[] | ((db: Kysely<Database>, actor: Actor) => Promise<boolean>);
const ADMIN: readonly Role[] = ['admin'];

/** The menu: the workbench, then each content kind's pages (from the registry), then the rest. */
export function adminMenu(): { href: string; label: string; who: Who }[] {
  const kinds = contentKinds().flatMap((k) => (k.adminMenu ?? []).map((e) => ({ href: e.href, label: e.label, who: e.who === 'editor' ? EDITOR_ROLES : VIEWER_ROLES })));
  return [{ href: '/admin', label: '工作台', who: 'everyone' }, ...kinds, ...OTHER_PAGES];
}

const OTHER_PAGES: { href: string; label: string; who: Who }[] = [
  { href: '/admin/referrals', label: '转人工咨询', who: REFERRAL_ROLES },
  { href: '/admin/ask/questions', label: '未解答问题', who: REFERRAL_ROLES },
  { href: '/admin/ask/synonyms', label: '同义词词典', who: REFERRAL_ROLES },
  { href: '/admin/search-log', label: '搜索分析', who: mayOpenSearchLog },
  { href: '/admin/review', label: '审核', who: REVIEW_QUEUE_ROLES },
  { href: '/admin/columns', label: '专题专栏', who: EDITOR_ROLES },
  { href: '/admin/requests', label: '依申请公开', who: CASE_ROLES },
  { href: '/admin/checks/terms', label: '错敏词库', who: VIEWER_ROLES },
  { href: '/admin/columns/empty', label: '空栏目', who: 'everyone' },
  { href: '/admin/organizations', label: '机构与目录', who: ADMIN },
  { href: '/admin/staff', label: '账号与角色', who: ADMIN },
  { href: '/admin/calendar', label: '节假日', who: 'site' },
  { href: '/admin/outbox', label: '发件箱', who: 'site' },
  { href: '/admin/audit', label: '审计日志', who: 'everyone' },
];

/** The entries this person may open, in menu order. */
export async function adminMenuFor(db: Kysely<Database>, actor: Actor): Promise<NavEntry[]> {
  const menu = adminMenu();
  const site = menu.some((e) => e.who === 'site') ? await isSiteAdmin(db, actor) : false;
  const opens = await Promise.all(menu.map((e) => (typeof e.who === 'function' ? e.who(db, actor) : e.who === 'everyone' ? true : e.who === 'site' ? site : holdsAnyRole(actor, e.who))));
  return menu.filter((_, i) => opens[i]).map(({ href, label }) => ({ href, label }));
}
