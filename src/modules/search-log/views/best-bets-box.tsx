import type { BestBet } from '../queries/best-bets.js';

/**
 * The address a search result links to: through /search/open, which counts the open for the query
 * and sends the reader on, when there is a query; the item's own address otherwise. The same for
 * every reader, so a cached page may hold it.
 */
export function openUrl(q: string, to: string): string {
  // The path's slashes stay as they are (allowed in a query): the item's address reads in the page as itself.
  return q.trim() ? `/search/open?q=${encodeURIComponent(q)}&to=${to.replace(/[^\w\-./~]/g, encodeURIComponent)}` : to;
}

/** 推荐: the best bets for the query, above the results (nothing when there are none). */
export function BestBetsBox({ q, bets }: { q: string; bets: readonly BestBet[] }) {
  if (bets.length === 0) return null;
  return (
    <section class="guide-box best-bets" aria-labelledby="best-bets-title">
      <h2 id="best-bets-title">推荐</h2>
      <ul>
        {bets.map((b) => (
          <li>
            <a href={openUrl(q, b.url)} rel="nofollow">{b.title}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
