import { Worker } from 'node:worker_threads';

/**
 * Reading untrusted files (Word → HTML, Word/PDF → text, Excel's archive checked) on a worker
 * thread with limits: a zip's parts counted and sized before any parser runs, a heap limit that
 * ends the worker instead of the process, and a clock that terminates it. A bad file costs its own
 * request an ExtractError and nothing else; the event loop and the database stay free meanwhile.
 * See docs/adr/0013-untrusted-files.md.
 */
export interface ExtractLimits {
  /** Largest uncompressed part of a zip archive (declared or real). */
  maxEntryBytes: number;
  /** Largest uncompressed archive, all parts together. */
  maxTotalBytes: number;
  /** Most parts (files and folders) in an archive. */
  maxEntries: number;
  /** Wall-clock time for one reading, after which the worker is terminated. */
  timeoutMs: number;
  /** The worker's V8 heap (old generation), in MB. */
  memoryMb: number;
  /** Readings at once in this process; more wait their turn. */
  concurrency: number;
}

/** What to read: a Word body as HTML, the text of a Word file or a PDF, or only a zip's check. */
export type ExtractTask = 'docx-html' | 'docx-text' | 'pdf-text' | 'zip-check';

/**
 * Why a file was not read: `too-large` (over a limit, or ran out of memory), `timeout`, or
 * `unreadable` (the parser failed: a damaged or encrypted file). `detail` is Chinese for the
 * first two, the parser's message for the third.
 */
export class ExtractError extends Error {
  constructor(
    readonly reason: 'too-large' | 'timeout' | 'unreadable',
    readonly detail: string,
  ) {
    super(detail);
  }
}

const workerUrl = new URL('./extract-worker.js', import.meta.url);

type WorkerReply = { ok: true; value: string } | { ok: false; reason: 'too-large' | 'unreadable'; detail: string };

/** Reads one file (by path) on a fresh worker thread; throws ExtractError when it cannot. */
export async function extractFile(path: string, task: ExtractTask, limits: ExtractLimits): Promise<string> {
  const release = await acquireSlot(limits.concurrency);
  try {
    return await runWorker(path, task, limits);
  } finally {
    release();
  }
}

/**
 * One worker per reading: started in ~0.1 s, and whatever a file made it allocate goes with it.
 * The worker runs without the TypeScript loader (execArgv: []): it is plain JavaScript.
 */
function runWorker(path: string, task: ExtractTask, limits: ExtractLimits): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, {
      workerData: { path, task, limits: { maxEntryBytes: limits.maxEntryBytes, maxTotalBytes: limits.maxTotalBytes, maxEntries: limits.maxEntries } },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, limits.memoryMb / 8)), stackSizeMb: 4 },
    });
    let settled = false;
    // Answers only once the worker is gone, so its memory is free before the next reading starts.
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate().finally(outcome);
    };
    const timer = setTimeout(() => settle(() => reject(new ExtractError('timeout', `超过 ${Math.round(limits.timeoutMs / 100) / 10} 秒`))), limits.timeoutMs);
    worker.on('message', (m: WorkerReply) => settle(() => (m.ok ? resolve(m.value) : reject(new ExtractError(m.reason, m.detail)))));
    worker.on('error', (err: Error & { code?: string }) =>
      settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ExtractError('too-large', `读取所需内存超过 ${limits.memoryMb} MB`) : new ExtractError('unreadable', err.message))),
    );
    worker.on('exit', (code) => settle(() => reject(new ExtractError('unreadable', `读取线程意外退出（${code}）`))));
  });
}

// A process-wide turnstile: each reading may take `memoryMb` of heap, so only a few run at once.
let active = 0;
const waiting: (() => void)[] = [];

function acquireSlot(max: number): Promise<() => void> {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  if (active < max) {
    active++;
    return Promise.resolve(release);
  }
  // The slot is handed over by `release` without `active` going down.
  return new Promise((resolve) => waiting.push(() => resolve(release)));
}
