import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** The bench's start, for its progress lines and its total run time. */
export const started = performance.now();

/** A progress line on stderr, stamped with the seconds since the bench started (stdout keeps the figures). */
export function log(msg: string): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);
}

/**
 * A temporary directory for the run, removed by `remove()` — and on Ctrl-C or SIGTERM, after
 * `onInterrupt` (stopping child processes), so no run leaves gigabytes behind.
 */
export function tempRoot(prefix: string, onInterrupt: () => void = () => undefined): { path: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      process.stderr.write(`\n[bench] ${sig}: removing ${dir}\n`);
      onInterrupt();
      remove();
      process.exit(130);
    });
  }
  return { path: dir, remove };
}
