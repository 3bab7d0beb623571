import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressBlock, canonicalUrl, PageCache, RenderBudget } from './page-cache.js';

test('a page has one address: parameters it does not understand are dropped, its own kept in order and encoding', () => {
  assert.equal(canonicalUrl('/documents/4', ['print']), '/documents/4');
  assert.equal(canonicalUrl('/documents/4?utm_source=wx&from=singlemessage&isappinstalled=0', ['print']), '/documents/4');
  assert.equal(canonicalUrl('/documents/4?x=1&print=1', ['print']), '/documents/4?print=1');
  assert.equal(canonicalUrl('/library?q=%E5%B7%A5%E8%B5%84&_=171&page=2&docType=a&docType=b', ['q', 'page', 'docType']), '/library?q=%E5%B7%A5%E8%B5%84&page=2&docType=a&docType=b');
  // An encoded name is still its name; a broken encoding names nothing the page knows.
  assert.equal(canonicalUrl('/library?%71=x&%E5%B7=1', ['q']), '/library?%71=x');
  assert.equal(canonicalUrl('/library?&&q=a&', ['q']), '/library?q=a');
});

test('each address has a minute of uncached renders, refilled as time passes; addresses do not share one', () => {
  const budget = new RenderBudget(60);
  const t0 = 1_000_000;
  for (let i = 0; i < 60; i++) assert.equal(budget.take('203.0.113.9', t0), 0, `render ${i + 1}`);
  const wait = budget.take('203.0.113.9', t0);
  assert.equal(wait, 1, 'the 61st within the minute waits a second');
  assert.equal(budget.take('198.51.100.1', t0), 0, 'another address is not held up');
  assert.equal(budget.take('203.0.113.9', t0 + 1000), 0, 'a second later one render is free again');
  assert.ok(budget.take('203.0.113.9', t0 + 1000) > 0);
  assert.equal(new RenderBudget(0).take('203.0.113.9'), 0, '0 turns the limit off');
});

test('an IPv6 subscriber counts as its /64, an IPv4-mapped address as the IPv4 one', () => {
  assert.equal(addressBlock('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
  assert.equal(addressBlock('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'), '2001:db8:1:2::/64');
  assert.equal(addressBlock('2001:db8::5'), '2001:db8:0:0::/64');
  assert.equal(addressBlock('::ffff:192.0.2.7'), '192.0.2.7');
  assert.equal(addressBlock('192.0.2.7'), '192.0.2.7');
  const budget = new RenderBudget(1);
  assert.equal(budget.take('2001:db8:1:2::a', 0), 0);
  assert.ok(budget.take('2001:db8:1:2::b', 0) > 0, 'a second address in the same /64 shares the budget');
});

test('a popular search is computed once while current, again after a write clears the cache; a failure is not kept', async () => {
  const cache = new PageCache(60);
  let runs = 0;
  const load = async () => ++runs;
  assert.equal(await cache.memo('library:q', load), 1);
  assert.equal(await cache.memo('library:q', load), 1);
  cache.clear();
  assert.equal(await cache.memo('library:q', load), 2);
  assert.equal(await cache.memo('library:q', load, Date.now() + 61_000), 3, 'expired after the TTL');
  await assert.rejects(cache.memo('library:bad', async () => Promise.reject(new Error('db down'))));
  await new Promise((r) => setImmediate(r));
  assert.equal(await cache.memo('library:bad', async () => 'ok'), 'ok');
  const off = new PageCache(0);
  await off.memo('k', load);
  await off.memo('k', load);
  assert.equal(runs, 5, 'with the cache off every load runs');
});
