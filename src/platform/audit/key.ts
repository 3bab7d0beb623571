import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { loadMasterKey } from '../crypto/sealer.js';

/**
 * The key of the audit chain (ADR 0018). Rows are sealed with HMAC-SHA256 under a key kept outside
 * the database, so someone who can write the table but lacks the key cannot re-hash an edited chain
 * or append a row that verifies.
 *
 * The key is AUDIT_KEY when set (so an auditor can be given it without the personal-data key), else
 * derived from the data key with its own HKDF label: one secret fewer to keep, and production with
 * PostgreSQL already requires DATA_KEY.
 *
 * recordEvent is called by every command with nothing but its transaction, so the key is registered
 * once per process at start-up (`useAuditKey`, done by openRuntime). A process that never registers
 * one (tests, benchmarks) gets a random key of its own, which no attacker knows; in production that
 * is refused, since rows sealed with it would not verify after a restart.
 */
export interface AuditKey {
  /** The key_version rows sealed with it carry. 0 is the unkeyed sha256 of earlier versions. */
  version: 1;
  key: Buffer;
  /** A public fingerprint, written into the anchor so a changed key is named as such. */
  id: string;
}

export const AUDIT_KEY_VERSION = 1;

let current: AuditKey | null = null;

export function makeAuditKey(key: Buffer): AuditKey {
  if (key.length !== 32) throw new Error('审计密钥必须是 32 字节');
  return { version: 1, key, id: createHmac('sha256', key).update('gongkai audit key id').digest('hex').slice(0, 16) };
}

/** The audit key of a configuration: AUDIT_KEY, or derived from the data key (env or key file). */
export function auditKeyFor(config: { auditKey: string | null; dataKey: string | null; dataDir: string }): AuditKey {
  if (config.auditKey) return makeAuditKey(Buffer.from(config.auditKey, 'base64'));
  const master = loadMasterKey(config.dataKey, config.dataDir);
  return makeAuditKey(Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'gongkai audit chain v1', 32)));
}

/** Makes `key` the one every recordEvent and verifyChain of this process uses. */
export function useAuditKey(key: AuditKey): void {
  current = key;
}

export function currentAuditKey(): AuditKey {
  if (current) return current;
  if (process.env.NODE_ENV === 'production') throw new Error('审计密钥尚未加载：请通过 openRuntime 启动');
  current = makeAuditKey(randomBytes(32));
  return current;
}
