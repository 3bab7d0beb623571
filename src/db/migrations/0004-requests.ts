import { sql, type Kysely } from 'kysely';

/**
 * Disclosure requests (依申请公开) on the statutory clock: the working-day calendar's admin
 * overrides, the requests themselves with their event history (the clock is a fold over it),
 * letters, attachments, appeals and deadline reminders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Local or late changes to the State Council schedule, and years whose schedule an administrator
  // has entered in full (years the calendar package knows are confirmed already).
  await sql`
    create table calendar_overrides (
      day date primary key,
      working boolean not null,
      note text not null default '',
      created_by bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table calendar_years (
      year integer primary key check (year between 2000 and 2200),
      note text not null default '',
      confirmed_by bigint references staff(id),
      confirmed_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    alter table organizations
      add column request_reply_review boolean not null default false,
      add column request_fee_pauses_clock boolean not null default true,
      add column request_correction_days integer not null default 15 check (request_correction_days between 1 and 60)`.execute(db);

  await sql`
    create table requests (
      id bigint generated always as identity primary key,
      org_id bigint not null references organizations(id),
      tracking_no text not null unique,
      access_code_hash text not null,
      channel text not null check (channel in ('online', 'in_person', 'post_signed', 'post_unsigned', 'fax')),
      status text not null check (status in ('pending', 'handling', 'awaiting_correction', 'consulting', 'extension_pending', 'awaiting_fee', 'reply_review', 'reply_approved', 'replied', 'archived', 'withdrawn')),
      applicant_kind text not null check (applicant_kind in ('natural', 'business', 'research', 'public_interest', 'legal_service', 'other')),
      applicant_sealed text not null,
      applicant_masked text not null,
      applicant_key text not null,
      subject text not null,
      doc_number text,
      description text not null,
      provide_form text not null check (provide_form in ('paper', 'electronic')),
      delivery_method text not null check (delivery_method in ('post', 'pickup', 'email', 'online', 'fax')),
      content_tokens text not null default '',
      submitted_at timestamptz not null,
      received_on date,
      receipt_note text not null default '',
      due_on date,
      due_provisional boolean not null default false,
      clock jsonb not null default '{}',
      handler_id bigint references staff(id),
      outcome text,
      delivered_on date,
      closed_on date,
      repeat_of bigint references requests(id),
      mass_flag boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index requests_workbench on requests (org_id, status, due_on nulls last, id)`.execute(db);
  await sql`create index requests_handler on requests (handler_id, status, due_on)`.execute(db);
  await sql`create index requests_applicant on requests (applicant_key, submitted_at)`.execute(db);
  await sql`create index requests_received on requests (org_id, received_on)`.execute(db);
  await sql`create index requests_closed on requests (org_id, closed_on)`.execute(db);
  // The workbench's two orders, across every organization in an office's scope (bench:requests):
  // open cases by deadline, concluded ones newest first. The status lists must match
  // OPEN_STATUSES and the closed states exactly, or the planner cannot use them.
  await sql`create index requests_open_due on requests (due_on nulls last, id) where status in ('pending', 'handling', 'awaiting_correction', 'consulting', 'extension_pending', 'awaiting_fee', 'reply_review', 'reply_approved')`.execute(db);
  await sql`create index requests_closed_recent on requests (closed_on desc, id desc) where status in ('replied', 'archived', 'withdrawn')`.execute(db);

  // Every step, with the legal date it counts from (on_date) beside the moment it was recorded.
  await sql`
    create table request_events (
      id bigint generated always as identity primary key,
      request_id bigint not null references requests(id),
      kind text not null,
      on_date date not null,
      at timestamptz not null,
      actor_id bigint references staff(id),
      actor_label text not null,
      details jsonb not null default '{}',
      visible_to_applicant boolean not null default true
    )`.execute(db);
  await sql`create index request_events_request on request_events (request_id, id)`.execute(db);

  await sql`
    create table request_letters (
      id bigint generated always as identity primary key,
      request_id bigint not null references requests(id),
      kind text not null check (kind in ('receipt', 'correction', 'consultation', 'extension', 'fee', 'reply')),
      letter_no text not null,
      addressee text,
      title text not null,
      body text not null,
      outcome text,
      status text not null check (status in ('draft', 'sent')),
      sent_on date,
      created_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index request_letters_request on request_letters (request_id, id)`.execute(db);
  await sql`create unique index request_letters_one_draft on request_letters (request_id, kind) where status = 'draft'`.execute(db);

  await sql`
    create table request_attachments (
      id bigint generated always as identity primary key,
      request_id bigint not null references requests(id),
      event_id bigint references request_events(id),
      file_name text not null,
      storage_key text not null,
      mime_type text not null,
      size_bytes bigint not null,
      sha256 text not null,
      from_applicant boolean not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index request_attachments_request on request_attachments (request_id)`.execute(db);

  // Published information that answers a request (条例 第36条第1项), and requests proposed for
  // proactive publication because several applicants asked for the same thing (第44条).
  await sql`
    create table request_documents (
      request_id bigint not null references requests(id),
      document_id bigint not null references documents(id),
      primary key (request_id, document_id)
    )`.execute(db);

  await sql`
    create table request_appeals (
      id bigint generated always as identity primary key,
      request_id bigint not null references requests(id),
      kind text not null check (kind in ('review', 'litigation', 'litigation_after_review')),
      filed_on date not null,
      result text not null check (result in ('upheld', 'corrected', 'other', 'pending')),
      decided_on date,
      note text not null default '',
      created_by bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index request_appeals_request on request_appeals (request_id)`.execute(db);

  // One reminder per request, kind and deadline: the daily job never repeats itself.
  await sql`
    create table request_reminders (
      request_id bigint not null references requests(id),
      kind text not null check (kind in ('due_soon', 'overdue')),
      due_on date not null,
      created_at timestamptz not null default now(),
      primary key (request_id, kind, due_on)
    )`.execute(db);
}
