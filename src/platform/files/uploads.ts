import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { fileTypeFromFile } from 'file-type';

/**
 * An uploaded file, streamed to a temporary file while it arrives (never buffered whole in
 * memory). Nothing is stored until a command accepts it; rejected uploads are deleted.
 */
export interface Upload {
  kind: 'upload';
  fieldName: string;
  fileName: string;
  declaredType: string;
  tempPath: string;
  size: number;
  sha256: string;
  /**
   * True when the file was larger than the limit and was cut off. Its bytes are already removed
   * (nothing may be done with a cut-off file but refuse it), so `tempPath` names no file.
   */
  tooLarge: boolean;
  /** The type found from the file's own bytes (magic numbers), not from its name or label. */
  detected: { ext: string; mime: string } | null;
}

/**
 * Where uploads wait while their request runs: inside the data directory, so that taking one into
 * storage (under the data directory too) is a rename, and so that two installations on one machine
 * never share, and never clear, each other's files.
 */
export function uploadDirFor(dataDir: string): string {
  return path.join(dataDir, 'tmp', 'uploads');
}

/** Why a file of a request was drained unwritten. */
export type RefusedFor = 'token' | 'anonymous';

/**
 * The temporary files of one request. Every file is registered here before a byte is written, so
 * that however the request ends — answered, failed while its body was parsed, or abandoned by
 * the client midway — its files are removed. A file a handler took into storage was moved away
 * (renamed), so removing its temporary path afterwards finds nothing.
 */
export class RequestUploads {
  private readonly paths = new Set<string>();
  /** The files are gone: later parts are drained, not written. */
  discarded = false;
  /** Set at the first file part: whether this request may write files at all, and if not why. */
  verdict: { ok: true } | { ok: false; reason: RefusedFor } | null = null;
  /** Whether files were drained unwritten for want of a valid CSRF token or session. */
  refused: RefusedFor | null = null;
  private handling = false;
  private abandonedWhileHandling = false;

  constructor(readonly dir: string) {}

  /** A fresh temporary path, owned by this request before anything is written to it. */
  newPath(): string {
    const p = path.join(this.dir, randomUUID());
    this.paths.add(p);
    return p;
  }

  get pending(): number {
    return this.paths.size;
  }

  /** Removes every file of the request; files it still receives are drained, not written. */
  async discard(): Promise<void> {
    this.discarded = true;
    const all = [...this.paths];
    this.paths.clear();
    await Promise.all(all.map((p) => rm(p, { force: true })));
  }

  /** The body is parsed: a handler may now be reading these files or moving them into storage. */
  markHandling(): void {
    this.handling = true;
  }

  /** The handler has answered: files held back for it can go. */
  async markAnswered(): Promise<void> {
    this.handling = false;
    if (this.abandonedWhileHandling) await this.discard();
  }

  /**
   * The client went away before the answer was complete. While the body is still arriving the files
   * go at once (parsing fails right after); while a handler runs they go as soon as it answers, so
   * that no file disappears under a command that is storing it.
   */
  async abandon(): Promise<void> {
    if (this.handling) this.abandonedWhileHandling = true;
    else await this.discard();
  }
}

/** A request that ended while one of its files was still arriving; nobody is left to answer. */
export class UploadAbandonedError extends Error {
  readonly statusCode = 400;
  readonly code = 'UPLOAD_ABANDONED';
  constructor() {
    super('提交已中断，上传的文件未保存。');
  }
}

/** Reads a part to its end without keeping any of it (rejects if the body breaks off). */
export async function drainPart(part: MultipartFile): Promise<void> {
  part.file.resume();
  await finished(part.file);
}

/**
 * Streams one file part to a temporary file of its request. The file is removed at once when the
 * stream breaks off (the half-written file is useless), when it passes the size limit (from that
 * moment: busboy writes nothing more, and the bytes before it are removed right away) and when the
 * request is abandoned meanwhile.
 */
export async function receiveUpload(part: MultipartFile, owner: RequestUploads): Promise<Upload> {
  if (owner.discarded) {
    await drainPart(part);
    throw new UploadAbandonedError();
  }
  const tempPath = owner.newPath();
  const hash = createHash('sha256');
  let size = 0;
  let truncated = false;
  part.file.once('limit', () => {
    truncated = true;
    void rm(tempPath, { force: true });
  });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (truncated) return cb();
      size += chunk.length;
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(part.file, counter, createWriteStream(tempPath));
  } catch (err) {
    await rm(tempPath, { force: true });
    throw err;
  }
  const base = { kind: 'upload' as const, fieldName: part.fieldname, fileName: cleanFileName(part.filename), declaredType: part.mimetype, tempPath, size };
  if (truncated || part.file.truncated) {
    await rm(tempPath, { force: true });
    return { ...base, sha256: '', tooLarge: true, detected: null };
  }
  let detected;
  try {
    if (owner.discarded) throw new UploadAbandonedError();
    detected = (await fileTypeFromFile(tempPath)) ?? null;
  } catch (err) {
    await rm(tempPath, { force: true });
    throw owner.discarded ? new UploadAbandonedError() : err;
  }
  return { ...base, sha256: hash.digest('hex'), tooLarge: false, detected: detected ? { ext: detected.ext, mime: detected.mime } : null };
}

/**
 * Removes what earlier runs left in the upload directory (a crash, a kill): every file last
 * written before `before` (milliseconds since the epoch). Returns how many were removed.
 */
export async function clearStaleUploads(dir: string, before: number): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const p = path.join(dir, name);
    try {
      const s = await stat(p);
      if (s.isFile() && s.mtimeMs < before) {
        await rm(p, { force: true });
        removed++;
      }
    } catch {
      // Gone meanwhile (its request finished): nothing to do.
    }
  }
  return removed;
}

export function isUpload(v: unknown): v is Upload {
  return typeof v === 'object' && v !== null && (v as Upload).kind === 'upload';
}

/** Every upload in a parsed multipart body, whatever field it came in. */
export function uploadsIn(body: unknown): Upload[] {
  if (!body || typeof body !== 'object') return [];
  return Object.values(body as Record<string, unknown>).flatMap((v) => (Array.isArray(v) ? v : [v])).filter(isUpload);
}

export async function discardUploads(uploads: Upload[]): Promise<void> {
  await Promise.all(uploads.map((u) => rm(u.tempPath, { force: true })));
}

function cleanFileName(name: string): string {
  const base = path.basename(name || '未命名文件').replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_');
  return base.slice(-120) || '未命名文件';
}
