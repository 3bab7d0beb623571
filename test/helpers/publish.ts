import { publishItem } from '../../src/platform/content/registry.js';
import type { TestApp } from './test-app.js';

/**
 * Publishes a document the way the demo seed does, without walking it through review: for tests
 * about what happens after publication. The review workflow itself is tested in review.test.ts.
 */
export async function publishNow(t: TestApp, id: number): Promise<number> {
  return t.db.transaction().execute((trx) => publishItem(trx, { db: t.db, clock: t.clock, actor: { id: null, label: '测试' } }, 'document', id));
}

export function idFromLocation(location: unknown): number {
  return Number(/\/(\d+)(?:\?|$)/.exec(String(location))![1]);
}
