import { sql, type Kysely } from 'kysely';

/**
 * What the policy library's searchers look for (搜索分析, issue 17), and the entries staff pin for a
 * query (推荐结果).
 *
 * `search_weeks` holds counts, never events: one row per week (its Monday, China time) and query,
 * normalized (trimmed, spaces collapsed, full-width folded, lower case) and with personal data
 * masked before it is stored, at most 100 characters. Nothing says who searched, when within the
 * week, or from where. Instances add to the counts (insert … on conflict do update with increments),
 * so several may write the same row.
 *
 * `search_best_bets` pins a published item of any content kind (the registry's `type`, as the review
 * ledger names kinds) to a normalized query; the library shows it only while the item is public.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table search_weeks (
      week_start date not null check (extract(isodow from week_start) = 1),
      query text not null check (char_length(query) between 1 and 100),
      searches integer not null default 0 check (searches >= 0),
      empty_searches integer not null default 0 check (empty_searches >= 0),
      opens integer not null default 0 check (opens >= 0),
      primary key (week_start, query)
    )`.execute(db);
  // The week's lists sort by these; the primary key finds a week's rows and a query's row.
  await sql`create index search_weeks_top on search_weeks (week_start, searches desc)`.execute(db);

  await sql`
    create table search_best_bets (
      id bigint generated always as identity primary key,
      query text not null check (char_length(query) between 1 and 100),
      item_type text not null,
      item_id bigint not null,
      note text not null default '',
      created_by bigint references staff(id),
      created_at timestamptz not null default now(),
      unique (query, item_type, item_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists search_best_bets`.execute(db);
  await sql`drop table if exists search_weeks`.execute(db);
}
