import type { DocumentLink } from '../documents/public.js';

/** The documents an entry rests on (依据文件), each with the clause it cites: read through the documents module. */
export const QA_DOCUMENTS: DocumentLink = { table: 'qa_entry_documents', key: 'qa_id', clause: true };
