import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPersonalData } from './personal-data.js';

/**
 * Recall on real data: the 2020 epidemic notices of the shared corpus (category
 * 疫情防控政策及资讯（2020）, 593 documents) publish contact persons' mobile numbers — 104
 * occurrences according to the corpus README. The corpus is read at test time, never copied here.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpusPath = process.env.CORPUS_PATH ?? path.resolve(repoRoot, '../shared/corpus/policy-docs.jsonl');
const missing = existsSync(corpusPath) ? false : `corpus not found at ${corpusPath} (set CORPUS_PATH to policy-docs.jsonl)`;

test('every mobile number in the 2020 notices is found (recall 1.0), and nothing else is taken for one', { skip: missing }, () => {
  const notices = readFileSync(corpusPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; category: string; body: string })
    .filter((d) => d.category === '疫情防控政策及资讯（2020）');
  assert.equal(notices.length, 593);

  // Independent and deliberately simple: 11 digits starting 1[3-9], not inside a longer digit run.
  const simple = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
  let occurrences = 0;
  const distinct = new Set<string>();
  const missed: string[] = [];
  const extra: string[] = [];
  for (const d of notices) {
    const hits = findPersonalData(d.body, { today: '2026-11-22' }).filter((h) => h.kind === 'mobile');
    const expected = [...d.body.matchAll(simple)].map((m) => ({ start: m.index!, end: m.index! + 11, number: m[0] }));
    for (const e of expected) {
      occurrences++;
      distinct.add(e.number);
      // A hit may be wider than the bare number: "+86 13807138996" includes its prefix.
      if (!hits.some((h) => h.start <= e.start && h.end === e.end)) missed.push(`${d.id}@${e.start}:${e.number}`);
    }
    for (const h of hits) if (!expected.some((e) => h.start <= e.start && h.end === e.end)) extra.push(`${d.id}@${h.start}:${h.value}`);
  }
  assert.equal(occurrences, 104, 'occurrences in the 2020 notices (corpus README)');
  assert.equal(distinct.size, 100, 'distinct numbers (some are repeated)');
  assert.deepEqual(missed, [], 'recall 1.0');
  assert.deepEqual(extra, [], 'no other mobile hits in these documents');
});
