/**
 * `npm run bench:hostile`: public pages under a cache-busting flood, and what a citizen gets meanwhile.
 *
 * Prepares one data directory with the demo site group and the 4,006-document corpus (PGlite),
 * then, for each configuration, starts the real server on it (NODE_ENV=production) and for
 * --duration seconds runs wrk with --connections connections from one address, every request made
 * uncacheable: document pages with a junk parameter (`?utm_x=N`), and searches of two everyday
 * words with a sort and a page, 9,600 distinct ones (`/library?q=养老 补贴&sort=date&page=2`).
 * Meanwhile a citizen at another address (an X-Forwarded-For the server trusts, as behind the
 * site's reverse proxy) opens a document and runs a search of their own every 200 ms, neither of
 * them cached; their latency is the figure that matters.
 *
 * Configurations: `quiet` (no flood: the citizen's own latency, the baseline), `unlimited`
 * (PUBLIC_RENDER_RATE=0: no budget for uncached renders) and `limited` (the default budget). Against a tree without the defences (before issue 12), run the
 * same file there; the closing note of issue 12 gives both.
 *
 * Last line: {"bench":"hostile","rps":…,"p95_ms":…,"limited":…,"errors":…,…} for the `limited`
 * configuration (rps, p95 and statuses of the flood; errors = 5xx + socket errors), with the
 * citizen's p95 and the `unlimited` figures beside it.
 *
 * Options: --duration S (30) · --connections N (200) · --threads N (2) · --configs quiet,unlimited,limited
 *          --corpus FILE (../shared/corpus/policy-docs.jsonl)
 *          --data DIR: keep the prepared data directory there and start from a copy of it next time
 *          (the corpus import takes minutes); each configuration runs on a fresh copy.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
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
    configs: { type: 'string', default: 'quiet,unlimited,limited' },
    corpus: { type: 'string', default: path.resolve(REPO_ROOT, '../shared/corpus/policy-docs.jsonl') },
    data: { type: 'string' },
  },
  allowPositionals: false,
});

const CONFIGS: Record<string, Record<string, string>> = {
  quiet: {},
  unlimited: { PUBLIC_RENDER_RATE: '0' },
  limited: { PUBLIC_RENDER_RATE: '120' },
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
local words = {"养老","医保","住房","公积金","社保","就业","补贴","教育","医疗","交通","环境","企业","税收","残疾人","低保","退休",
  "管理","规定","办法","通知","实施","服务","安全","建设","发展","资金","农村","城市","工作","标准","监督","保障","信息","公开","财政","卫生","市场","项目","人员","单位"}
local n = 0
counts = {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = math.random(1, 1000000) end
function request()
  n = n + 1
  if n % 2 == 0 then
    return wrk.format("GET", "/documents/" .. ids[(n % #ids) + 1] .. "?utm_x=" .. n)
  end
  -- Two everyday words that match many documents, a sort and a page: 9,600 distinct searches, each a real one.
  local m = math.floor(n / 2)
  local q = words[(m % #words) + 1] .. " " .. words[(math.floor(m / #words) % #words) + 1]
  local sort = (math.floor(m / 1600) % 2 == 0) and "relevance" or "date"
  local page = (math.floor(m / 3200) % 3) + 1
  return wrk.format("GET", "/library?q=" .. q:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end) .. "&sort=" .. sort .. "&page=" .. page)
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

/**
 * A citizen at another address, every 200 ms until `until`: a document they have not opened yet,
 * then a search of their own (neither cached: each costs a render, as the flood's requests do).
 */
async function citizen(base: string, docIds: number[], until: number): Promise<{ latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const words = ['养老保险', '住房公积金 提取', '最低工资', '义务教育 入学', '医保 报销', '营业执照', '残疾人 补贴', '退役军人', '农村 宅基地', '消费券'];
  for (let i = 0; Date.now() < until; i++) {
    const page = i % 2 === 0 ? `/documents/${docIds[(i / 2) % docIds.length]}` : `/library?q=${encodeURIComponent(`${words[((i - 1) / 2) % words.length]}`)}&page=${1 + Math.floor(i / (2 * words.length))}`;
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}${page}`, { headers: { 'x-forwarded-for': `10.9.${i % 200}.7` }, signal: AbortSignal.timeout(15_000) });
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

  const prepared = opts.data ? path.resolve(opts.data) : path.join(tmp.path, 'prepared');
  if (existsSync(path.join(prepared, 'ready'))) log(`starting from the data prepared in ${prepared}`);
  else {
    log(`preparing ${prepared}: demo site group and the corpus ${opts.corpus}`);
    rmSync(prepared, { recursive: true, force: true });
    await cli(prepared, ['migrate']);
    await cli(prepared, ['seed', '--demo']);
    await cli(prepared, ['import', 'policy-docs', opts.corpus]);
    writeFileSync(path.join(prepared, 'ready'), new Date().toISOString());
  }

  const results: Record<string, { flood: Flood; citizenP95: number; citizenMedian: number; citizenFailures: number; citizenRequests: number }> = {};
  for (const name of configs) {
    log(`${name}: starting the server`);
    const dataDir = path.join(tmp.path, name);
    cpSync(prepared, dataDir, { recursive: true });
    server = await startServer({ dataDir, env: { NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1', TRUST_PROXY: 'true', ...CONFIGS[name] } });
    const ids: number[] = [];
    let total = 0;
    for (let page = 1; page <= 4; page++) {
      const api = (await (await fetch(`${server.baseUrl}/api/v1/documents?pageSize=50&page=${page}`)).json()) as { total: number; items: { id: number }[] };
      ids.push(...api.items.map((d) => d.id));
      total = api.total;
    }
    if (ids.length < 100) throw new Error('too few public documents: the corpus import failed');
    log(`${name}: ${total} public documents; ${load.connections} connections for ${seconds} s`);
    const script = path.join(tmp.path, `flood-${name}.lua`);
    writeFileSync(script, floodScript(ids.slice(0, 50)));
    const until = Date.now() + seconds * 1000;
    const quiet: Flood = { rps: 0, p50: 0, p95: 0, p99: 0, requests: 0, ok: 0, redirects: 0, limited: 0, client4xx: 0, server5xx: 0, socketErrors: 0 };
    const [flood, person] = await Promise.all([name === 'quiet' ? quiet : runFlood(wrkBin, server.baseUrl, script, load), citizen(server.baseUrl, ids.slice(50), until)]);
    results[name] = {
      flood,
      citizenP95: percentile(person.latencies, 95),
      citizenMedian: percentile(person.latencies, 50),
      citizenFailures: person.failures,
      citizenRequests: person.latencies.length,
    };
    await server.stop();
    server = null;
    rmSync(dataDir, { recursive: true, force: true });
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
