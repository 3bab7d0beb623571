import type { Kysely } from 'kysely';

/** The smart Q&A (智能问答): document clauses, the synonym dictionary, asked questions, referrals (转人工). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
