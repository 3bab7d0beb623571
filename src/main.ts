import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { buildApp } from './app.js';
import { ConfigError, parseConfig, type Config } from './config.js';
import { demoLogins, seedDemo } from './db/seeds/demo.js';
import { sealerFor } from './platform/crypto/sealer.js';
import { verifyChain } from './platform/audit/audit.js';
import { describeVerifyResult } from './platform/audit/verify.js';
import { nextChinaMidnight, scheduleJob, startJobLoop, type JobHandler } from './platform/jobs/runner.js';
import { warmSegmenter, warmSpelling } from './platform/search/index.js';
import { importPolicyDocs } from './modules/documents/commands/import-policy-docs.js';
import { describeQaImport, importQaPairs } from './modules/qa/commands/import-qa.js';
import { refreshDueValidity } from './modules/documents/commands/refresh-validity.js';
import { reviewJobHandlers } from './modules/review/jobs.js';
import { requestJobHandlers } from './modules/requests/jobs.js';
import { qaJobHandlers } from './modules/qa/jobs.js';
import { askJobHandlers, scheduleSemanticRefresh, warmAnswers } from './modules/ask/jobs.js';
import { subscriptionsJobHandlers } from './modules/subscriptions/jobs.js';
import { itemJobHandlers } from './modules/items/public.js';
import { cookieSecret, isEmpty, openRuntime, type Runtime } from './runtime.js';
import { formatChinaDateTime } from './platform/clock/clock.js';
import type { ImportProgress } from './platform/files/jsonl-import.js';

const HELP = `gongkai — 政府信息公开平台

用法：gongkai <命令> [选项]

命令：
  serve                       启动网站（默认命令）。首次启动时建库、写入演示站群并导入语料
  migrate                     执行数据库迁移
  seed [--demo]               写入基础数据；--demo 同时写入演示站群（仅限空库）
  import policy-docs FILE     导入政策文件语料（JSONL），作为法律法规、上级文件收录于文件库（不编索引号、不进各机关目录），按 sourceId 幂等，可断点续导
  import qa FILE              导入政策问答语料（JSONL）：清洗文本、遮盖个人信息；部门答复和摘自文件库的直接发布（不推送订阅），网民留言进入审核；按 sourceId 幂等，可断点续导
  refresh-validity            重新计算今天到期、生效的文件有效性
  audit verify                校验审计日志（密钥签名的哈希链，并与数据目录中的链头锚点比对），发现篡改时以非零状态退出
  help                        显示本帮助

配置（环境变量）：PORT HOST DATA_DIR DATABASE_URL CORPUS_PATH SEED_DEMO PUBLIC_URL SITE_NAME
  MAX_UPLOAD_MB NORMATIVE_TERM_YEARS PROVISIONAL_TERM_YEARS PAGE_CACHE_SECONDS LOG_LEVEL TRUST_PROXY
  详见 README.md。`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' }, demo: { type: 'boolean' } } });
  const [command = 'serve', ...rest] = positionals;
  if (values.help || command === 'help') {
    console.log(HELP);
    return 0;
  }
  let config: Config;
  try {
    config = parseConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return withRuntime(config, async () => console.log('数据库已是最新结构。'));
    case 'seed':
      return withRuntime(config, async (rt) => {
        if (values.demo) await seedIfEmpty(rt);
        console.log('基础数据已写入。');
      });
    case 'import':
      if ((rest[0] !== 'policy-docs' && rest[0] !== 'qa') || !rest[1]) {
        console.error('用法：gongkai import policy-docs FILE.jsonl\n      gongkai import qa FILE.jsonl');
        return 2;
      }
      if (rest[0] === 'qa') {
        return withRuntime(config, async (rt) => {
          const r = await runImport(rt, rest[1]!, '导入政策问答', importQaPairs);
          console.log(`导入完成：${describeQaImport(r)}`);
        });
      }
      return withRuntime(config, async (rt) => {
        const r = await runImport(rt, rest[1]!, '导入政策文件', importPolicyDocs);
        console.log(`导入完成：新增 ${r.imported} 份（作为法律法规、上级文件收录，不计入各机关的主动公开），已存在而跳过 ${r.skipped} 份。`);
      });
    case 'refresh-validity':
      return withRuntime(config, async (rt) => console.log(`有效性已更新：${await refreshDueValidity(rt.db, rt.clock)} 份文件发生变化。`));
    case 'audit':
      if (rest[0] !== 'verify') {
        console.error('用法：gongkai audit verify');
        return 2;
      }
      {
        // Read-only: the check does not move the head anchor it compares against.
        const rt = await openRuntime(config, { anchor: false });
        try {
          const r = await verifyChain(rt.db, { dataDir: config.dataDir });
          if (r.ok) console.log(describeVerifyResult(r));
          else console.error(describeVerifyResult(r));
          return r.ok ? 0 : 1;
        } finally {
          await rt.handle.close();
        }
      }
    default:
      console.error(`未知命令：${command}\n\n${HELP}`);
      return 2;
  }
}

async function withRuntime(config: Config, work: (rt: Runtime) => Promise<void>): Promise<number> {
  const rt = await openRuntime(config);
  try {
    await work(rt);
  } finally {
    await rt.handle.close();
  }
  return Number(process.exitCode ?? 0);
}

async function seedIfEmpty(rt: Runtime): Promise<boolean> {
  if (!(await isEmpty(rt.db))) return false;
  await seedDemo(rt.db, rt.clock, rt.storage, rt.config.validityTerms, sealerFor(rt.config));
  return true;
}

/** One progress bar for every corpus import: the importers report bytes read, imported and skipped. */
async function runImport<R extends { imported: number; skipped: number }>(rt: Runtime, file: string, label: string, importer: (db: Runtime['db'], clock: Runtime['clock'], file: string, onProgress: (p: ImportProgress) => void) => Promise<R>): Promise<R> {
  warmSegmenter();
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | 新增 {imported} 跳过 {skipped}`, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000 }, Presets.shades_classic);
  bar.start(100, 0, { imported: 0, skipped: 0 });
  try {
    const r = await importer(rt.db, rt.clock, file, (p) => bar.update(Math.floor((p.bytesRead / p.bytesTotal) * 100), { imported: p.imported, skipped: p.skipped }));
    bar.update(100, { imported: r.imported, skipped: r.skipped });
    return r;
  } finally {
    bar.stop();
  }
}

async function serve(config: Config): Promise<number> {
  const rt = await openRuntime(config);
  const fresh = config.seedDemo ? await seedIfEmpty(rt) : false;
  const app = await buildApp({ config, db: rt.db, clock: rt.clock, storage: rt.storage, cookieSecret: await cookieSecret(rt.db) });
  const handlers: Record<string, JobHandler> = {
    'refresh-validity': { run: () => refreshDueValidity(rt.db, rt.clock).then(() => app.pageCache.clear()), next: nextChinaMidnight },
    ...reviewJobHandlers(rt.db, rt.clock, () => app.pageCache.clear()),
    ...requestJobHandlers(rt.db, rt.clock),
    ...qaJobHandlers(rt.db, rt.clock, sealerFor(config)),
    ...askJobHandlers(rt.db, rt.clock, sealerFor(config)),
    ...subscriptionsJobHandlers(rt.db, rt.clock, sealerFor(config)),
    ...itemJobHandlers(rt.db, rt.clock, () => app.pageCache.clear()),
  };
  await scheduleJob(rt.db, 'refresh-validity', rt.clock.now(), { uniqueKey: 'refresh-validity' });
  await scheduleJob(rt.db, 'request-reminders', rt.clock.now(), { uniqueKey: 'request-reminders' });
  // Smart answers' semantic model and vectors (ADR 0020): trained or caught up at start, then every ten minutes.
  await scheduleSemanticRefresh(rt.db, rt.clock.now());
  const stopJobs = startJobLoop(rt.db, rt.clock, handlers, (err) => app.log.error({ err }, 'job failed'), config.jobPollSeconds * 1000);
  // Smart answers' caches filled before the first visitor asks (ADR 0020: cold and warm alike).
  await warmAnswers(rt.db).catch((err: unknown) => app.log.warn({ err }, 'smart answers warm-up failed'));
  // The search's typo readings (about a second to load) are loaded before the first query needs them.
  warmSpelling();
  await app.listen({ port: config.port, host: config.host });
  const where = `http://localhost:${config.port}`;
  console.log(`\nGongkai 已启动：${where}  （数据库：${rt.handle.kind === 'pglite' ? `内嵌 PGlite，数据目录 ${config.dataDir}` : 'PostgreSQL'}）`);
  console.log(`管理后台：${where}/admin`);
  if (config.clockStart) console.log(`演练时钟：系统时间从 ${formatChinaDateTime(config.clockStart)} 起计（仅供演练，期限和公示期按此计算）`);
  if (config.seedDemo) console.log(`演示账号：\n${demoLogins()}\n`);
  const imported = await rt.db.selectFrom('settings').select('value').where('key', '=', 'corpus_imported').executeTakeFirst();
  if (fresh && config.corpusPath && !imported) {
    console.log(`正在后台导入政策文件语料：${config.corpusPath}（网站可照常访问）`);
    void runImport(rt, config.corpusPath, '导入政策文件', importPolicyDocs)
      .then(async (r) => {
        await rt.db.insertInto('settings').values({ key: 'corpus_imported', value: new Date().toISOString() }).onConflict((oc) => oc.column('key').doNothing()).execute();
        app.pageCache.clear();
        console.log(`语料导入完成：新增 ${r.imported} 份法律法规和上级文件（收录于文件库，不计入各机关的主动公开），跳过 ${r.skipped} 份。`);
        // The Q&A pairs next to it (after the documents, which their docId links point to).
        const qaFile = path.join(path.dirname(config.corpusPath!), 'qa-pairs.jsonl');
        if (existsSync(qaFile)) {
          const q = await runImport(rt, qaFile, '导入政策问答', importQaPairs);
          app.pageCache.clear();
          console.log(`政策问答导入完成：${describeQaImport(q)}`);
        }
      })
      .catch((err) => app.log.error({ err }, '语料导入失败，可运行 gongkai import policy-docs 续导'));
  }
  const shutdown = async (signal: string) => {
    app.log.info(`${signal} received, shutting down`);
    await stopJobs();
    await app.close();
    await rt.handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
