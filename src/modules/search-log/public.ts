import type { FastifyInstance } from 'fastify';
import { recorderOf } from './recorders.js';

/**
 * The search log's public face (搜索分析): what the library calls to count its searches, the best
 * bets it shows above the results, and the menu's test for the back-office pages.
 */
export { bestBetsFor, type BestBet } from './queries/best-bets.js';
export { BestBetsBox, openUrl } from './views/best-bets-box.js';
export { mayOpenSearchLog } from './policy.js';

/**
 * Counts a search of the library: in memory, written every few seconds (recorder.ts). Only the
 * first page of a query counts; an empty query is none. Call it on every request, cached page or
 * not. `total` is what the search found (0: 无结果).
 */
export function recordSearch(app: FastifyInstance, search: { q: string; total: number; page?: number }): void {
  recorderOf(app)?.recordSearch(search);
}

/** Counts a result opened from a query's results (what /search/open does). */
export function recordOpen(app: FastifyInstance, q: string): void {
  recorderOf(app)?.recordOpen(q);
}

/** Writes the counts so far now (the application's close does too); for tests and the command line. */
export async function flushSearchLog(app: FastifyInstance): Promise<void> {
  await recorderOf(app)?.flush();
}
