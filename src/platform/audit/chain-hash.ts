import { createHash, createHmac } from 'node:crypto';
import type { AuditKey } from './key.js';

/** What a row's hash covers: its content, its place (seq) and the previous row's hash. */
export interface ChainRow {
  seq: number;
  occurred_at: string;
  actor_id: number | null;
  actor_label: string;
  org_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  prev_hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** key_version 0: the unkeyed sha256 of rows written before the chain was keyed (migration 0014). */
export function hashEvent(row: ChainRow): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

/** key_version ≥ 1: HMAC-SHA256 under the audit key; the version is inside what is signed. */
export function sealEvent(row: ChainRow, key: AuditKey): string {
  return createHmac('sha256', key.key).update(canonicalJson({ ...row, key_version: key.version })).digest('hex');
}

/** The hash a stored row should carry under its key_version; null for a version this code does not know. */
export function expectedHash(row: ChainRow, keyVersion: number, key: AuditKey): string | null {
  if (keyVersion === 0) return hashEvent(row);
  if (keyVersion === key.version) return sealEvent(row, key);
  return null;
}

/** A stored row as it was hashed: timestamps back to ISO, JSON columns as parsed. */
export function chainRowOf(r: Omit<ChainRow, 'occurred_at'> & { occurred_at: string | Date }): ChainRow {
  return {
    seq: r.seq,
    occurred_at: new Date(r.occurred_at).toISOString(),
    actor_id: r.actor_id,
    actor_label: r.actor_label,
    org_id: r.org_id,
    action: r.action,
    entity_type: r.entity_type,
    entity_id: r.entity_id,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
    prev_hash: r.prev_hash,
  };
}

/** JSON with object keys sorted at every level, so jsonb's reordering does not change the hash. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const obj = v as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}
