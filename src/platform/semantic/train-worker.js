// Runs trainWordVectors off the app's thread (see train-in-worker.ts). Plain JavaScript, like
// db/pglite-worker.js: a worker does not always inherit the parent's TypeScript loader, so it
// registers tsx itself before importing the trainer.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { trainWordVectors } = await import('./train.ts');
const wv = trainWordVectors(workerData.corpus, workerData.options);
parentPort.postMessage(wv, [wv.vectors.buffer, wv.counts.buffer]);
