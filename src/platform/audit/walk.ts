import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { chainRowOf, expectedHash, GENESIS_HASH, hashEvent } from './chain-hash.js';
import type { AuditKey } from './key.js';

export type Db = Kysely<Database> | Transaction<Database>;

/** A point in the chain: a row's seq and hash, and whether a keyed row has been seen up to it. */
export interface ChainCursor {
  seq: number;
  hash: string;
  keyed: boolean;
}

export const GENESIS: ChainCursor = { seq: 0, hash: GENESIS_HASH, keyed: false };

export interface Walk {
  /** Rows read. */
  count: number;
  /** The last row read. */
  head: ChainCursor;
  /**
   * As far as an anchor may safely move: the last row before the first problem on a keyed row (or
   * on an unkeyed row after one). Problems on the old unkeyed rows do not stop it: they were there
   * before the seal, every verification reports them, and the keyed rows after them stand on their own.
   */
  clean: ChainCursor;
  problems: string[];
  /** The hash of the row numbered `watchSeq`, if it was read. */
  watched: string | null;
}

/**
 * Reads the chain after `start` in order and checks every row: no gap, linked to the one before,
 * hashed as its key_version says. Unkeyed rows (key_version 0, written before the chain was keyed)
 * are accepted only before the first keyed row: once the chain is sealed, an unkeyed row is a forgery
 * by someone without the key, who otherwise could append or re-hash rows with plain sha256.
 */
export async function walkChain(db: Db, key: AuditKey, start: ChainCursor, opts: { batch?: number; stopAtBlocking?: boolean; watchSeq?: number } = {}): Promise<Walk> {
  const batch = opts.batch ?? 1000;
  const problems: string[] = [];
  let head = start;
  let clean = start;
  let count = 0;
  let watched: string | null = null;
  let blocked = false;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', head.seq).orderBy('seq').limit(batch).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const found = problems.length;
      if (r.seq !== head.seq + 1) problems.push(`第 ${head.seq + 1}–${r.seq - 1} 条记录缺失（被删除）`);
      if (r.prev_hash !== head.hash) problems.push(`第 ${r.seq} 条记录与前一条的链接不符`);
      const row = chainRowOf(r);
      let keyed = head.keyed;
      if (r.key_version === 0) {
        if (head.keyed) problems.push(`第 ${r.seq} 条记录没有密钥签名，却排在已用审计密钥签名的记录之后（伪造或被重新计算）`);
        else if (hashEvent(row) !== r.hash) problems.push(`第 ${r.seq} 条记录的内容被改动（哈希不符）`);
      } else {
        keyed = true;
        const expected = expectedHash(row, r.key_version, key);
        if (expected === null) problems.push(`第 ${r.seq} 条记录的签名版本 ${r.key_version} 无法识别`);
        else if (expected !== r.hash) problems.push(`第 ${r.seq} 条记录的内容被改动或伪造（签名不符）`);
      }
      if (r.seq === opts.watchSeq) watched = r.hash;
      if (problems.length > found && (r.key_version !== 0 || head.keyed)) blocked = true;
      head = { seq: r.seq, hash: r.hash, keyed };
      count++;
      if (!blocked && problems.length === found) clean = head;
      if (blocked && opts.stopAtBlocking) return { count, head, clean, problems, watched };
    }
  }
  return { count, head, clean, problems, watched };
}
