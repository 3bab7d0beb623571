import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where attachments live. The local directory is the default; an object store would implement
 * the same three calls. Keys are opaque (content hash based), never user-chosen file names.
 */
export interface FileStorage {
  /** Moves a finished temporary file into storage under `key`. */
  putFile(key: string, tempPath: string): Promise<void>;
  read(key: string): Promise<{ stream: Readable; size: number }>;
  remove(key: string): Promise<void>;
}

export function localStorage(root: string): FileStorage {
  const full = (key: string) => {
    if (!/^[a-z0-9/._-]+$/i.test(key) || key.includes('..')) throw new Error(`非法存储键：${key}`);
    return path.join(root, key);
  };
  return {
    async putFile(key, tempPath) {
      const target = full(key);
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await rename(tempPath, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        await copyFile(tempPath, target);
        await rm(tempPath, { force: true });
      }
    },
    async read(key) {
      const target = full(key);
      const s = await stat(target);
      return { stream: createReadStream(target), size: s.size };
    },
    async remove(key) {
      await rm(full(key), { force: true });
    },
  };
}
