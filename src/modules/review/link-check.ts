import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import { scheduleJob } from '../../platform/jobs/runner.js';

/** Results older than this are checked again. */
const FRESH_MS = 24 * 3600 * 1000;
const TIMEOUT_MS = 8000;
const MAX_LINKS = 50;

/** Links to other sites (http/https) in a body; this site's own links are checked against the database instead. */
export function externalLinks(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<a\s[^>]*href="(https?:\/\/[^"]+)"/g)) urls.add(m[1]!.replace(/&amp;/g, '&'));
  return [...urls].slice(0, MAX_LINKS);
}

/** Queues a check of the links (after the saving transaction commits; a request never waits on another site). */
export async function queueLinkCheck(db: Kysely<Database>, clock: Clock, urls: string[]): Promise<void> {
  if (urls.length) await scheduleJob(db, 'check-links', clock.now(), { payload: { urls } });
}

export type FetchLike = (url: string, init: { method: string; redirect: 'follow'; signal: AbortSignal }) => Promise<{ status: number }>;

/** Checks the links not checked lately, a few at a time, and stores what each answered. */
export async function checkLinks(db: Kysely<Database>, clock: Clock, urls: string[], fetchImpl: FetchLike = fetch): Promise<void> {
  const known = urls.length ? await db.selectFrom('link_checks').select(['url', 'checked_at']).where('url', 'in', urls).execute() : [];
  const fresh = new Set(known.filter((k) => clock.now().getTime() - k.checked_at.getTime() < FRESH_MS).map((k) => k.url));
  const due = urls.filter((u) => !fresh.has(u));
  for (let i = 0; i < due.length; i += 5) {
    const results = await Promise.all(due.slice(i, i + 5).map((url) => probe(url, fetchImpl)));
    for (const r of results) {
      await db
        .insertInto('link_checks')
        .values({ ...r, checked_at: clock.now() })
        .onConflict((oc) => oc.column('url').doUpdateSet({ ok: r.ok, status: r.status, error: r.error, checked_at: clock.now() }))
        .execute();
    }
  }
}

async function probe(url: string, fetchImpl: FetchLike): Promise<{ url: string; ok: boolean; status: number | null; error: string | null }> {
  try {
    let res = await fetchImpl(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) });
    // Some servers refuse HEAD; ask for the page itself before calling the link broken.
    if (res.status === 405 || res.status === 501) res = await fetchImpl(url, { method: 'GET', redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) });
    return { url, ok: res.status < 400, status: res.status, error: null };
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    return { url, ok: false, status: null, error: e.name === 'TimeoutError' ? '超时未响应' : e.cause?.code === 'ENOTFOUND' ? '域名无法解析' : '无法连接' };
  }
}

/** The stored verdicts for these links: those found broken. */
export async function brokenExternalLinks(db: Kysely<Database>, urls: string[]) {
  if (urls.length === 0) return [];
  return db.selectFrom('link_checks').select(['url', 'status', 'error', 'checked_at']).where('url', 'in', urls).where('ok', '=', false).execute();
}
