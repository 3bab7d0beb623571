import { sql, type Kysely } from 'kysely';

/**
 * People can come back (issue 11 §5): a disclosure request filed while signed in belongs to that
 * account (referrals already do), so the personal center lists it and its owner opens it without
 * the access code; accounts may register with a mobile number instead of an e-mail, verified by a
 * one-time code sent through the outbox's SMS channel.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table requests add column account_id bigint references accounts(id)`.execute(db);
  await sql`create index requests_account on requests (account_id, submitted_at desc) where account_id is not null`.execute(db);

  // A mobile number is personal data like the address: sealed, found by its blind index, shown masked.
  await sql`alter table accounts alter column email_sealed drop not null`.execute(db);
  await sql`alter table accounts alter column email_key drop not null`.execute(db);
  await sql`alter table accounts alter column email_masked set default ''`.execute(db);
  await sql`alter table accounts add column mobile_sealed text`.execute(db);
  await sql`alter table accounts add column mobile_key text unique`.execute(db);
  await sql`alter table accounts add column mobile_masked text not null default ''`.execute(db);
  await sql`alter table accounts add column mobile_verified_at timestamptz`.execute(db);
  await sql`alter table accounts add constraint accounts_identifier check (email_key is not null or mobile_key is not null)`.execute(db);

  // A code typed from an SMS is short: only its keyed hash is kept, and wrong tries are counted.
  await sql`alter table account_tokens drop constraint account_tokens_purpose_check`.execute(db);
  await sql`alter table account_tokens add constraint account_tokens_purpose_check check (purpose in ('verify', 'reset', 'verify_mobile'))`.execute(db);
  await sql`alter table account_tokens add column code_hash text`.execute(db);
  await sql`alter table account_tokens add column attempts integer not null default 0`.execute(db);

  // The outbox carries text messages too: they wait there for the administrator unless an SMS sender takes them.
  await sql`alter table mail_outbox add column channel text not null default 'email' check (channel in ('email', 'sms'))`.execute(db);
}
