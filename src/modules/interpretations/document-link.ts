import type { DocumentLink } from '../documents/public.js';

/** The documents an interpretation explains (被解读的文件): read through the documents module. */
export const INTERPRETATION_DOCUMENTS: DocumentLink = { table: 'interpretation_documents', key: 'interpretation_id', clause: false };
