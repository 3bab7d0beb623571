import type { FastifyReply } from 'fastify';
import type { FileStorage } from '../../platform/files/storage.js';

/**
 * A case's stored file as a download: never kept by a shared cache (it may be personal), never
 * sniffed into something else, and named per RFC 6266 (an ASCII fallback, then the Chinese name).
 */
export async function sendCaseFile(reply: FastifyReply, storage: FileStorage, a: { id: number; file_name: string; storage_key: string; mime_type: string }): Promise<FastifyReply> {
  const file = await storage.read(a.storage_key);
  return reply
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="attachment-${a.id}"; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
    .type(a.mime_type)
    .send(file.stream);
}
