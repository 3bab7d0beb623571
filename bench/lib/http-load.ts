/** wrk and nginx for bench/http.ts: find them, run wrk and read its report, serve a file with nginx. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The first executable called `name` on PATH or in the sbin directories (nginx lives in /usr/sbin). */
export function findExecutable(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

export interface WrkResult {
  rps: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  requests: number;
  /** "Non-2xx or 3xx responses", 0 when wrk does not print the line. */
  non2xx: number;
  /** connect/read/write/timeout errors added up. */
  socketErrors: number;
  raw: string;
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}

/** Reads the report of `wrk --latency`. */
export function parseWrk(raw: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(raw);
  const requests = /(\d+) requests in/.exec(raw);
  if (!rps || !requests) throw new Error(`cannot read wrk's report:\n${raw}`);
  const pct = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(raw);
    return m ? toMs(m[1]!, m[2]!) : NaN;
  };
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(raw);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(raw);
  return {
    rps: Number(rps[1]),
    p50: pct('50'),
    p99: pct('99'),
    requests: Number(requests[1]),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: sock ? sock.slice(1).reduce((s, x) => s + Number(x), 0) : 0,
    raw,
  };
}

export async function wrk(bin: string, url: string, o: { threads: number; connections: number; seconds: number }): Promise<WrkResult> {
  const { stdout } = await run(bin, ['--latency', `-t${o.threads}`, `-c${o.connections}`, `-d${o.seconds}s`, url], { maxBuffer: 16 * 1024 * 1024 });
  return parseWrk(stdout);
}

export interface StaticServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * nginx in the foreground with a private prefix and configuration under `dir`: one worker, no
 * access log, sendfile, serving `html` as the only page. Connections are kept open as long as
 * Node keeps them (Node has no per-connection request limit; nginx's default is 1000).
 */
export async function startNginx(bin: string, dir: string, port: number, html: string): Promise<StaticServer> {
  const root = path.join(dir, 'html');
  mkdirSync(root, { recursive: true });
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  writeFileSync(path.join(root, 'page.html'), html);
  // Run as root, nginx's worker becomes "nobody" and must be able to reach and read the page
  // (mkdtemp makes 0700 directories).
  for (const p of [path.dirname(dir), dir, root]) chmodSync(p, 0o755);
  chmodSync(path.join(root, 'page.html'), 0o644);
  const temp = (k: string) => `${k}_temp_path ${path.join(dir, 'temp', k)};`;
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  types { text/html html; }
  charset utf-8;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { try_files /page.html =404; }
  }
}
`,
  );
  const child: ChildProcess = spawn(bin, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/page.html`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${err}`);
    try {
      const res = await fetch(url);
      if (res.ok && (await res.text()) === html) break;
      throw new Error(`nginx answered ${res.status}`);
    } catch (e) {
      if (i > 100) {
        await stop();
        throw new Error(`nginx did not serve the page: ${(e as Error).message} ${err}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, stop };
}

/**
 * How busy the machine's CPUs are (0–1) over `ms`, from /proc/stat; measured while the benchmark
 * itself is idle, it tells whether other processes will compete with the servers and wrk.
 * null where /proc/stat does not exist.
 */
export async function cpuBusy(ms = 1000): Promise<number | null> {
  const sample = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
      const idle = f[3]! + (f[4] ?? 0);
      return { idle, total: f.reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  const a = sample();
  await new Promise((r) => setTimeout(r, ms));
  const b = sample();
  if (!a || !b || b.total === a.total) return null;
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}
