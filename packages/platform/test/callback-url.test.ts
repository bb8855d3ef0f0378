import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callbackUrl } from '../src/http/callback-url.js';

describe('callbackUrl: parameters added to a registered redirect_uri (contract §4)', () => {
  test('keeps the registered query byte for byte and appends', () => {
    assert.equal(
      callbackUrl('https://bank.example/cb?a=%2F+b&c', { code: 'x', state: 'a b&c', iss: null }),
      'https://bank.example/cb?a=%2F+b&c&code=x&state=a%20b%26c',
    );
  });

  test('a plus sign stays a plus sign', () => {
    assert.equal(
      callbackUrl('https://b.example/cb', { state: '1+1 2' }),
      'https://b.example/cb?state=1%2B1%202',
    );
  });

  test('custom schemes and loopback URIs', () => {
    assert.equal(callbackUrl('bank://wise/callback', { code: 'x' }), 'bank://wise/callback?code=x');
    assert.equal(callbackUrl('http://127.0.0.1:8123/cb?', { code: 'x' }), 'http://127.0.0.1:8123/cb?code=x');
    assert.equal(callbackUrl('com.bank.app:/cb?t=1&', { code: 'x' }), 'com.bank.app:/cb?t=1&code=x');
  });
});
