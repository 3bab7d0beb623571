import { sql, type Kysely } from 'kysely';
import type { Database, DocumentStatus } from '../../../db/schema.js';
import { PUBLIC_ATTRIBUTES } from '../../../platform/content/lifecycle.js';
import type { Validity } from '../domain/validity.js';

/**
 * A table that links documents to the content of another module (an interpretation explains them,
 * a Q&A entry cites them), declared once by the module that owns it: which table, which column
 * names the linking row, and whether each link names a clause (第十二条). The documents module reads
 * documents through it and imports neither module. A union, so a table goes with its own column.
 */
export type DocumentLink =
  | { readonly table: 'interpretation_documents'; readonly key: 'interpretation_id'; readonly clause: false }
  | { readonly table: 'qa_entry_documents'; readonly key: 'qa_id'; readonly clause: true };

/** A linked document as the back office lists it, in any status. */
export interface LinkedDocument {
  id: number;
  title: string;
  doc_no: string | null;
  status: DocumentStatus;
  org_id: number;
  /** The issuing organization's short name. */
  org: string;
  published_on: string | null;
  validity: Validity;
  /** The clause the link names; '' when it names none, or when the link has no clause at all. */
  clause: string;
}

/** A linked document as the public may see it: published, with a public attribute. */
export type PublicLinkedDocument = Pick<LinkedDocument, 'id' | 'title' | 'doc_no' | 'published_on' | 'validity' | 'clause'>;

function linkedFrom(db: Kysely<Database>, link: DocumentLink, id: number) {
  return db
    .selectFrom(db.dynamic.table(link.table).as('x'))
    .innerJoin('documents as d', 'd.id', 'x.document_id')
    .select((link.clause ? sql.ref<string>('x.clause') : sql<string>`''`).as('clause'))
    .where(sql.ref(`x.${link.key}`), '=', id);
}

/** The documents linked to one interpretation or entry, for its back-office page: any status, by number. */
export async function linkedDocuments(db: Kysely<Database>, link: DocumentLink, id: number): Promise<LinkedDocument[]> {
  const rows = await linkedFrom(db, link, id)
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.title', 'd.doc_no', 'd.status', 'd.org_id', 'd.published_on', 'd.validity', 'o.short_name as org'])
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({ ...r, validity: r.validity as Validity }));
}

/**
 * The linked documents the public may see (published, with a public attribute), newest first: the
 * public page lists them and the public edition names them.
 */
export async function publicLinkedDocuments(db: Kysely<Database>, link: DocumentLink, id: number): Promise<PublicLinkedDocument[]> {
  const rows = await linkedFrom(db, link, id)
    .select(['d.id', 'd.title', 'd.doc_no', 'd.published_on', 'd.validity'])
    .where('d.status', '=', 'published')
    .where('d.attribute', 'in', PUBLIC_ATTRIBUTES)
    .orderBy('d.published_on', 'desc')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({ ...r, validity: r.validity as Validity }));
}
