import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../clock/clock.js';

/**
 * Background work kept in the database, safe with several app instances: a due job is claimed
 * with FOR UPDATE SKIP LOCKED and a lease, so exactly one instance runs it; a crashed instance's
 * lease expires and another picks the job up. Recurring jobs schedule their next run themselves.
 */
export interface JobHandler {
  run(payload: unknown): Promise<void>;
  /** For recurring jobs: when to run next, after a run at `now`. */
  next?(now: Date): Date;
}

const LEASE_MS = 10 * 60 * 1000;

export async function scheduleJob(db: Kysely<Database>, name: string, runAt: Date, opts: { uniqueKey?: string; payload?: unknown } = {}): Promise<void> {
  await db
    .insertInto('jobs')
    .values({ name, run_at: runAt, unique_key: opts.uniqueKey ?? null, payload: JSON.stringify(opts.payload ?? {}), locked_until: null, last_error: null, done_at: null })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .execute();
}

/** Claims and runs due jobs until none is left. Returns how many ran. */
export async function runDueJobs(db: Kysely<Database>, clock: Clock, handlers: Record<string, JobHandler>): Promise<number> {
  let ran = 0;
  for (;;) {
    const now = clock.now();
    const claimed = await sql<{ id: number; name: string; payload: unknown; unique_key: string | null }>`
      update jobs set locked_until = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
      where id = (
        select id from jobs
        where done_at is null and run_at <= ${now} and (locked_until is null or locked_until < ${now})
        order by run_at limit 1 for update skip locked
      )
      returning id, name, payload, unique_key`.execute(db);
    const job = claimed.rows[0];
    if (!job) return ran;
    const handler = handlers[job.name];
    try {
      if (!handler) throw new Error(`没有名为 ${job.name} 的任务处理程序`);
      await handler.run(job.payload);
      // A finished recurring job frees its unique key for the next run.
      await db.updateTable('jobs').set({ done_at: clock.now(), locked_until: null, last_error: null, unique_key: null }).where('id', '=', job.id).execute();
      if (handler.next) await scheduleJob(db, job.name, handler.next(clock.now()), { uniqueKey: job.unique_key ?? job.name });
    } catch (err) {
      const retryAt = new Date(clock.now().getTime() + 5 * 60 * 1000);
      await db.updateTable('jobs').set({ last_error: String((err as Error).message ?? err).slice(0, 2000), locked_until: null, run_at: retryAt }).where('id', '=', job.id).execute();
    }
    ran++;
  }
}

/** Polls for due jobs every `intervalMs` until stopped. */
export function startJobLoop(db: Kysely<Database>, clock: Clock, handlers: Record<string, JobHandler>, onError: (err: unknown) => void, intervalMs = 30_000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = runDueJobs(db, clock, handlers).catch(onError);
  };
  const timer = setInterval(tick, intervalMs);
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

/** The next 00:05 in China Standard Time after `now` (a daily job's slot). */
export function nextChinaMidnight(now: Date): Date {
  const cst = new Date(now.getTime() + 8 * 3600_000);
  const next = Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), cst.getUTCDate() + 1, 0, 5) - 8 * 3600_000;
  return new Date(next);
}
