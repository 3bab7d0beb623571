import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import { scheduleJob, type JobHandler } from '../../platform/jobs/runner.js';
import { buildMissingClauses } from './commands/build-clauses.js';
import { needsTraining, refreshAskVectors, trainAskModel } from './commands/semantic-vectors.js';
import { retrieveAnswers } from './queries/retrieve.js';

/** The clause catch-up job: after a corpus import, and every ten minutes for anything missed. */
export const CLAUSES_JOB = 'ask-clauses';
/**
 * The semantic job (ADR 0020): trains the model when there is none or the library grew by a
 * quarter since, then gives a vector to every published entry and clause in force that lacks one
 * (and takes them from entries no longer published). Queued by imports and publications, and every
 * ten minutes for anything missed.
 */
export const SEMANTIC_JOB = 'ask-semantic';
const EVERY_MS = 10 * 60 * 1000;

/** Queues the clause catch-up now (the importers call this: importing stays as fast as before). */
export function scheduleClauseCatchUp(db: Kysely<Database>, now: Date): Promise<void> {
  return scheduleJob(db, CLAUSES_JOB, now, { uniqueKey: CLAUSES_JOB });
}

/** Queues the semantic refresh now (a publication, an import). */
export function scheduleSemanticRefresh(db: Kysely<Database>, now: Date): Promise<void> {
  return scheduleJob(db, SEMANTIC_JOB, now, { uniqueKey: SEMANTIC_JOB });
}

/** Trains if due, then refreshes the vectors: what the semantic job does. */
export async function runSemanticRefresh(db: Kysely<Database>, now: Date): Promise<{ trained: Awaited<ReturnType<typeof trainAskModel>> | null; refreshed: Awaited<ReturnType<typeof refreshAskVectors>> }> {
  const trained = (await needsTraining(db)) ? await trainAskModel(db, now) : null;
  return { trained, refreshed: await refreshAskVectors(db, now) };
}

/** Background work of this module, by job name. */
export function askJobHandlers(db: Kysely<Database>, clock: Clock, _sealer: Sealer): Record<string, JobHandler> {
  return {
    [CLAUSES_JOB]: {
      run: async () => {
        const built = await buildMissingClauses(db);
        // New clauses want vectors (and a large import, a model trained on it).
        if (built.clauses > 0) await scheduleSemanticRefresh(db, clock.now());
      },
      next: (now) => new Date(now.getTime() + EVERY_MS),
    },
    [SEMANTIC_JOB]: { run: async () => void (await runSemanticRefresh(db, clock.now())), next: (now) => new Date(now.getTime() + EVERY_MS) },
  };
}

/**
 * What the first question after a start would otherwise pay (half a second at 100,000 documents):
 * the words' statistics, the active model and the entries' vectors, the segmenter's dictionary and
 * the indexes' first pages. The server runs it before it listens; it reads, never writes.
 */
export async function warmAnswers(db: Kysely<Database>): Promise<void> {
  await retrieveAnswers(db, '住房公积金怎么提取', { qaLimit: 3, clauseLimit: 3 });
}
