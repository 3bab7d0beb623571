import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
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
  /** True when the file was larger than the limit and was cut off. */
  tooLarge: boolean;
  /** The type found from the file's own bytes (magic numbers), not from its name or label. */
  detected: { ext: string; mime: string } | null;
}

export const uploadDir = path.join(os.tmpdir(), 'gongkai-uploads');

export async function receiveUpload(part: MultipartFile): Promise<Upload> {
  const tempPath = path.join(uploadDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  await pipeline(part.file, counter, createWriteStream(tempPath));
  const detected = part.file.truncated ? null : ((await fileTypeFromFile(tempPath)) ?? null);
  return {
    kind: 'upload',
    fieldName: part.fieldname,
    fileName: cleanFileName(part.filename),
    declaredType: part.mimetype,
    tempPath,
    size,
    sha256: hash.digest('hex'),
    tooLarge: part.file.truncated,
    detected: detected ? { ext: detected.ext, mime: detected.mime } : null,
  };
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
