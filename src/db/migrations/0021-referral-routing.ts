import { sql, type Kysely } from 'kysely';

/**
 * Routing by duty, transfer and satisfaction (issue 14).
 * - The tracked-case seam's transfers (转办) and satisfaction ratings (满意度), for every channel:
 *   a transfer keeps where the case came from, where it went, why, and the deadline before and
 *   after; a case is rated once (the primary key).
 * - A referral keeps the department the platform suggested and why, and the place the asker chose.
 * - Feedback on a smart answer (有帮助 / 没帮助), with the question masked and the cited sources.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_transfers (
      id bigint generated always as identity primary key,
      channel text not null,
      case_id bigint not null,
      from_org_id bigint not null references organizations(id),
      to_org_id bigint not null references organizations(id),
      reason text not null,
      transferred_by bigint references staff(id),
      transferred_at timestamptz not null,
      transferred_on date not null,
      due_before date,
      due_after date,
      check (from_org_id <> to_org_id)
    )`.execute(db);
  await sql`create index case_transfers_case on case_transfers (channel, case_id, transferred_at)`.execute(db);

  await sql`
    create table case_ratings (
      channel text not null,
      case_id bigint not null,
      org_id bigint not null references organizations(id),
      rating text not null check (rating in ('satisfied', 'basically_satisfied', 'unsatisfied')),
      comment text not null default '',
      rated_at timestamptz not null,
      primary key (channel, case_id)
    )`.execute(db);
  await sql`create index case_ratings_org on case_ratings (org_id, rated_at desc)`.execute(db);

  await sql`alter table referrals add column routing jsonb not null default '{}'`.execute(db);
  await sql`alter table referrals add column place_org_id bigint references organizations(id)`.execute(db);

  await sql`
    create table answer_feedback (
      id bigint generated always as identity primary key,
      question text not null,
      helpful boolean not null,
      confident boolean not null,
      source_ids jsonb not null default '[]',
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index answer_feedback_created on answer_feedback (created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table answer_feedback`.execute(db);
  await sql`alter table referrals drop column place_org_id`.execute(db);
  await sql`alter table referrals drop column routing`.execute(db);
  await sql`drop table case_ratings`.execute(db);
  await sql`drop table case_transfers`.execute(db);
}
