import { formatChinaDateTime } from '../clock/clock.js';
import { anchorPath, compareWithAnchor, readAnchor, type Anchor } from './anchor.js';
import { currentAuditKey, type AuditKey } from './key.js';
import { GENESIS, walkChain, type Db } from './walk.js';

export interface VerifyResult {
  ok: boolean;
  count: number;
  headSeq: number;
  headHash: string;
  problems: string[];
  /** The anchor compared against, if one was found and is valid. */
  anchor: Anchor | null;
  /** What is not a problem but limits what was proved (no anchor yet; rows newer than the anchor). */
  notes: string[];
}

export interface VerifyOptions {
  /** Defaults to this process's audit key. */
  key?: AuditKey;
  /** Where the head anchor lives; without it only the chain itself is checked. */
  dataDir?: string | null;
  batch?: number;
}

/**
 * Walks the whole chain in order and reports every broken link, every row whose hash or signature
 * does not match, unkeyed rows where only keyed ones may stand, and — against the anchor in the data
 * directory — a chain that lost its newest rows, was emptied, or was re-hashed.
 */
export async function verifyChain(db: Db, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const key = opts.key ?? currentAuditKey();
  const read = opts.dataDir ? readAnchor(opts.dataDir, key) : null;
  const anchor = read?.kind === 'ok' ? read.anchor : null;
  const walk = await walkChain(db, key, GENESIS, { batch: opts.batch, watchSeq: anchor?.seq });
  const problems = [...walk.problems];
  if (walk.count > 0 && !walk.head.keyed) problems.push(`第 1–${walk.head.seq} 条记录尚未用审计密钥封存（没有一条签名的记录）`);
  const notes: string[] = [];
  if (read?.kind === 'bad') problems.push(read.problem);
  if (read?.kind === 'none') notes.push(`尚无链头锚点文件（${anchorPath(opts.dataDir!)}）：无法确认最新的记录没有被删除；网站运行时会自动写入`);
  if (anchor) {
    problems.push(...compareWithAnchor(anchor, { count: walk.count, headSeq: walk.head.seq, hashAtAnchor: walk.watched }));
    const when = formatChinaDateTime(new Date(anchor.anchoredAt));
    if (walk.head.seq > anchor.seq) notes.push(`链头锚点记录到第 ${anchor.seq} 条（${when}），其后 ${walk.head.seq - anchor.seq} 条记录尚未锚定，由签名保护`);
    else if (problems.length === 0) notes.push(`与链头锚点一致（第 ${anchor.seq} 条，${when}）`);
  }
  return { ok: problems.length === 0, count: walk.count, headSeq: walk.head.seq, headHash: walk.head.hash, problems, anchor, notes };
}

/** The result in words, for the command line. */
export function describeVerifyResult(r: VerifyResult): string {
  const notes = r.notes.map((n) => `\n  · ${n}`).join('');
  if (r.ok) return `审计日志完整：共 ${r.count} 条记录，链头第 ${r.headSeq} 条，哈希 ${r.headHash}${notes}`;
  return `审计日志被篡改（共 ${r.count} 条记录）：\n${r.problems.map((p) => `  - ${p}`).join('\n')}${notes}`;
}
