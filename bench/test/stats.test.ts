import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatCount,
  formatLatency,
  formatMiB,
  formatMs,
  formatRatio,
  median,
  percentile,
  ratio,
} from '../src/stats.js';

test('percentile uses the nearest rank of the sorted values', () => {
  const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
  assert.equal(percentile(values, 50), 5);
  assert.equal(percentile(values, 90), 9);
  assert.equal(percentile(values, 99), 10);
  assert.equal(percentile(values, 100), 10);
  assert.equal(percentile(values, 0), 1);
  assert.equal(percentile([7], 99), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
  assert.throws(() => percentile(values, 101), RangeError);
});

test('median of an odd and an even count, without reordering the input', () => {
  const input = [3, 1, 2];
  assert.equal(median(input), 2);
  assert.deepEqual(input, [3, 1, 2]);
  assert.equal(median([4, 1, 3, 2]), 2);
});

test('ratio is null when the denominator is missing or zero', () => {
  assert.equal(ratio(50, 100), 0.5);
  assert.equal(ratio(50, 0), null);
  assert.equal(ratio(undefined, 3), null);
  assert.equal(ratio(3, undefined), null);
  assert.equal(ratio(Number.NaN, 3), null);
});

test('ratios print with two significant digits, whole above ten', () => {
  assert.equal(formatRatio(0.6249), '0.62×');
  assert.equal(formatRatio(1.449), '1.4×');
  assert.equal(formatRatio(0.0123), '0.012×');
  assert.equal(formatRatio(12.6), '13×');
  assert.equal(formatRatio(null), '–');
});

test('counts, latencies and memory print for a table', () => {
  assert.equal(formatCount(12345.6), '12,346');
  assert.equal(formatCount(Number.NaN), '–');
  assert.equal(formatMs(0.4231), '0.42 ms');
  assert.equal(formatMs(3.14), '3.1 ms');
  assert.equal(formatMs(120.4), '120 ms');
  assert.equal(formatMiB(50 * 1024 * 1024 + 300 * 1024), '50.3 MiB');
});

test('a latency under the histogram resolution prints as under a millisecond', () => {
  assert.equal(formatLatency(0), '<1 ms');
  assert.equal(formatLatency(3), '3.0 ms');
  assert.equal(formatLatency(Number.NaN), '–');
});
