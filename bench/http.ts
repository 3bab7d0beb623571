/**
 * `npm run bench:http`: the portal's pages under load, beside nginx serving the same HTML.
 *
 * Starts the real server (NODE_ENV=production, LOG_LEVEL=warn, a fresh data directory with the
 * demo site group, no corpus) as a child process, fetches a document page once and writes its
 * HTML into a private nginx root (one worker, sendfile, no access log). Then, one target after
 * the other: a warm-up with wrk, and a timed wrk run (default -t1 -c50 -d10s) against
 *   - the document page (served from the page cache after the first request),
 *   - a search page (/library?q=…, also cached by URL),
 *   - nginx serving the document page's HTML as a static file.
 * wrk, not autocannon: on these machines autocannon saturates near 10k requests/s (stack-notes §10).
 * Every server shares the machine's cores with wrk, as in the reference measurement.
 *
 * Prints a table, then as its last line:
 *   {"bench":"http","doc_rps":…,"search_rps":…,"nginx_rps":…,"ratio":…}   ratio = doc_rps / nginx_rps
 *
 * Options: --duration S (10) · --warmup S (5) · --connections N (50) · --threads N (1)
 *          --doc PATH (/documents/4) · --search PATH (/library?q=政府信息公开)
 *          --rounds R (1): measure the three targets R times, interleaved, and report each one's
 *          median; on a busy machine this spreads the other processes' load over all targets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startServer, type RunningServer } from '../e2e/helpers/server.js';
import { cpuBusy, findExecutable, startNginx, wrk, type StaticServer, type WrkResult } from './lib/http-load.js';
import { positiveInt, round3, table } from './lib/stats.js';

const TARGET_RATIO = 0.5;

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    threads: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '1' },
    doc: { type: 'string', default: '/documents/4' },
    search: { type: 'string', default: `/library?q=${encodeURIComponent('政府信息公开')}` },
  },
  allowPositionals: false,
});

const log = (msg: string) => process.stderr.write(`[bench:http] ${msg}\n`);

let server: RunningServer | null = null;
let nginx: StaticServer | null = null;
const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-http-'));

async function cleanup() {
  await nginx?.stop().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  rmSync(tmpRoot, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

interface Row {
  name: string;
  url: string;
  bytes: number;
  r: WrkResult;
  /** requests/s of every round. */
  all: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function main() {
  const duration = positiveInt(opts.duration, '--duration');
  const warmup = positiveInt(opts.warmup, '--warmup');
  const load = { threads: positiveInt(opts.threads, '--threads'), connections: positiveInt(opts.connections, '--connections') };

  const wrkBin = findExecutable('wrk');
  const nginxBin = findExecutable('nginx');
  if (!wrkBin || !nginxBin) {
    const missing = [wrkBin ? null : 'wrk', nginxBin ? null : 'nginx'].filter(Boolean).join(' and ');
    process.stderr.write(`bench:http needs ${missing}. On Debian/Ubuntu: sudo apt-get install -y wrk nginx\n`);
    process.exitCode = 2;
    return;
  }

  log('starting the server (creates and seeds a fresh database, ~20 s)…');
  server = await startServer({ env: { NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1' } });
  const base = server.baseUrl;

  const fetchPage = async (p: string) => {
    const res = await fetch(base + p);
    const html = await res.text();
    if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/html')) throw new Error(`${p} answered ${res.status} ${res.headers.get('content-type')}`);
    if (!res.headers.get('etag')) log(`warning: ${p} has no etag, so it is probably not served from the page cache`);
    return html;
  };
  const docHtml = await fetchPage(opts.doc!);
  const searchHtml = await fetchPage(opts.search!);

  nginx = await startNginx(nginxBin, path.join(tmpRoot, 'nginx'), await freePort(), docHtml);
  log(`server ${base}, nginx ${nginx.url}; wrk -t${load.threads} -c${load.connections}, ${warmup} s warm-up + ${duration} s each`);

  const targets = [
    { name: 'document page (Node)', url: base + opts.doc!, bytes: Buffer.byteLength(docHtml) },
    { name: 'search page (Node)', url: base + opts.search!, bytes: Buffer.byteLength(searchHtml) },
    { name: 'nginx static file', url: nginx.url, bytes: Buffer.byteLength(docHtml) },
  ];
  const rounds = positiveInt(opts.rounds, '--rounds');
  const busy = await cpuBusy(2000);
  if (busy !== null) log(`CPUs ${(busy * 100).toFixed(0)} % busy with other processes before the run`);
  for (const t of targets) {
    log(`${t.name}: warm-up`);
    await wrk(wrkBin, t.url, { ...load, seconds: warmup });
  }
  const runs = targets.map(() => [] as WrkResult[]);
  for (let round = 1; round <= rounds; round++) {
    for (const [i, t] of targets.entries()) {
      log(`${t.name}: measuring${rounds > 1 ? ` (round ${round} of ${rounds})` : ''}`);
      const r = await wrk(wrkBin, t.url, { ...load, seconds: duration });
      if (r.non2xx > 0) throw new Error(`${t.name}: ${r.non2xx} non-2xx responses out of ${r.requests}\n${r.raw}`);
      if (r.socketErrors > 0) log(`warning: ${t.name}: ${r.socketErrors} socket errors\n${r.raw}`);
      runs[i]!.push(r);
    }
  }
  // Each target's median round (by requests/s).
  const rows: Row[] = targets.map((t, i) => {
    const all = runs[i]!.map((r) => r.rps);
    return { ...t, r: runs[i]!.find((r) => r.rps === median(all))!, all };
  });
  const [doc, search, ngx] = rows as [Row, Row, Row];
  const ratio = round3(doc.r.rps / ngx.r.rps);
  const ms = (x: number) => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(2)} ms`);
  process.stdout.write(
    table(
      ['target', 'bytes', 'requests/s', 'p50', 'p99', 'vs nginx', ...(rounds > 1 ? ['rounds'] : [])],
      rows.map((x) => [x.name, x.bytes, Math.round(x.r.rps), ms(x.r.p50), ms(x.r.p99), `${((x.r.rps / ngx.r.rps) * 100).toFixed(1)} %`, ...(rounds > 1 ? [x.all.map(Math.round).join(' ')] : [])]),
    ) +
      `\n\ndocument page ${opts.doc}, search page ${opts.search}; wrk -t${load.threads} -c${load.connections} -d${duration}s after ${warmup} s warm-up, on ${os.cpus().length} CPUs shared with the servers${rounds > 1 ? `; median of ${rounds} interleaved rounds` : ''}.\n` +
      (busy !== null && busy > 0.1 ? `Warning: before the run the CPUs were already ${(busy * 100).toFixed(0)} % busy with other processes, which compete with the servers and wrk; the numbers are noisy (try --rounds 3 on a quiet machine).\n` : '') +
      `Cached document page at ${(ratio * 100).toFixed(1)} % of nginx vs target ${TARGET_RATIO * 100} %: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}.\n` +
      JSON.stringify({ bench: 'http', doc_rps: Math.round(doc.r.rps), search_rps: Math.round(search.r.rps), nginx_rps: Math.round(ngx.r.rps), ratio }) +
      '\n',
  );
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`[bench:http] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(cleanup);
