import { advanceAnchor, type AnchorOptions } from './anchor.js';
import type { Db } from './walk.js';

/**
 * Keeps the anchor at the chain's committed head while the process runs: every `intervalMs`, and
 * shortly after each recordEvent (whose transaction has usually committed by then; if not, the next
 * round takes it). So the anchor trails the newest committed row by at most about `intervalMs`.
 */
let onWrite: (() => void) | null = null;

/** Called by recordEvent: a row is on its way; anchor soon. */
export function noteAuditWrite(): void {
  onWrite?.();
}

export interface AnchorLoop {
  /** One round now (tests, and the last one on close). */
  runOnce(): Promise<void>;
  /** Stops the schedule and anchors what is committed. */
  stop(): Promise<void>;
}

export function startAnchoring(db: Db, o: AnchorOptions, report: (problems: string[]) => void, intervalMs = 2000): AnchorLoop {
  let running: Promise<void> | null = null;
  let again = false;
  let lastReported = '';
  let stopped = false;
  const round = async () => {
    try {
      const step = await advanceAnchor(db, o);
      const said = step.problems.join('\n');
      // Tampering is reported once when found, not every round.
      if (said && said !== lastReported) report(step.problems);
      lastReported = said;
    } catch (err) {
      process.stderr.write(`审计链头锚定失败：${(err as Error).message}\n`);
    }
  };
  const runOnce = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = round().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        void runOnce();
      }
    });
    return running;
  };
  const timer = setInterval(() => void runOnce(), intervalMs);
  timer.unref();
  let soon: NodeJS.Timeout | null = null;
  onWrite = () => {
    if (soon || stopped) return;
    soon = setTimeout(() => {
      soon = null;
      void runOnce();
    }, 200);
    soon.unref();
  };
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      onWrite = null;
      if (running) await running;
      await round();
    },
  };
}
