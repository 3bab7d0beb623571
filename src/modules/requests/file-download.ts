import { sendStoredFile } from '../../platform/files/download.js';
import type { FastifyReply } from 'fastify';
import type { FileStorage } from '../../platform/files/storage.js';

/**
 * A case's stored file as a download: never kept by a shared cache (it may be personal), never
 * sniffed into something else, and named per RFC 6266 (an ASCII fallback, then the Chinese name).
 */
export async function sendCaseFile(reply: FastifyReply, storage: FileStorage, a: { id: number; file_name: string; storage_key: string; mime_type: string }): Promise<FastifyReply> {
  return sendStoredFile(reply, storage, { storageKey: a.storage_key, fileName: a.file_name, mediaType: a.mime_type, fallbackName: `attachment-${a.id}`, personal: true });
}
