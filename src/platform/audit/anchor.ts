import { createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { formatChinaDateTime } from '../clock/clock.js';
import { canonicalJson } from './chain-hash.js';
import type { AuditKey } from './key.js';
import { walkChain, type ChainCursor, type Db } from './walk.js';

/**
 * The chain's head anchored outside the database (ADR 0018): a small file beside the data,
 * `audit-head.json`, holding the last verified committed row (seq and hash) under an HMAC, so that
 * deleting the newest rows, emptying the table or re-hashing it is seen against it. It only moves
 * forward, and only over rows that verify.
 */
export const ANCHOR_FILE = 'audit-head.json';
const FORMAT = 'gongkai-audit-head/1';

export interface Anchor {
  seq: number;
  hash: string;
  /** Fingerprint of the audit key that wrote it. */
  keyId: string;
  anchoredAt: string;
}

export type AnchorRead = { kind: 'none' } | { kind: 'ok'; anchor: Anchor } | { kind: 'bad'; problem: string };

export function anchorPath(dataDir: string): string {
  return path.join(dataDir, ANCHOR_FILE);
}

function anchorMac(key: AuditKey, a: Anchor): string {
  const macKey = createHmac('sha256', key.key).update('gongkai audit anchor v1').digest();
  return createHmac('sha256', macKey).update(canonicalJson({ format: FORMAT, seq: a.seq, hash: a.hash, keyId: a.keyId, anchoredAt: a.anchoredAt })).digest('hex');
}

export function readAnchor(dataDir: string, key: AuditKey): AnchorRead {
  const file = anchorPath(dataDir);
  if (!existsSync(file)) return { kind: 'none' };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return { kind: 'bad', problem: `链头锚点文件 ${file} 无法解析：文件被改动或损坏` };
  }
  const { seq, hash, keyId, anchoredAt, mac, format } = raw;
  if (format !== FORMAT || typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0 || typeof hash !== 'string' || typeof keyId !== 'string' || typeof anchoredAt !== 'string' || typeof mac !== 'string') {
    return { kind: 'bad', problem: `链头锚点文件 ${file} 格式不符：文件被改动或损坏` };
  }
  const anchor: Anchor = { seq, hash, keyId, anchoredAt };
  if (keyId !== key.id) return { kind: 'bad', problem: `链头锚点是用另一把审计密钥写的（密钥指纹 ${keyId}，当前为 ${key.id}）：审计密钥被更换，或锚点文件被替换` };
  const expected = Buffer.from(anchorMac(key, anchor), 'hex');
  const given = Buffer.from(mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'bad', problem: `链头锚点文件 ${file} 的签名无效：文件被改动` };
  return { kind: 'ok', anchor };
}

/** Written to a temporary file, flushed, then renamed over the old one: a crash leaves one or the other. */
export function writeAnchor(dataDir: string, key: AuditKey, head: { seq: number; hash: string }, at: Date): Anchor {
  const anchor: Anchor = { seq: head.seq, hash: head.hash, keyId: key.id, anchoredAt: at.toISOString() };
  const body = `${JSON.stringify({ format: FORMAT, ...anchor, mac: anchorMac(key, anchor) }, null, 2)}\n`;
  mkdirSync(dataDir, { recursive: true });
  const file = anchorPath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const dir = openSync(dataDir, 'r');
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // Not every platform can fsync a directory; the rename itself is atomic.
  }
  return anchor;
}

/** What the database's chain says against the anchor: deleted newest rows, an emptied table, a re-hashed chain. */
export function compareWithAnchor(anchor: Anchor, chain: { count: number; headSeq: number; hashAtAnchor: string | null }): string[] {
  if (anchor.seq === 0) return [];
  const when = formatChinaDateTime(new Date(anchor.anchoredAt));
  if (chain.count === 0) return [`审计日志被清空：链头锚点记录到第 ${anchor.seq} 条（${when}），数据库中已没有任何记录`];
  if (chain.headSeq < anchor.seq) return [`审计日志被截短：链头锚点记录到第 ${anchor.seq} 条（${when}），数据库中只到第 ${chain.headSeq} 条，其后的记录被删除`];
  if (chain.hashAtAnchor === null) return [`链头锚点所记的第 ${anchor.seq} 条记录已不存在（被删除）`];
  if (chain.hashAtAnchor !== anchor.hash) return [`第 ${anchor.seq} 条记录的哈希与链头锚点不符：审计日志在锚定（${when}）后被改写并重新计算`];
  return [];
}

export interface AnchorOptions {
  dataDir: string;
  key: AuditKey;
  now: () => Date;
  /** AUDIT_ANCHOR_URL: each new anchor is POSTed there as JSON. */
  sinkUrl?: string | null;
}

export interface AnchorStep {
  anchor: Anchor | null;
  advanced: boolean;
  /** Why the anchor could not move (tampering found): reported, never overwritten. */
  problems: string[];
}

/**
 * Moves the anchor to the newest committed row, checking every row after the current anchor first.
 * Reads outside any transaction, so it sees committed rows only; appends hold the audit lock until
 * commit, so rows commit in seq order and the head read is a complete prefix. It never moves backwards,
 * and stops before the first row that fails: a forged or shortened chain is never anchored.
 */
export async function advanceAnchor(db: Db, o: AnchorOptions): Promise<AnchorStep> {
  const read = readAnchor(o.dataDir, o.key);
  if (read.kind === 'bad') return { anchor: null, advanced: false, problems: [read.problem] };
  const current = read.kind === 'ok' ? read.anchor : null;
  let start: ChainCursor = { seq: 0, hash: '0'.repeat(64), keyed: false };
  if (current && current.seq > 0) {
    const row = await db.selectFrom('audit_events').select(['hash', 'key_version']).where('seq', '=', current.seq).executeTakeFirst();
    const head = await db.selectFrom('audit_events').select(['seq']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const problems = compareWithAnchor(current, { count: head ? 1 : 0, headSeq: head?.seq ?? 0, hashAtAnchor: row?.hash ?? null });
    if (problems.length) return { anchor: current, advanced: false, problems };
    start = { seq: current.seq, hash: current.hash, keyed: (row?.key_version ?? 0) > 0 };
  }
  const walk = await walkChain(db, o.key, start, { stopAtBlocking: true });
  // Problems of the old unkeyed rows are verify's to report, not a reason to stop anchoring.
  if (walk.clean.seq <= start.seq) return { anchor: current, advanced: false, problems: walk.problems };
  // Another writer of this directory may have moved it meanwhile: never replace a newer anchor.
  const again = readAnchor(o.dataDir, o.key);
  if (again.kind === 'ok' && again.anchor.seq >= walk.clean.seq) return { anchor: again.anchor, advanced: false, problems: walk.problems };
  const anchor = writeAnchor(o.dataDir, o.key, walk.clean, o.now());
  if (o.sinkUrl) await sendToSink(o.sinkUrl, anchor);
  return { anchor, advanced: true, problems: walk.problems };
}

async function sendToSink(url: string, anchor: Anchor): Promise<void> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: 'gongkai-audit', ...anchor }), signal: AbortSignal.timeout(5000) });
    if (!res.ok) process.stderr.write(`审计链头发送到 AUDIT_ANCHOR_URL 失败：HTTP ${res.status}\n`);
  } catch (err) {
    process.stderr.write(`审计链头发送到 AUDIT_ANCHOR_URL 失败：${(err as Error).message}\n`);
  }
}
