import { sql, type Kysely } from 'kysely';

/**
 * A sent reply letter keeps the list of what it provided (附件：1．…，2．《…》), as it was sent.
 * The list was built afresh at every showing, so a document retitled, or a file or link added
 * after the reply went out, changed a letter the applicant already holds. Letters sent before this
 * migration get the list their case holds now, the nearest record there is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table request_letters add column attachments jsonb`.execute(db);
  await sql`
    update request_letters l set attachments = (
      select coalesce(jsonb_agg(x.name order by x.ord, x.id), '[]'::jsonb) from (
        select 0 as ord, a.id, a.file_name as name from request_attachments a where a.request_id = l.request_id and a.for_reply
        union all
        select 1, d.id, '《' || regexp_replace(d.title, '^《|》$', '', 'g') || '》' || case when coalesce(d.doc_no, '') <> '' then '（' || d.doc_no || '）' else '' end
        from request_documents rd join documents d on d.id = rd.document_id where rd.request_id = l.request_id
      ) x)
    where l.kind = 'reply' and l.status = 'sent'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table request_letters drop column attachments`.execute(db);
}
