import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseConfig } from '../../config.js';
import { startedClock } from './clock.js';

test('the rehearsal clock starts at CLOCK_START and runs on; production refuses it; a malformed one is explained', async () => {
  const c = parseConfig({ CORPUS_PATH: 'none', CLOCK_START: '2026-12-20T23:59:59.900+08:00' });
  assert.equal(c.clockStart?.toISOString(), '2026-12-20T15:59:59.900Z');
  const clock = startedClock(c.clockStart!);
  assert.equal(clock.today(), '2026-12-20');
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(clock.today(), '2026-12-21', 'time runs on from the start: midnight in China passes');
  assert.equal(parseConfig({ CORPUS_PATH: 'none' }).clockStart, null);
  assert.throws(() => parseConfig({ CORPUS_PATH: 'none', NODE_ENV: 'production', PUBLIC_URL: 'https://gk.example.gov.cn', CLOCK_START: '2026-12-20T09:00:00+08:00' }), (e: ConfigError) => e.problems.some((p) => p.includes('生产环境不能设置演练时钟')));
  assert.throws(() => parseConfig({ CORPUS_PATH: 'none', CLOCK_START: '12月20日' }), (e: ConfigError) => e.problems.some((p) => p.includes('CLOCK_START 应为带时区的时刻')));
});
