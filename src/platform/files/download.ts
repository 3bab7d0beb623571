import type { FastifyReply } from 'fastify';
import { NotFoundError } from '../http/errors.js';
import type { FileStorage } from './storage.js';

/**
 * A stored file as a download: never sniffed into something else, named per RFC 6266 (an ASCII
 * fallback, then the Chinese name). `personal` files (a case's) are never kept by a shared cache.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  storage: FileStorage,
  f: { storageKey: string; fileName: string; mediaType: string; fallbackName: string; personal?: boolean },
): Promise<FastifyReply> {
  const file = await storage.read(f.storageKey);
  if (f.personal) reply.header('cache-control', 'private, no-store');
  return reply
    .type(f.mediaType)
    .header('content-length', file.size)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="${f.fallbackName}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .send(file.stream);
}

/** An item's attachment as a download, when the loader found it (in scope, or public); else 404. */
export async function sendAttachment(
  reply: FastifyReply,
  storage: FileStorage,
  att: { storage_key: string; file_name: string; media_type: string } | undefined,
  attachmentId: string,
): Promise<FastifyReply> {
  if (!att) throw new NotFoundError('附件不存在');
  return sendStoredFile(reply, storage, { storageKey: att.storage_key, fileName: att.file_name, mediaType: att.media_type, fallbackName: `attachment-${attachmentId}` });
}
