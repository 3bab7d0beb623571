import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import { normalizeQuery } from './domain/normalize.js';
import { weekOf } from './domain/weeks.js';

interface Counts {
  searches: number;
  empty: number;
  opens: number;
}

/** How often the counts go to the database. */
export const FLUSH_EVERY_MS = 5_000;
/** Distinct (week, query) pairs held before a flush is started early; the buffer never holds more than twice this. */
const MAX_BUFFERED = 5_000;
/** Rows per statement (5 parameters a row, far below PostgreSQL's 65,535). */
const CHUNK = 1_000;

/**
 * The search log's writer: counts are added up in memory and written every few seconds, and when
 * the application closes, in one statement per thousand rows that adds to what is stored
 * (insert … on conflict do update set searches = searches + …), so any number of instances write
 * the same rows without losing each other's counts. A search costs a map update; nothing on the
 * request path waits for the database. A failed write keeps its counts for the next one.
 *
 * Opens only add to a query searched that week (a row in the database or in this buffer): following
 * a crafted /search/open link cannot create rows.
 */
export class SearchRecorder {
  private buffer = new Map<string, Counts>();
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private db: Kysely<Database>,
    private clock: Clock,
    private onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), FLUSH_EVERY_MS).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** A search: only the first page of a query counts, and an empty query is none. */
  recordSearch(s: { q: string; total: number; page?: number }): void {
    if ((s.page ?? 1) !== 1) return;
    this.add(s.q, { searches: 1, empty: s.total === 0 ? 1 : 0, opens: 0 });
  }

  /** A result opened from the query's results. */
  recordOpen(q: string): void {
    this.add(q, { searches: 0, empty: 0, opens: 1 });
  }

  private add(q: string, c: Counts): void {
    const query = normalizeQuery(q);
    if (!query) return;
    const key = `${weekOf(this.clock.today())}|${query}`;
    const known = this.buffer.get(key);
    if (known) {
      known.searches += c.searches;
      known.empty += c.empty;
      known.opens += c.opens;
      return;
    }
    // A flood of distinct queries is written early rather than held; past twice the bound it is dropped.
    if (this.buffer.size >= 2 * MAX_BUFFERED) return;
    this.buffer.set(key, { ...c });
    if (this.buffer.size === MAX_BUFFERED) void this.flush();
  }

  /** Writes what has been counted so far; flushes run one after another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.buffer.size === 0) return;
    const taken = this.buffer;
    this.buffer = new Map();
    // The same order on every instance, so two flushes never wait on each other's rows in a cycle.
    const rows = [...taken].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, c]) => {
      const at = key.indexOf('|');
      return { week: key.slice(0, at), query: key.slice(at + 1), ...c };
    });
    try {
      for (let i = 0; i < rows.length; i += CHUNK) await this.upsert(rows.slice(i, i + CHUNK));
    } catch (err) {
      for (const [key, c] of taken) this.keep(key, c);
      this.onError(err);
    }
  }

  private keep(key: string, c: Counts): void {
    const known = this.buffer.get(key);
    if (known) {
      known.searches += c.searches;
      known.empty += c.empty;
      known.opens += c.opens;
    } else if (this.buffer.size < 2 * MAX_BUFFERED) this.buffer.set(key, { ...c });
  }

  private async upsert(rows: { week: string; query: string; searches: number; empty: number; opens: number }[]): Promise<void> {
    const values = sql.join(rows.map((r) => sql`(${r.week}::date, ${r.query}::text, ${r.searches}::integer, ${r.empty}::integer, ${r.opens}::integer)`));
    await sql`
      insert into search_weeks as s (week_start, query, searches, empty_searches, opens)
      select v.week_start, v.query, v.searches, v.empty_searches, v.opens
      from (values ${values}) as v (week_start, query, searches, empty_searches, opens)
      where v.searches > 0 or exists (select 1 from search_weeks x where x.week_start = v.week_start and x.query = v.query)
      order by v.week_start, v.query
      on conflict (week_start, query) do update set
        searches = s.searches + excluded.searches,
        empty_searches = s.empty_searches + excluded.empty_searches,
        opens = s.opens + excluded.opens`.execute(this.db);
  }
}
