// Module boundaries (DESIGN.md; issue 13): a module is used by others only through its public face,
// `src/modules/<m>/index.ts` or `src/modules/<m>/public.ts`, and modules form no import cycle.
//
//   node scripts/module-boundaries.mjs            report: imports into other modules' insides, cycles
//   node scripts/module-boundaries.mjs --strict   the same, and exit 1 if there is any (for npm test)
//
// Imports are read from the source text (static `import … from`, `export … from`, `import()`),
// type-only imports included: a type reaching into another module's file couples them as much.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const MODULES = path.join(ROOT, 'src', 'modules');
const FACES = new Set(['index.ts', 'public.ts']);
const strict = process.argv.includes('--strict');

const files = readdirSync(MODULES, { recursive: true })
  .map(String)
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => path.join(MODULES, f));

const moduleOf = (file) => {
  const rel = path.relative(MODULES, file);
  return rel.startsWith('..') ? null : rel.split(path.sep)[0];
};
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

const violations = [];
const edges = new Map(); // module → Set of modules it imports
for (const file of files) {
  const from = moduleOf(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), spec).replace(/\.js$/, '');
    const target = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) => existsSync(f)) ?? `${base}.ts`;
    const to = moduleOf(target);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
    const inside = path.relative(path.join(MODULES, to), target);
    if (!FACES.has(inside)) {
      violations.push({ file: path.relative(ROOT, file), target: path.relative(ROOT, target) });
    }
  }
}

// Cycles between modules: strongly connected components of more than one module (Tarjan).
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
let counter = 0;
function visit(v) {
  index.set(v, counter);
  low.set(v, counter++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const v of edges.keys()) if (!index.has(v)) visit(v);

const insideFiles = new Set(violations.map((v) => v.target));
for (const v of violations) console.log(`${v.file} → ${v.target}`);
for (const c of cycles) console.log(`cycle: ${c.join(' ↔ ')}`);
console.log(
  `${violations.length} imports reach into ${insideFiles.size} files inside other modules; ` +
    `${cycles.length} import cycle(s) among modules${cycles.length ? ` (${cycles.map((c) => c.length).join(', ')} modules)` : ''}`,
);
if (strict && (violations.length || cycles.length)) process.exit(1);
