import type { FastifyInstance } from 'fastify';
import { SearchRecorder } from './recorder.js';

/**
 * Each application's recorder, found from any plugin of it by the application's dependencies (the
 * same object in every encapsulated context; tests build many applications in one process).
 */
const recorders = new WeakMap<object, SearchRecorder>();

/** Starts the application's recorder: it writes every few seconds, and once more when the application closes. */
export function startRecorder(app: FastifyInstance): SearchRecorder {
  const { db, clock } = app.deps;
  const recorder = new SearchRecorder(db, clock, (err) => app.log.warn({ err }, '搜索统计写入失败，将在下次重试'));
  recorders.set(app.deps, recorder);
  recorder.start();
  app.addHook('onClose', async () => {
    await recorder.stop();
    recorders.delete(app.deps);
  });
  return recorder;
}

/** The application's recorder; none when the search log is not part of it (recording is then skipped). */
export function recorderOf(app: FastifyInstance): SearchRecorder | undefined {
  return recorders.get(app.deps);
}
