import { sql, type Kysely } from 'kysely';

/**
 * The smart Q&A (智能问答): document clauses, the synonym dictionary, asked questions, referrals (转人工).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Clause-level chunks of published documents (第X条, else paragraphs or windows of sentences),
  // each with its own vector: the title weighted B (context for a clause that never names its
  // subject), the clause's text D. Rebuilt whole whenever the document's text changes.
  await sql`
    create table document_clauses (
      id bigint generated always as identity primary key,
      document_id bigint not null references documents(id) on delete cascade,
      position integer not null,
      label text not null,
      text text not null,
      in_force boolean not null,
      search_vector tsvector not null,
      unique (document_id, position)
    )`.execute(db);
  // Only clauses of documents in force are ever cited, so only they are in the full-text index:
  // a repealed document's clause cannot even be a candidate, and the filter costs nothing.
  await sql`create index document_clauses_search on document_clauses using gin (search_vector) where in_force`.execute(db);
  // Retrieval weighs query words by their rarity, read from the planner's statistics
  // (most_common_elems): ten times the default target keeps the 10,000 most common words.
  await sql`alter table document_clauses alter column search_vector set statistics 1000`.execute(db);
  await sql`alter table qa_entries alter column search_vector set statistics 1000`.execute(db);

  // Whoever changes a document's validity, status or disclosure attribute (publication, relations,
  // the daily validity job, withdrawal), its clauses follow in the same transaction.
  await sql`
    create function document_clauses_follow() returns trigger language plpgsql as $$
    begin
      update document_clauses
         set in_force = (new.status = 'published' and new.attribute in ('public', 'public_redacted')
                         and new.validity in ('effective', 'amended', 'partially_invalid'))
       where document_id = new.id
         and in_force is distinct from (new.status = 'published' and new.attribute in ('public', 'public_redacted')
                                        and new.validity in ('effective', 'amended', 'partially_invalid'));
      return null;
    end $$`.execute(db);
  await sql`
    create trigger documents_clauses_in_force after update of validity, status, attribute on documents
    for each row when (old.validity is distinct from new.validity or old.status is distinct from new.status or old.attribute is distinct from new.attribute)
    execute function document_clauses_follow()`.execute(db);

  // The synonym and abbreviation dictionary (社保 = 社会保险): each row a group of equivalent terms.
  await sql`
    create table ask_synonyms (
      id bigint generated always as identity primary key,
      terms text[] not null check (cardinality(terms) between 2 and 20),
      note text not null default '',
      created_by bigint references staff(id),
      updated_by bigint references staff(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);

  // Questions asked, grouped by their normalized (and personal-data-masked) text, for the staff's
  // list of unanswered and low-confidence questions.
  await sql`
    create table ask_questions (
      id bigint generated always as identity primary key,
      question_key text not null unique,
      question text not null,
      times integer not null default 1,
      best_score real not null default 0,
      confident boolean not null,
      first_asked_at timestamptz not null,
      last_asked_at timestamptz not null,
      dismissed_at timestamptz,
      dismissed_by bigint references staff(id)
    )`.execute(db);
  await sql`create index ask_questions_open on ask_questions (times desc, last_asked_at desc) where not confident and dismissed_at is null`.execute(db);

  // Questions sent to a department (转人工), answered within organizations.referral_days working days.
  await sql`
    create table referrals (
      id bigint generated always as identity primary key,
      org_id bigint not null references organizations(id),
      tracking_no text not null unique,
      access_code_hash text not null,
      question text not null,
      status text not null check (status in ('submitted', 'assigned', 'answered', 'closed')),
      account_id bigint references accounts(id),
      asker_sealed text,
      asker_masked text not null default '',
      email_masked text not null default '',
      submitted_at timestamptz not null,
      submitted_on date not null,
      due_on date not null,
      due_provisional boolean not null default false,
      deadline jsonb not null,
      suggestions jsonb not null default '[]',
      assignee_id bigint references staff(id),
      answer_html text not null default '',
      answer_text text not null default '',
      answered_at timestamptz,
      answered_by bigint references staff(id),
      closed_at timestamptz,
      close_reason text not null default '',
      qa_id bigint references qa_entries(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index referrals_open on referrals (org_id, due_on) where status in ('submitted', 'assigned')`.execute(db);
  await sql`create index referrals_org on referrals (org_id, submitted_at desc)`.execute(db);
  await sql`create index referrals_account on referrals (account_id) where account_id is not null`.execute(db);
}
