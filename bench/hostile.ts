/**
 * `npm run bench:hostile`: public pages under a cache-busting flood, and what a citizen gets meanwhile.
 *
 * Prepares one data directory with the demo site group and the 4,006-document corpus (PGlite),
 * then, for each configuration, starts the real server on it (NODE_ENV=production) and for
 * --duration seconds runs wrk with --connections connections from one address, every request made
 * uncacheable: document pages with a junk parameter (`?utm_x=N`), and search pages whose query
 * changes every time (`/library?q=养老 医保 N`). Meanwhile a citizen at another address (an
 * X-Forwarded-For the server trusts, as behind the site's reverse proxy) opens an ordinary document
 * page and a popular search every 200 ms; their latency is the figure that matters.
 *
 * Configurations: `unlimited` (PUBLIC_RENDER_RATE=0: no budget for uncached renders) and
 * `limited` (the default budget). Against a tree without the defences (before issue 12), run the
 * same file there; the closing note of issue 12 gives both.
 *
 * Last line: {"bench":"hostile","rps":…,"p95_ms":…,"limited":…,"errors":…,…} for the `limited`
 * configuration (rps, p95 and statuses of the flood; errors = 5xx + socket errors), with the
 * citizen's p95 and the `unlimited` figures beside it.
 *
 * Options: --duration S (30) · --connections N (200) · --threads N (2) · --configs unlimited,limited
 *          --corpus FILE (../shared/corpus/policy-docs.jsonl)
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, startServer, type RunningServer } from '../e2e/helpers/server.js';
import { findExecutable } from './lib/http-load.js';
import { log, tempRoot } from './lib/run.js';
import { percentile, positiveInt, round1, table } from './lib/stats.js';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '200' },
    threads: { type: 'string', default: '2' },
    configs: { type: 'string', default: 'unlimited,limited' },
    corpus: { type: 'string', default: path.resolve(REPO_ROOT, '../shared/corpus/policy-docs.jsonl') },
  },
  allowPositionals: false,
});

const CONFIGS: Record<string, Record<string, string>> = {
  unlimited: { PUBLIC_RENDER_RATE: '0' },
  limited: {},
};

let server: RunningServer | null = null;
const tmp = tempRoot('gongkai-bench-hostile-', () => void server?.stop());

/** Runs the CLI on the prepared data directory (migrate, seed, import). */
function cli(dataDir: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...env, DATA_DIR: dataDir, CORPUS_PATH: 'none', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`gongkai ${args.join(' ')} exited with ${code}`))));
  });
}

interface Flood {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  ok: number;
  redirects: number;
  limited: number;
  client4xx: number;
  server5xx: number;
  socketErrors: number;
}

/** The wrk script: every request uncacheable, statuses counted per thread and summed in done(). */
function floodScript(docIds: number[]): string {
  return `
local ids = {${docIds.join(',')}}
local words = {"养老","医保","住房","公积金","社保","就业","补贴","教育","医疗","交通","环境","企业","税收","残疾人","低保","退休"}
local n = 0
local counts = {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = math.random(1, 1000000) end
function request()
  n = n + 1
  if n % 2 == 0 then
    return wrk.format("GET", "/documents/" .. ids[(n % #ids) + 1] .. "?utm_x=" .. n)
  end
  local q = words[(n % #words) + 1] .. " " .. words[((n * 7) % #words) + 1] .. " " .. n
  return wrk.format("GET", "/library?q=" .. q:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
function response(status, headers, body)
  local k = status >= 500 and "s5" or status == 429 and "s429" or status >= 400 and "s4" or status >= 300 and "s3" or "s2"
  counts[k] = (counts[k] or 0) + 1
end
function done(summary, latency, requests)
  local total = {s2 = 0, s3 = 0, s4 = 0, s429 = 0, s5 = 0}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do total[k] = total[k] + v end
  end
  io.write(string.format("FLOOD requests=%d seconds=%f p50=%f p95=%f p99=%f s2=%d s3=%d s4=%d s429=%d s5=%d sock=%d\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    total.s2, total.s3, total.s4, total.s429, total.s5,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
`;
}

function runFlood(wrkBin: string, url: string, script: string, o: { threads: number; connections: number; seconds: number }): Promise<Flood> {
  return new Promise((resolve, reject) => {
    const child = spawn(wrkBin, [`-t${o.threads}`, `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '10s', '-s', script, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', () => {
      const m = /FLOOD requests=(\d+) seconds=([\d.]+) p50=([\d.]+) p95=([\d.]+) p99=([\d.]+) s2=(\d+) s3=(\d+) s4=(\d+) s429=(\d+) s5=(\d+) sock=(\d+)/.exec(out);
      if (!m) return reject(new Error(`cannot read wrk's report:\n${out}`));
      const v = m.slice(1).map(Number);
      resolve({ requests: v[0]!, rps: v[0]! / v[1]!, p50: v[2]!, p95: v[3]!, p99: v[4]!, ok: v[5]!, redirects: v[6]!, client4xx: v[7]!, limited: v[8]!, server5xx: v[9]!, socketErrors: v[10]! });
    });
  });
}

/** A citizen at another address: an ordinary page every 200 ms until `until`; their latencies in ms. */
async function citizen(base: string, docId: number, until: number): Promise<{ latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const pages = [`/documents/${docId}`, `/library?q=${encodeURIComponent('养老保险')}`];
  for (let i = 0; Date.now() < until; i++) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}${pages[i % pages.length]}`, { headers: { 'x-forwarded-for': `10.9.${i % 200}.7` }, signal: AbortSignal.timeout(15_000) });
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
    } catch {
      failures++;
    }
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { latencies, failures };
}

async function main() {
  const seconds = positiveInt(opts.duration, '--duration');
  const load = { threads: positiveInt(opts.threads, '--threads'), connections: positiveInt(opts.connections, '--connections'), seconds };
  const wrkBin = findExecutable('wrk');
  if (!wrkBin) throw new Error('wrk is not installed (apt-get install wrk)');
  const configs = opts.configs.split(',').map((c) => c.trim()).filter(Boolean);
  for (const c of configs) if (!CONFIGS[c]) throw new Error(`unknown configuration ${c}; known: ${Object.keys(CONFIGS).join(', ')}`);

  const dataDir = path.join(tmp.path, 'data');
  log(`preparing ${dataDir}: demo site group and the corpus ${opts.corpus}`);
  await cli(dataDir, ['migrate']);
  await cli(dataDir, ['seed', '--demo']);
  await cli(dataDir, ['import', 'policy-docs', opts.corpus]);

  const results: Record<string, { flood: Flood; citizenP95: number; citizenMedian: number; citizenFailures: number; citizenRequests: number }> = {};
  for (const name of configs) {
    log(`${name}: starting the server`);
    server = await startServer({ dataDir, env: { NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1', TRUST_PROXY: 'true', ...CONFIGS[name] } });
    const api = (await (await fetch(`${server.baseUrl}/api/v1/documents?pageSize=50`)).json()) as { total: number; items: { id: number }[] };
    const ids = api.items.map((d) => d.id);
    if (ids.length === 0) throw new Error('no public documents: the corpus import failed');
    log(`${name}: ${api.total} public documents; ${load.connections} connections for ${seconds} s`);
    const script = path.join(tmp.path, `flood-${name}.lua`);
    writeFileSync(script, floodScript(ids));
    const until = Date.now() + seconds * 1000;
    const [flood, person] = await Promise.all([runFlood(wrkBin, server.baseUrl, script, load), citizen(server.baseUrl, ids[0]!, until)]);
    results[name] = {
      flood,
      citizenP95: percentile(person.latencies, 95),
      citizenMedian: percentile(person.latencies, 50),
      citizenFailures: person.failures,
      citizenRequests: person.latencies.length,
    };
    await server.stop();
    server = null;
  }

  console.log(
    table(
      ['configuration', 'flood req/s', 'p50 ms', 'p95 ms', 'p99 ms', '200', '3xx', '429', '4xx', '5xx+sock', 'citizen p50 ms', 'citizen p95 ms', 'citizen failed'],
      Object.entries(results).map(([name, r]) => [
        name, round1(r.flood.rps), round1(r.flood.p50), round1(r.flood.p95), round1(r.flood.p99), r.flood.ok, r.flood.redirects, r.flood.limited, r.flood.client4xx,
        r.flood.server5xx + r.flood.socketErrors, round1(r.citizenMedian), round1(r.citizenP95), `${r.citizenFailures}/${r.citizenRequests}`,
      ]),
    ),
  );
  const main = results.limited ?? Object.values(results)[0]!;
  const summary = (r: typeof main) => ({
    rps: round1(r.flood.rps),
    p95_ms: round1(r.flood.p95),
    limited: r.flood.limited,
    errors: r.flood.server5xx + r.flood.socketErrors,
    citizen_p95_ms: round1(r.citizenP95),
    citizen_failed: r.citizenFailures,
  });
  const others = Object.fromEntries(Object.entries(results).filter(([, r]) => r !== main).map(([k, r]) => [k, summary(r)]));
  console.log(JSON.stringify({ bench: 'hostile', ...summary(main), ...others }));
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await server?.stop().catch(() => undefined);
    tmp.remove();
  });
