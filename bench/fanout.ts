/**
 * `npm run bench:fanout [-- --subscribers N]`: the fan-out of one publication (政策找人) to N
 * verified subscribers (default 100,000).
 *
 * 1. Builds a database (PGlite in a temporary directory by default; --data-dir keeps and reuses it;
 *    --database-url uses a PostgreSQL server): migrations, reference data, the demo site group, then
 *    N verified accounts inserted in bulk (one precomputed password hash, each address sealed) with
 *    2–4 subscriptions each over topics, audiences, organizations, document types and keywords, drawn
 *    so that about 30 % of the accounts match the benchmark's document; about 60 % of the
 *    subscriptions want e-mail.
 * 2. Publishes a document (the publishing transaction only queues the job) and runs the fan-out
 *    (what the `subscription-fanout` job runs) to completion: subscribers matched (checked against
 *    the generator's own count), inbox rows and mails per second, total seconds.
 * 3. Crash and resume: a second document, stopped after --crash-after batches, then resumed; every
 *    matched account must hold exactly one inbox row and at most one mail.
 * 4. The naive peer on a third document: every subscription loaded and matched in JS, then one
 *    INSERT per subscriber (inbox and mail, autocommit); it must find the same subscribers.
 * Progress goes to stderr; the report to stdout, whose last line is one JSON object.
 *
 * Options: --subscribers N (100000) · --batch N (1000) · --crash-after N (3) · --seed N (1) ·
 * --no-peer · --data-dir DIR · --database-url URL.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { parseConfig } from '../src/config.js';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { seedDemo } from '../src/db/seeds/demo.js';
import { seedReferenceData } from '../src/db/seeds/reference-data.js';
import { emailKey } from '../src/modules/accounts/commands/tokens.js';
import { publishItem } from '../src/platform/content/registry.js';
import { registerContent } from '../src/content-kinds.js';
import { saveDocument } from '../src/modules/documents/commands/save-document.js';
import { checkDocumentInput } from '../src/modules/documents/domain/document-input.js';
import { runFanout, SimulatedCrash } from '../src/modules/subscriptions/fanout.js';
import { subscriptionsJobHandlers } from '../src/modules/subscriptions/jobs.js';
import { FANOUT_JOB } from '../src/modules/subscriptions/publication.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { fixedClock } from '../src/platform/clock/clock.js';
import { createSealer, type Sealer } from '../src/platform/crypto/sealer.js';
import { localStorage } from '../src/platform/files/storage.js';
import { runDueJobs } from '../src/platform/jobs/runner.js';
import { maskEmail, queueMail } from '../src/platform/mail/outbox.js';
import { parseQuery, QUERY_STOP_WORDS, segmentForIndex } from '../src/platform/search/index.js';
import { seededRandom } from '../test/helpers/random.js';
import { log, started, tempRoot } from './lib/run.js';
import { positiveInt, round1, seconds, table } from './lib/stats.js';

const { values: opts } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '1000' },
    'crash-after': { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'no-peer': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL },
  },
});
const N = positiveInt(opts.subscribers, '--subscribers');
const BATCH = positiveInt(opts.batch, '--batch');
const CRASH_AFTER = positiveInt(opts['crash-after'], '--crash-after');
const SEED = positiveInt(opts.seed, '--seed');
const BENCH_KEY = 'bench.fanout';
const BASE = 'https://gk.example.gov.cn';
const SITE = '江宁市人民政府信息公开平台';

// The benchmark's documents: all three carry these facets and words.
const DOC = { org: 'fgw', topic: '工业', audiences: ['企业', '中小微企业'], docType: '行政规范性文件' };
const MATCHING_KEYWORDS = ['专精特新', '数字化转型', '智能制造', '贷款贴息', '研发投入', '中小企业'];
const OTHER_KEYWORDS = ['住房公积金', '养老保险', '义务教育', '乡村振兴', '医疗救助', '公共交通', '垃圾分类', '文物保护', '食品安全', '消防安全', '残疾人', '退役军人', '社区服务', '旅游景区', '粮食安全', '水土保持', '林长制', '河长制', '学前教育', '职业技能'];
const BODY = '为支持专精特新中小企业开展数字化转型和智能制造，对企业研发投入给予奖励，对技术改造项目给予贷款贴息。本措施自发布之日起施行。';

const temp = opts['data-dir'] || opts['database-url'] ? null : tempRoot('gongkai-bench-fanout-');
const dataDir = opts['data-dir'] ? path.resolve(opts['data-dir']) : path.join(temp?.path ?? '.', 'data');

interface Built {
  subscribers: number;
  subscriptions: number;
  /** Accounts the generator made to match, and those of them with e-mail on a matching subscription. */
  expectedMatched: number;
  expectedMailed: number;
}

function masterKey(): Buffer {
  const file = path.join(dataDir, 'bench.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const key = randomBytes(32);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

async function build(db: Kysely<Database>, sealer: Sealer, clock: ReturnType<typeof fixedClock>): Promise<Built> {
  const t0 = performance.now();
  await seedDemo(db, clock, localStorage(path.join(dataDir, 'files')), parseConfig({ DATA_DIR: dataDir, CORPUS_PATH: 'none' }).validityTerms, sealer);
  log(`seeded the demo site group in ${seconds(performance.now() - t0)}`);
  const rng = seededRandom(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const topics = await db.selectFrom('topics').select(['id', 'name', 'parent_id']).execute();
  const docTopic = topics.find((t) => t.name === DOC.topic)!;
  const matchTopics = [docTopic.id, docTopic.parent_id!];
  const otherTopics = topics.filter((t) => !matchTopics.includes(t.id)).map((t) => t.id);
  const orgs = await db.selectFrom('organizations').select(['id', 'slug']).execute();
  const matchOrg = orgs.find((o) => o.slug === DOC.org)!.id;
  const otherOrgs = orgs.filter((o) => o.id !== matchOrg).map((o) => o.id);
  const audiences = (await db.selectFrom('audiences').select('name').execute()).map((a) => a.name);
  const otherAudiences = audiences.filter((a) => !DOC.audiences.includes(a));
  const docTypes = (await db.selectFrom('doc_types').select('name').execute()).map((d) => d.name).filter((d) => d !== DOC.docType);
  const queries = new Map([...MATCHING_KEYWORDS, ...OTHER_KEYWORDS].map((k) => [k, parseQuery(k).tsquery!]));

  const passwordHash = await hashPassword('Bench#Subscriber2026');
  const now = clock.now();
  // p: one subscription's chance to match; with 2–4 per account, about 30 % of the accounts match.
  const P_MATCH = 0.115;
  let subscriptions = 0;
  let expectedMatched = 0;
  let expectedMailed = 0;
  const CHUNK = 1000;
  for (let from = 0; from < N; from += CHUNK) {
    const count = Math.min(CHUNK, N - from);
    const accounts = await db
      .insertInto('accounts')
      .values(
        Array.from({ length: count }, (_, i) => {
          const email = `bench${from + i}@example.com`;
          return { email_sealed: sealer.seal(email), email_key: emailKey(sealer, email), email_masked: maskEmail(email), password_hash: passwordHash, email_verified_at: now, locked_until: null, created_at: now, updated_at: now };
        }),
      )
      .returning('id')
      .execute();
    const rows: { account_id: number; kind: 'topic' | 'audience' | 'org' | 'doc_type' | 'keyword'; topic_id: number | null; org_id: number | null; term: string; keyword_query: ReturnType<typeof sql> | null; email: boolean; created_at: Date }[] = [];
    for (const { id } of accounts) {
      const seen = new Set<string>();
      let matches = false;
      let mails = false;
      const k = 2 + Math.floor(rng() * 3);
      for (let j = 0; j < k; j++) {
        const hit = rng() < P_MATCH;
        const kind = pick(['topic', 'topic', 'audience', 'org', 'doc_type', 'keyword', 'keyword'] as const);
        const email = rng() < 0.6;
        let row: (typeof rows)[number];
        const base = { account_id: id, kind, topic_id: null, org_id: null, term: '', keyword_query: null, email, created_at: now };
        if (kind === 'topic') row = { ...base, topic_id: hit ? pick(matchTopics) : pick(otherTopics) };
        else if (kind === 'org') row = { ...base, org_id: hit ? matchOrg : pick(otherOrgs) };
        else if (kind === 'audience') row = { ...base, term: hit ? pick(DOC.audiences) : pick(otherAudiences) };
        else if (kind === 'doc_type') row = { ...base, term: hit ? DOC.docType : pick(docTypes) };
        else {
          const kw = hit ? pick(MATCHING_KEYWORDS) : pick(OTHER_KEYWORDS);
          row = { ...base, term: kw, keyword_query: sql`to_tsquery('simple', ${queries.get(kw)!})` };
        }
        const key = `${kind}:${row.topic_id}:${row.org_id}:${row.term}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push(row);
        if (hit) {
          matches = true;
          if (email) mails = true;
        }
      }
      if (matches) expectedMatched++;
      if (mails) expectedMailed++;
    }
    await db.insertInto('subscriptions').values(rows as never).execute();
    subscriptions += rows.length;
    if ((from / CHUNK) % 20 === 0) log(`${from + count} subscribers, ${subscriptions} subscriptions`);
  }
  await sql`analyze`.execute(db);
  log(`built ${N} subscribers with ${subscriptions} subscriptions in ${seconds(performance.now() - t0)}`);
  return { subscribers: N, subscriptions, expectedMatched, expectedMailed };
}

/** Saves and publishes one document as the 发改委's editor; the publishing transaction queues the fan-out. */
async function publish(db: Kysely<Database>, clock: ReturnType<typeof fixedClock>, title: string): Promise<{ id: number; ms: number }> {
  const org = await db.selectFrom('organizations').select('id').where('slug', '=', DOC.org).executeTakeFirstOrThrow();
  const topic = await db.selectFrom('topics').select('id').where('name', '=', DOC.topic).executeTakeFirstOrThrow();
  const editor = await db.selectFrom('staff').select(['id', 'username', 'display_name']).where('username', '=', 'fgw.editor').executeTakeFirstOrThrow();
  const actor = { id: editor.id, username: editor.username, displayName: editor.display_name, roles: [{ orgId: org.id, role: 'drafter' as const }, { orgId: org.id, role: 'publisher' as const }] };
  const input = { orgId: org.id, catalogNodeId: null, title, docNo: null, issuers: ['江宁市发展和改革委员会'], docType: DOC.docType, topicId: topic.id, audiences: DOC.audiences, attribute: 'public' as const, writtenOn: clock.today(), publishedOn: null, effectiveOn: clock.today(), expiresOn: null, bodyHtml: `<p>${BODY}</p>`, note: '' };
  const checked = checkDocumentInput(input, clock.today(), { normativeYears: 5, provisionalYears: 2 });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const ctx = { db, clock, actor: { id: editor.id, label: editor.display_name } };
  const draft = await saveDocument(ctx, { actor, documentId: null, input, checked: checked.value, attachments: [], storage: localStorage(path.join(dataDir, 'files')), redactedCopies: false });
  const t0 = performance.now();
  const id = await db.transaction().execute((trx) => publishItem(trx, ctx, 'document', draft));
  return { id, ms: performance.now() - t0 };
}

async function countsFor(db: Kysely<Database>, id: number) {
  const r = await sql<{ inbox: number; dup_inbox: number; mails: number; dup_mails: number }>`
    select (select count(*)::int from inbox_items where item_type = 'document' and item_id = ${id}) as inbox,
           (select count(*)::int - count(distinct account_id)::int from inbox_items where item_type = 'document' and item_id = ${id}) as dup_inbox,
           (select count(*)::int from mail_outbox where dedupe_key like ${`pub:document:${id}:%`}) as mails,
           (select count(*)::int - count(distinct account_id)::int from mail_outbox where kind = 'subscription' and dedupe_key like ${`pub:document:${id}:%`}) as dup_mails`.execute(db);
  return r.rows[0]!;
}

/** The naive peer: every subscription into memory, matched in JS, then one INSERT per subscriber. */
async function naivePeer(db: Kysely<Database>, sealer: Sealer, clock: ReturnType<typeof fixedClock>, id: number) {
  const t0 = performance.now();
  const doc = await db.selectFrom('documents').select(['title', 'body_text', 'topic_id', 'org_id', 'audiences', 'doc_type']).where('id', '=', id).executeTakeFirstOrThrow();
  const topic = await db.selectFrom('topics').select(['id', 'parent_id']).where('id', '=', doc.topic_id!).executeTakeFirstOrThrow();
  const words = new Set(segmentForIndex(`${doc.title} ${doc.body_text}`).split(' '));
  const subs = await db
    .selectFrom('subscriptions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.id', 's.account_id', 's.kind', 's.topic_id', 's.org_id', 's.term', 's.email', 'a.email_sealed', 'a.email_verified_at', 'a.disabled'])
    .execute();
  const keywordTerms = new Map<string, string[]>();
  const matches = new Map<number, { subId: number; email: boolean; sealed: string | null }>();
  for (const s of subs) {
    if (!s.email_verified_at || s.disabled) continue;
    let hit = false;
    if (s.kind === 'topic') hit = s.topic_id === topic.id || s.topic_id === topic.parent_id;
    else if (s.kind === 'org') hit = s.org_id === doc.org_id;
    else if (s.kind === 'audience') hit = doc.audiences.includes(s.term);
    else if (s.kind === 'doc_type') hit = s.term === doc.doc_type;
    else {
      let terms = keywordTerms.get(s.term);
      if (!terms) keywordTerms.set(s.term, (terms = parseQuery(s.term).terms.filter((w) => !QUERY_STOP_WORDS.has(w))));
      hit = terms.every((w) => words.has(w));
    }
    if (!hit) continue;
    const m = matches.get(s.account_id);
    if (!m) matches.set(s.account_id, { subId: s.id, email: s.email, sealed: s.email_sealed });
    else if (s.email) m.email = true;
  }
  const matchMs = performance.now() - t0;
  let mailed = 0;
  for (const [accountId, m] of matches) {
    await db.insertInto('inbox_items').values({ account_id: accountId, item_type: 'document', item_id: id, title: doc.title, url: `/documents/${id}`, summary: '', subscription_id: m.subId, created_at: clock.now(), read_at: null }).onConflict((oc) => oc.doNothing()).execute();
    if (m.email && m.sealed) {
      await queueMail(db, sealer, { kind: 'subscription', to: sealer.unseal<string>(m.sealed), subject: doc.title, text: `${BASE}/documents/${id}`, accountId, dedupeKey: `pub:document:${id}:${accountId}` }, clock.now());
      mailed++;
    }
  }
  return { matched: matches.size, mailed, matchMs, ms: performance.now() - t0, subscriptionsLoaded: subs.length };
}

async function main() {
  registerContent();
  let handle: DatabaseHandle | null = null;
  try {
    const key = opts['database-url'] ? randomBytes(32) : masterKey();
    const sealer = createSealer(key);
    const clock = fixedClock('2026-11-22T04:00:00Z');
    handle = await connectDatabase(opts['database-url'] ? { databaseUrl: opts['database-url'] } : { dataDir });
    const db = handle.db;
    log(`database: ${handle.kind}${opts['database-url'] ? '' : ` in ${dataDir}`}`);
    await migrateToLatest(db);
    await seedReferenceData(db);
    const prior = await db.selectFrom('settings').select('value').where('key', '=', BENCH_KEY).executeTakeFirst();
    let built: Built;
    if (prior) {
      built = JSON.parse(prior.value) as Built;
      if (built.subscribers !== N) throw new Error(`the database holds a build for ${built.subscribers} subscribers; use another --data-dir`);
      log(`reusing the build of ${N} subscribers`);
    } else {
      built = await build(db, sealer, clock);
      await db.insertInto('settings').values({ key: BENCH_KEY, value: JSON.stringify(built) }).execute();
    }
    const run = (Number((await db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('title', 'like', '%（性能测试%').executeTakeFirstOrThrow()).n) / 3 + 1) | 0;
    const fanOpts = { baseUrl: BASE, siteName: SITE, batchSize: BATCH };

    // Jobs the demo seed left (its own documents' fan-outs, already done) are cleared first, so the
    // timed run is this publication's fan-out alone.
    const handlers = subscriptionsJobHandlers(db, clock, sealer, { baseUrl: BASE, siteName: SITE, transport: null, mailFrom: 'noreply@example.com', batchSize: BATCH });
    await runDueJobs(db, clock, { [FANOUT_JOB]: handlers[FANOUT_JOB]! });
    await db.updateTable('jobs').set({ done_at: clock.now() }).where('done_at', 'is', null).execute();

    // 1. Publish, then the job: publishing only queues it.
    const main = await publish(db, clock, `江宁市支持专精特新中小企业数字化转型的若干措施（性能测试${run}-1）`);
    log(`published document ${main.id} in ${main.ms.toFixed(0)} ms; running the fan-out job`);
    const t1 = performance.now();
    await runDueJobs(db, clock, { [FANOUT_JOB]: handlers[FANOUT_JOB]! });
    const fanMs = performance.now() - t1;
    const result = await db.selectFrom('subscription_fanouts').selectAll().where('item_type', '=', 'document').where('item_id', '=', main.id).executeTakeFirstOrThrow();
    const c1 = await countsFor(db, main.id);
    if (result.state !== 'done') throw new Error(`fan-out not done: ${result.state}`);
    if (c1.inbox !== built.expectedMatched + 1 && c1.inbox !== built.expectedMatched) throw new Error(`matched ${c1.inbox}, the generator expected ${built.expectedMatched}`);

    // 2. Crash after N batches, resume.
    const second = await publish(db, clock, `江宁市支持专精特新中小企业数字化转型的若干措施（性能测试${run}-2）`);
    await db.updateTable('jobs').set({ done_at: clock.now() }).where('name', '=', FANOUT_JOB).where('done_at', 'is', null).execute();
    const t2 = performance.now();
    try {
      await runFanout(db, clock, sealer, { type: 'document', id: second.id }, { ...fanOpts, stopAfterBatches: CRASH_AFTER });
      throw new Error('the crash did not happen');
    } catch (err) {
      if (!(err instanceof SimulatedCrash)) throw err;
    }
    const crashed = await countsFor(db, second.id);
    log(`crashed after ${CRASH_AFTER} batches with ${crashed.inbox} delivered; resuming`);
    await runFanout(db, clock, sealer, { type: 'document', id: second.id }, fanOpts);
    const resumeMs = performance.now() - t2;
    const c2 = await countsFor(db, second.id);
    const duplicates = c1.dup_inbox + c1.dup_mails + c2.dup_inbox + c2.dup_mails + (c2.inbox === c1.inbox ? 0 : Math.abs(c2.inbox - c1.inbox));

    // 3. The naive peer.
    let peer: Awaited<ReturnType<typeof naivePeer>> | null = null;
    if (!opts['no-peer']) {
      const third = await publish(db, clock, `江宁市支持专精特新中小企业数字化转型的若干措施（性能测试${run}-3）`);
      await db.updateTable('jobs').set({ done_at: clock.now() }).where('name', '=', FANOUT_JOB).where('done_at', 'is', null).execute();
      log('naive peer: matching in JS, one INSERT per subscriber');
      peer = await naivePeer(db, sealer, clock, third.id);
      if (peer.matched !== c1.inbox) throw new Error(`the peer matched ${peer.matched}, the fan-out ${c1.inbox}`);
    }

    const secs = fanMs / 1000;
    const deliveriesPerS = Math.round(c1.inbox / secs);
    const mailsPerS = Math.round(c1.mails / secs);
    const rows: (string | number)[][] = [
      ['fan-out (SQL match, batches of ' + BATCH + ')', c1.inbox, c1.mails, round1(secs), deliveriesPerS, mailsPerS],
      [`crash after ${CRASH_AFTER} batches + resume`, c2.inbox, c2.mails, round1(resumeMs / 1000), Math.round(c2.inbox / (resumeMs / 1000)), Math.round(c2.mails / (resumeMs / 1000))],
    ];
    if (peer) rows.push(['naive peer (JS match, INSERT per row)', peer.matched, peer.mailed, round1(peer.ms / 1000), Math.round(peer.matched / (peer.ms / 1000)), Math.round(peer.mailed / (peer.ms / 1000))]);
    console.log(`\nbench:fanout — ${handle.kind}, ${N} verified subscribers, ${built.subscriptions} subscriptions, publish ${main.ms.toFixed(0)} ms (queues the job only)\n`);
    console.log(table(['run', 'matched', 'mails', 'seconds', 'inbox rows/s', 'mails/s'], rows));
    console.log(`\nmatched ${c1.inbox} of ${N} (${((100 * c1.inbox) / N).toFixed(1)} %; generator expected ${built.expectedMatched} plus the demo account's), duplicates ${duplicates}`);
    if (peer) console.log(`peer: matched in JS in ${seconds(peer.matchMs)} over ${peer.subscriptionsLoaded} subscriptions loaded; the fan-out is ${(peer.ms / fanMs).toFixed(1)}× faster`);
    console.log(`total ${seconds(performance.now() - started)}`);
    console.log(
      JSON.stringify({
        bench: 'fanout', database: handle.kind, subscribers: N, subscriptions: built.subscriptions, matched: c1.inbox, mails: c1.mails, seconds: round1(secs),
        deliveries_per_s: deliveriesPerS, mails_per_s: mailsPerS, crash_resume_seconds: round1(resumeMs / 1000), duplicates,
        peer_seconds: peer ? round1(peer.ms / 1000) : null, peer_deliveries_per_s: peer ? Math.round(peer.matched / (peer.ms / 1000)) : null,
      }),
    );
  } finally {
    await handle?.close();
    temp?.remove();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
