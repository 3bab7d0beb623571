import { Worker } from 'node:worker_threads';
import type { TrainingCorpus, TrainOptions, WordVectors } from './train.js';

/**
 * Trains in a worker thread: a minute of arithmetic on the app's thread would stall every request
 * (DESIGN: the server must not stall). The worker inherits the process's loader (tsx), so it runs
 * the same TypeScript.
 */
export function trainWordVectorsInWorker(corpus: TrainingCorpus, options: Partial<TrainOptions> = {}): Promise<WordVectors> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./train-worker.js', import.meta.url), { workerData: { corpus, options } });
    worker.once('message', (wv: WordVectors) => {
      resolve(wv);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`语义模型训练进程异常退出（${code}）`));
    });
  });
}
