import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * A @fastify/rate-limit store kept in the database, so that every app instance counts the same
 * hits (no state of our own in memory, DESIGN "Real PostgreSQL when it grows"). Fixed window:
 * one upsert per hit, resetting the counter when the window has passed.
 */
export function databaseRateLimitStore(db: Kysely<Database>, now: () => Date) {
  return class DatabaseRateLimitStore {
    private prefix: string;
    constructor(opts: { prefix?: string } = {}) {
      this.prefix = opts.prefix ?? 'global:';
    }

    incr(
      key: string,
      callback: (err: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const at = now();
      const windowStartFloor = new Date(at.getTime() - timeWindow);
      sql<{ hits: number; window_start: Date }>`
        insert into rate_limits (key, window_start, hits) values (${this.prefix + key}, ${at}, 1)
        on conflict (key) do update set
          hits = case when rate_limits.window_start <= ${windowStartFloor} then 1 else rate_limits.hits + 1 end,
          window_start = case when rate_limits.window_start <= ${windowStartFloor} then ${at} else rate_limits.window_start end
        returning hits, window_start`
        .execute(db)
        .then((r) => {
          const row = r.rows[0]!;
          const ttl = Math.max(0, new Date(row.window_start).getTime() + timeWindow - at.getTime());
          callback(null, { current: row.hits, ttl });
        })
        .catch((err: Error) => callback(err));
    }

    child(routeOptions: { routeInfo?: { method?: string; url?: string } }) {
      const route = routeOptions.routeInfo ? `${routeOptions.routeInfo.method}:${routeOptions.routeInfo.url}:` : '';
      return new DatabaseRateLimitStore({ prefix: this.prefix + route });
    }
  };
}
