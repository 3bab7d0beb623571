import type { FastifyReply } from 'fastify';
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
