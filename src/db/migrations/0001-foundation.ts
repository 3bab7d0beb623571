import { sql, type Kysely } from 'kysely';

/**
 * The foundation: organizations and their catalogs, staff and sessions, the audit chain,
 * taxonomies, the policy library with versions and validity events, attachments and jobs.
 * Written in SQL that PostgreSQL 15 (production) and PGlite's 18 both accept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table settings (
      key text primary key,
      value text not null
    )`.execute(db);

  await sql`
    create table organizations (
      id bigint generated always as identity primary key,
      parent_id bigint references organizations(id),
      code text not null unique,
      name text not null,
      short_name text not null,
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      kind text not null check (kind in ('government', 'department', 'county', 'township', 'office')),
      position integer not null default 0,
      address text not null default '',
      postcode text not null default '',
      phone text not null default '',
      fax text not null default '',
      email text not null default '',
      office_hours text not null default '',
      guide_html text not null default '',
      index_template text not null default '{orgCode}/{yyyy}-{serial:5}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index organizations_parent on organizations (parent_id)`.execute(db);

  await sql`
    create table catalog_nodes (
      id bigint generated always as identity primary key,
      org_id bigint not null references organizations(id),
      parent_id bigint references catalog_nodes(id),
      name text not null,
      slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      description text not null default '',
      position integer not null default 0,
      unique (org_id, slug)
    )`.execute(db);

  await sql`
    create table staff (
      id bigint generated always as identity primary key,
      username text not null unique,
      display_name text not null,
      password_hash text not null,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      disabled boolean not null default false,
      last_login_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table staff_roles (
      staff_id bigint not null references staff(id),
      org_id bigint not null references organizations(id),
      role text not null check (role in ('admin', 'drafter', 'reviewer', 'publisher', 'request_handler', 'disclosure_office')),
      primary key (staff_id, org_id, role)
    )`.execute(db);

  await sql`
    create table sessions (
      id text primary key,
      staff_id bigint not null references staff(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sessions_staff on sessions (staff_id)`.execute(db);

  await sql`
    create table rate_limits (
      key text primary key,
      window_start timestamptz not null,
      hits integer not null
    )`.execute(db);

  await sql`
    create table audit_events (
      seq bigint primary key,
      occurred_at timestamptz not null,
      actor_id bigint,
      actor_label text not null,
      org_id bigint,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      before jsonb,
      after jsonb,
      ip text,
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  // Append-only: the database refuses edits; the hash chain reveals anyone who bypasses this.
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_no_change before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);

  await sql`
    create table topics (
      id bigint generated always as identity primary key,
      parent_id bigint references topics(id),
      name text not null,
      position integer not null default 0,
      unique (parent_id, name)
    )`.execute(db);
  await sql`
    create table audiences (
      name text primary key,
      position integer not null default 0
    )`.execute(db);
  await sql`
    create table doc_types (
      name text primary key,
      is_normative boolean not null default false,
      position integer not null default 0
    )`.execute(db);

  await sql`
    create table documents (
      id bigint generated always as identity primary key,
      org_id bigint not null references organizations(id),
      catalog_node_id bigint references catalog_nodes(id),
      source_id text unique,
      index_no text not null unique,
      title text not null,
      doc_no text,
      doc_no_prefix text,
      doc_no_year integer,
      doc_no_serial integer,
      issuers text[] not null default '{}',
      doc_type text not null references doc_types(name),
      topic_id bigint references topics(id),
      audiences text[] not null default '{}',
      attribute text not null check (attribute in ('public', 'public_redacted', 'on_request', 'not_public')),
      written_on date,
      published_on date,
      effective_on date,
      expires_on date,
      year integer,
      body_html text not null default '',
      body_text text not null default '',
      status text not null check (status in ('draft', 'submitted', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn')),
      validity text not null,
      validity_since date,
      validity_next_change_on date,
      source_validity_label text,
      current_version integer not null default 1,
      search_vector tsvector not null default ''::tsvector,
      rank_vector tsvector not null default ''::tsvector,
      created_by bigint references staff(id),
      updated_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      published_at timestamptz
    )`.execute(db);
  // fastupdate off: a GIN pending list is scanned whole by every query until VACUUM merges it, and
  // PGlite runs no autovacuum; the planner then (rightly) avoids the index. Publishing is rare,
  // searching is constant, so pay at insert time.
  await sql`create index documents_search on documents using gin (search_vector) with (fastupdate = off)`.execute(db);
  await sql`create index documents_rank on documents using gin (rank_vector) with (fastupdate = off)`.execute(db);
  await sql`create index documents_doc_no_trgm on documents using gin (doc_no gin_trgm_ops) with (fastupdate = off)`.execute(db);
  await sql`create index documents_title_trgm on documents using gin (title gin_trgm_ops) with (fastupdate = off)`.execute(db);
  await sql`create index documents_org_status on documents (org_id, status, published_on desc nulls last)`.execute(db);
  await sql`create index documents_published on documents (status, published_on desc nulls last, id desc)`.execute(db);
  await sql`create index documents_validity on documents (validity)`.execute(db);
  await sql`create index documents_next_change on documents (validity_next_change_on) where validity_next_change_on is not null`.execute(db);
  await sql`create index documents_doc_no_parts on documents (doc_no_serial, doc_no_year)`.execute(db);

  await sql`
    create table document_versions (
      id bigint generated always as identity primary key,
      document_id bigint not null references documents(id),
      version_no integer not null,
      snapshot jsonb not null,
      body_html text not null,
      note text not null default '',
      created_by bigint references staff(id),
      created_at timestamptz not null default now(),
      unique (document_id, version_no)
    )`.execute(db);

  await sql`
    create table document_relations (
      id bigint generated always as identity primary key,
      document_id bigint not null references documents(id),
      by_document_id bigint references documents(id),
      kind text not null check (kind in ('amend', 'partial_repeal', 'repeal', 'replace', 'declare_expired')),
      effective_on date not null,
      note text not null default '',
      created_by bigint references staff(id),
      created_at timestamptz not null default now(),
      check (by_document_id is null or by_document_id <> document_id)
    )`.execute(db);
  await sql`create index document_relations_target on document_relations (document_id)`.execute(db);
  await sql`create index document_relations_source on document_relations (by_document_id)`.execute(db);

  await sql`
    create table attachments (
      id bigint generated always as identity primary key,
      document_id bigint not null references documents(id),
      file_name text not null,
      media_type text not null,
      size_bytes bigint not null,
      sha256 text not null,
      storage_key text not null,
      position integer not null default 0,
      removed_at timestamptz,
      created_by bigint references staff(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index attachments_document on attachments (document_id)`.execute(db);

  await sql`
    create table index_counters (
      org_id bigint not null references organizations(id),
      scope_key text not null,
      last_serial integer not null,
      primary key (org_id, scope_key)
    )`.execute(db);

  await sql`
    create table jobs (
      id bigint generated always as identity primary key,
      name text not null,
      unique_key text unique,
      payload jsonb not null default '{}',
      run_at timestamptz not null default now(),
      locked_until timestamptz,
      attempts integer not null default 0,
      last_error text,
      done_at timestamptz
    )`.execute(db);
  await sql`create index jobs_due on jobs (run_at) where done_at is null`.execute(db);
}
