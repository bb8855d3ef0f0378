import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OptionsError, parseOptions } from '../src/options.js';

test('a plain run measures 10 s per server with 20 connections and saves its results', () => {
  const options = parseOptions([]);
  assert.equal(options.duration, 10);
  assert.equal(options.warmup, 2);
  assert.equal(options.connections, 20);
  assert.deepEqual(options.only, [
    'token',
    'signup',
    'micro',
    'refresh',
    'flow',
    'login',
    'start',
    'instances',
  ]);
  assert.equal(options.save, true);
});

test('a quick run is 1 s after 1 s of warm-up and is never saved', () => {
  const options = parseOptions(['--quick']);
  assert.equal(options.duration, 1);
  assert.equal(options.warmup, 1);
  assert.equal(options.save, false);
});

test('a partial or --no-save run is printed only', () => {
  assert.equal(parseOptions(['--only', 'token,micro']).save, false);
  assert.deepEqual(parseOptions(['--only', 'token, micro']).only, ['token', 'micro']);
  assert.equal(parseOptions(['--no-save']).save, false);
});

test('duration and connections are bounded whole numbers', () => {
  assert.equal(parseOptions(['--duration', '30']).duration, 30);
  assert.equal(parseOptions(['--duration', '30']).warmup, 3);
  assert.equal(parseOptions(['--connections', '50']).connections, 50);
  assert.throws(() => parseOptions(['--duration', '0']), OptionsError);
  assert.throws(() => parseOptions(['--duration', '121']), OptionsError);
  assert.throws(() => parseOptions(['--duration', '2.5']), OptionsError);
  assert.throws(() => parseOptions(['--connections', '1000']), OptionsError);
});

test('unknown options and benchmarks are refused', () => {
  assert.throws(() => parseOptions(['--durations', '3']), OptionsError);
  assert.throws(
    () => parseOptions(['--only', 'logins']),
    /--only takes token, signup, micro, refresh, flow, login, start, instances; got "logins"/,
  );
  assert.throws(() => parseOptions(['extra']), OptionsError);
});
