import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import './platform/http/zod-messages.js';

/**
 * One typed configuration object, parsed from the environment once at start.
 * Every problem is reported together so an operator fixes them in one go.
 */
const defaultCorpus = path.resolve(process.cwd(), '../shared/corpus/policy-docs.jsonl');

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('::'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  CORPUS_PATH: z.string().optional(),
  SEED_DEMO: bool.default(true),
  PUBLIC_URL: z.string().url('PUBLIC_URL 必须是完整网址，如 https://gk.example.gov.cn').optional(),
  SITE_NAME: z.string().min(1).default('江宁市人民政府信息公开平台'),
  // The footer every government site carries (政府网站发展指引): identification, filings, who runs it.
  SITE_ID_CODE: z.string().regex(/^(\d{10}|bm\d{8})$/, 'SITE_ID_CODE（网站标识码）应为 10 位数字，部门网站为 bm 加 8 位数字').optional(),
  ICP_NO: z.string().regex(/^\p{Script=Han}ICP备\d{6,12}号(-\d{1,3})?$/u, 'ICP_NO（ICP 备案号）格式应如 苏ICP备12345678号 或 苏ICP备12345678号-1').optional(),
  PSB_NO: z.string().regex(/^\p{Script=Han}公网安备 ?\d{14}号$/u, 'PSB_NO（公安备案号）格式应如 苏公网安备 32010202000001号').optional(),
  SITE_SPONSOR: z.string().trim().min(1, 'SITE_SPONSOR（主办单位）不能为空').max(60).optional(),
  SITE_OPERATOR: z.string().trim().min(1, 'SITE_OPERATOR（承办单位）不能为空').max(60).default('江宁市大数据管理局'),
  SITE_CONTACT: z.string().trim().min(1, 'SITE_CONTACT（联系我们）不能为空').max(120).default('电话 025-84000000（工作日 9:00—17:00）'),
  CONTACT_URL: z.string().regex(/^(https?:\/\/[^\s]+|\/[^\s]*)$/, 'CONTACT_URL（联系我们链接）应为完整网址或以 / 开头的站内路径').optional(),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(50),
  // Untrusted Word/Excel/PDF files are read in a worker thread under these limits (docs/adr/0013-untrusted-files.md).
  EXTRACT_MAX_ENTRY_MB: z.coerce.number().int().min(1).max(1024).default(30),
  EXTRACT_MAX_TOTAL_MB: z.coerce.number().int().min(1).max(4096).default(100),
  EXTRACT_MAX_ENTRIES: z.coerce.number().int().min(10).max(65535).default(2000),
  EXTRACT_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(600).default(20),
  EXTRACT_MEMORY_MB: z.coerce.number().int().min(32).max(8192).default(512),
  EXTRACT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  NORMATIVE_TERM_YEARS: z.coerce.number().int().min(0).max(50).default(5),
  PROVISIONAL_TERM_YEARS: z.coerce.number().int().min(0).max(50).default(2),
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  PUBLIC_RENDER_RATE: z.coerce.number().int().min(0).max(100_000).default(120),
  JOB_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  NODE_ENV: z.string().default('development'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'SMTP_URL 格式应为 smtp://用户名:密码@主机:端口 或 smtps://…（465 端口用 smtps）')
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  DATA_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'DATA_KEY 必须是 32 字节密钥的 base64 编码（可用 openssl rand -base64 32 生成）')
    .optional(),
  // The audit chain's key (ADR 0018): derived from the data key unless set apart here.
  AUDIT_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'AUDIT_KEY 必须是 32 字节密钥的 base64 编码（可用 openssl rand -base64 32 生成）')
    .optional(),
  AUDIT_ANCHOR_URL: z.string().url('AUDIT_ANCHOR_URL 必须是完整网址，如 https://log.example.gov.cn/gongkai-audit').optional(),
  // A rehearsal clock (演练): the server's time starts at this moment and runs on from there, so staff
  // can see what a deadline, a 公示's end or the year's turn will do. Never in production.
  CLOCK_START: z.iso.datetime({ offset: true, error: 'CLOCK_START 应为带时区的时刻，如 2026-12-20T09:00:00+08:00' }).optional(),
});

export type Env = z.infer<typeof schema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  corpusPath: string | null;
  seedDemo: boolean;
  publicUrl: string | null;
  siteName: string;
  /** The footer of every public page. */
  footer: SiteFooter;
  maxUploadBytes: number;
  /** Limits for reading untrusted files (zip central directory caps, worker memory and time, parallel readings). */
  extract: { maxEntryBytes: number; maxTotalBytes: number; maxEntries: number; timeoutMs: number; memoryMb: number; concurrency: number };
  validityTerms: { normativeYears: number; provisionalYears: number };
  pageCacheSeconds: number;
  /** Uncached public renders one address may cause per minute (a minute's worth at once); 0: no limit. */
  publicRenderRate: number;
  /** How often each instance looks for due background jobs (fan-out, mail, reminders). */
  jobPollSeconds: number;
  logLevel: Env['LOG_LEVEL'];
  trustProxy: boolean;
  production: boolean;
  /** Master key for personal data at rest (base64); null: a key file in the data directory. */
  dataKey: string | null;
  /** Key of the audit chain (base64); null: derived from the data key. Anchor sink: the chain head is POSTed there. */
  auditKey: string | null;
  auditAnchorUrl: string | null;
  /** Outgoing mail: SMTP server URL (null: mail stays in the outbox for the administrator) and sender. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The rehearsal clock's starting moment (never in production); null: the system clock. */
  clockStart: Date | null;
}

/** 网站标识码, ICP 备案号, 公安备案号, 主办, 承办 and 联系我们 (reference/portal.md: configuration). */
export interface SiteFooter {
  /** null when not configured in production (the demo shows sample numbers; a live site never shows made-up ones). */
  siteIdCode: string | null;
  icpNo: string | null;
  psbNo: string | null;
  sponsor: string;
  operator: string;
  contact: string;
  contactUrl: string | null;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  // A server database outlives any one machine's data directory: its key must be managed explicitly.
  if (e.NODE_ENV === 'production' && e.DATABASE_URL && !e.DATA_KEY) {
    throw new ConfigError(['DATA_KEY: 生产环境使用 PostgreSQL 时必须设置个人信息加密主密钥（openssl rand -base64 32），并与数据库分开备份']);
  }
  // Feeds, the sitemap and links in mail never take their host from a request (a forged Host header
  // would be cached into feeds and send reset links elsewhere), so production names its address.
  if (e.NODE_ENV === 'production' && e.CLOCK_START) {
    throw new ConfigError(['CLOCK_START: 生产环境不能设置演练时钟，期限和公示期必须按真实时间计算']);
  }
  if (e.NODE_ENV === 'production' && !e.PUBLIC_URL) {
    throw new ConfigError(['PUBLIC_URL: 生产环境必须设置网站地址 PUBLIC_URL（订阅源、网站地图和邮件中的链接以它为准）']);
  }
  let corpusPath: string | null = null;
  if (e.CORPUS_PATH === 'none' || e.CORPUS_PATH === '') corpusPath = null;
  else if (e.CORPUS_PATH) {
    if (!existsSync(e.CORPUS_PATH)) throw new ConfigError([`CORPUS_PATH: 文件不存在：${e.CORPUS_PATH}`]);
    corpusPath = path.resolve(e.CORPUS_PATH);
  } else if (existsSync(defaultCorpus)) corpusPath = defaultCorpus;
  const sample = (v: string) => (e.NODE_ENV === 'production' ? null : v);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    corpusPath,
    seedDemo: e.SEED_DEMO,
    publicUrl: e.PUBLIC_URL ?? null,
    siteName: e.SITE_NAME,
    footer: {
      siteIdCode: e.SITE_ID_CODE ?? sample('3201000001'),
      icpNo: e.ICP_NO ?? sample('苏ICP备00000000号-1'),
      psbNo: e.PSB_NO ?? sample('苏公网安备 32010202000001号'),
      sponsor: e.SITE_SPONSOR ?? `${e.SITE_NAME.replace(/信息公开平台$/, '')}办公室`,
      operator: e.SITE_OPERATOR,
      contact: e.SITE_CONTACT,
      contactUrl: e.CONTACT_URL ?? null,
    },
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    extract: {
      maxEntryBytes: e.EXTRACT_MAX_ENTRY_MB * 1024 * 1024,
      maxTotalBytes: e.EXTRACT_MAX_TOTAL_MB * 1024 * 1024,
      maxEntries: e.EXTRACT_MAX_ENTRIES,
      timeoutMs: Math.round(e.EXTRACT_TIMEOUT_SECONDS * 1000),
      memoryMb: e.EXTRACT_MEMORY_MB,
      concurrency: e.EXTRACT_CONCURRENCY,
    },
    validityTerms: { normativeYears: e.NORMATIVE_TERM_YEARS, provisionalYears: e.PROVISIONAL_TERM_YEARS },
    pageCacheSeconds: e.PAGE_CACHE_SECONDS,
    publicRenderRate: e.PUBLIC_RENDER_RATE,
    jobPollSeconds: e.JOB_POLL_SECONDS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    production: e.NODE_ENV === 'production',
    dataKey: e.DATA_KEY ?? null,
    auditKey: e.AUDIT_KEY ?? null,
    auditAnchorUrl: e.AUDIT_ANCHOR_URL ?? null,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM ?? `${e.SITE_NAME} <noreply@${e.PUBLIC_URL ? new URL(e.PUBLIC_URL).hostname : 'localhost'}>`,
    clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : null,
  };
}
