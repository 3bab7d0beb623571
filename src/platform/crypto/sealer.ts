import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Personal data at rest: sealed with AES-256-GCM (confidential and tamper-evident), and findable
 * without decrypting through a keyed hash (a "blind index") of a normalized value. Both keys are
 * derived from one 32-byte master key, which lives outside the database (DATA_KEY, or a key file
 * in the data directory), so a copy of the database alone reveals nothing.
 */
export interface Sealer {
  seal(value: unknown): string;
  unseal<T>(sealed: string): T;
  /** A keyed hash of a normalized value: equal inputs give equal keys, and it cannot be reversed. */
  blindIndex(value: string): string;
}

const VERSION = 'v1';

export function createSealer(masterKey: Buffer): Sealer {
  if (masterKey.length !== 32) throw new Error('数据加密主密钥必须是 32 字节');
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gongkai personal data v1', 32));
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gongkai blind index v1', 32));
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    unseal<T>(sealed: string): T {
      const [version, data] = sealed.split(':');
      if (version !== VERSION || !data) throw new Error('无法识别的加密数据格式');
      const raw = Buffer.from(data, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as T;
    },
    blindIndex(value) {
      return createHmac('sha256', macKey).update(value.normalize('NFKC').replace(/\s+/g, '').toUpperCase()).digest('base64url');
    },
  };
}

/**
 * The master key: DATA_KEY (base64, 32 bytes) when set; otherwise a key file made once in the data
 * directory with owner-only permissions. Losing it makes sealed data unreadable: back it up apart
 * from the database.
 */
export function loadMasterKey(dataKey: string | null, dataDir: string): Buffer {
  if (dataKey) return Buffer.from(dataKey, 'base64');
  const file = path.join(dataDir, 'data.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/** The sealer of a configuration: the same key for the server, the seed and the command line. */
export function sealerFor(config: { dataKey: string | null; dataDir: string }): Sealer {
  return createSealer(loadMasterKey(config.dataKey, config.dataDir));
}
