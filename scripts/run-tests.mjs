// Runs the test files of the given folders with node:test (Node 20 does not expand globs itself).
// Usage: node scripts/run-tests.mjs src test   |   node scripts/run-tests.mjs e2e
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const dirs = process.argv.slice(2);
const files = dirs
  .flatMap((dir) => readdirSync(dir, { recursive: true }).map((f) => path.join(dir, String(f))))
  .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules'))
  .sort();
if (files.length === 0) {
  console.error(`no test files in ${dirs.join(', ')}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
