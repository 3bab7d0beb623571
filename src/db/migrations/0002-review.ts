import { sql, type Kysely } from 'kysely';

/**
 * Publishing under review (先审后发): the review state every publishable item carries, review
 * actions (the 审查台账), automatic-check resolutions, the flagged-wording dictionary and its
 * rescans, redaction, and interpretations (政策解读) linked to documents.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organizations
      add column review_levels integer not null default 3 check (review_levels between 1 and 3),
      add column interpretation_rule text not null default 'grace' check (interpretation_rule in ('required', 'grace', 'none')),
      add column interpretation_grace_days integer not null default 3 check (interpretation_grace_days between 0 and 30)`.execute(db);

  // The columns every publishable item has; the review module reads and writes them by name.
  const reviewColumns = sql`
    add column edition_of bigint,
    add column review_level integer not null default 0,
    add column submitted_by bigint references staff(id),
    add column submitted_at timestamptz,
    add column needs_review boolean not null default false,
    add column urgent_reason text,
    add column publish_at timestamptz,
    add column withdrawn_at timestamptz,
    add column withdrawal_kind text check (withdrawal_kind in ('notice', 'remove')),
    add column withdrawal_reason text`;
  await sql`alter table documents ${reviewColumns}`.execute(db);
  // An edition of a published document (a new draft of it) is a row of its own until it is published
  // into the original; only published documents need an index number.
  await sql`alter table documents add constraint documents_edition_of foreign key (edition_of) references documents(id)`.execute(db);
  await sql`alter table documents alter column index_no drop not null`.execute(db);
  await sql`alter table documents drop constraint documents_status_check`.execute(db);
  await sql`alter table documents add constraint documents_status_check check (status in ('draft', 'submitted', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn', 'merged'))`.execute(db);
  await sql`create unique index documents_open_edition on documents (edition_of) where edition_of is not null and status not in ('merged')`.execute(db);
  await sql`create index documents_review_queue on documents (status, submitted_at) where status in ('submitted', 'in_review', 'approved', 'scheduled')`.execute(db);

  await sql`
    alter table attachments
      add column text_content text not null default '',
      add column redacted_copy boolean not null default false`.execute(db);

  await sql`
    create table interpretations (
      id bigint generated always as identity primary key,
      org_id bigint not null references organizations(id),
      title text not null,
      form text not null check (form in ('text', 'graphic', 'video', 'qa', 'press', 'expert')),
      body_html text not null default '',
      body_text text not null default '',
      department text not null,
      contact text not null default '',
      status text not null check (status in ('draft', 'submitted', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn', 'merged')),
      published_on date,
      published_at timestamptz,
      created_by bigint references staff(id),
      updated_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table interpretations ${reviewColumns}`.execute(db);
  await sql`alter table interpretations add constraint interpretations_edition_of foreign key (edition_of) references interpretations(id)`.execute(db);
  await sql`create unique index interpretations_open_edition on interpretations (edition_of) where edition_of is not null and status not in ('merged')`.execute(db);
  await sql`create index interpretations_org on interpretations (org_id, status)`.execute(db);

  await sql`
    create table interpretation_documents (
      interpretation_id bigint not null references interpretations(id),
      document_id bigint not null references documents(id),
      primary key (interpretation_id, document_id)
    )`.execute(db);
  await sql`create index interpretation_documents_document on interpretation_documents (document_id)`.execute(db);

  // Every review step, in order: the review ledger (审查台账) is read from here.
  await sql`
    create table review_actions (
      id bigint generated always as identity primary key,
      item_type text not null check (item_type in ('document', 'interpretation')),
      item_id bigint not null,
      org_id bigint not null references organizations(id),
      action text not null,
      level integer,
      comment text not null default '',
      findings jsonb not null default '{}',
      staff_id bigint not null references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index review_actions_item on review_actions (item_type, item_id, id)`.execute(db);
  await sql`create index review_actions_org on review_actions (org_id, created_at)`.execute(db);

  // A check finding dismissed as a false positive (by a reviewer, with a reason) or acknowledged
  // (a warning). Keyed by what was found, not where, so an edit elsewhere keeps the resolution.
  await sql`
    create table check_resolutions (
      id bigint generated always as identity primary key,
      item_type text not null,
      item_id bigint not null,
      finding_key text not null,
      resolution text not null check (resolution in ('dismissed', 'acknowledged')),
      reason text not null default '',
      staff_id bigint not null references staff(id),
      created_at timestamptz not null default now(),
      unique (item_type, item_id, finding_key)
    )`.execute(db);

  await sql`
    create table flagged_terms (
      id bigint generated always as identity primary key,
      term text not null unique,
      category text not null,
      action text not null check (action in ('block', 'suggest', 'warn')),
      replacement text,
      note text not null default '',
      created_by bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);

  // Whether links to other sites in bodies answer: checked by a job (never inside a request), read by the checks.
  await sql`
    create table link_checks (
      url text primary key,
      ok boolean not null,
      status integer,
      error text,
      checked_at timestamptz not null
    )`.execute(db);

  await sql`
    create table check_runs (
      id bigint generated always as identity primary key,
      reason text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      items_scanned integer not null default 0,
      items_flagged integer not null default 0
    )`.execute(db);
  await sql`
    create table check_run_hits (
      run_id bigint not null references check_runs(id),
      item_type text not null,
      item_id bigint not null,
      findings jsonb not null,
      primary key (run_id, item_type, item_id)
    )`.execute(db);
}
