import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  appendSetCookie,
  cookieName,
  csrfToken,
  csrfValid,
  errorSummary,
  escapeHtml,
  html,
  keyedHash,
  randomToken,
  readCookie,
  safeEqual,
  serializeCookie,
} from '../src/index.js';

describe('keyed hashes', () => {
  it('is HMAC-SHA-256 of purpose NUL value, base64url', () => {
    const expected = createHmac('sha256', 'k').update('p\0v').digest('base64url');
    assert.equal(keyedHash('k', 'p', 'v'), expected);
  });
  it('separates purposes', () => {
    assert.notEqual(keyedHash('k', 'a', 'v'), keyedHash('k', 'b', 'v'));
  });
  it('compares in constant time and by value', () => {
    assert.ok(safeEqual('abc', 'abc'));
    assert.ok(!safeEqual('abc', 'abd'));
    assert.ok(!safeEqual('abc', 'abcd'));
  });
});

describe('random tokens', () => {
  it('are 32 bytes base64url by default, each new, across the pool refilling (issue 14)', () => {
    const tokens = Array.from({ length: 1000 }, () => randomToken());
    assert.equal(new Set(tokens).size, 1000);
    for (const t of tokens) assert.match(t, /^[A-Za-z0-9_-]{43}$/);
  });

  it('of any size, small or past the pool', () => {
    assert.equal(Buffer.from(randomToken(5), 'base64url').length, 5);
    assert.equal(Buffer.from(randomToken(4097), 'base64url').length, 4097);
    assert.equal(Buffer.from(randomToken(512), 'base64url').length, 512);
  });
});

describe('CSRF tokens', () => {
  it('accepts only the token of the same secret and binding', () => {
    const token = csrfToken('secret', 'session-1');
    assert.ok(csrfValid('secret', 'session-1', token));
    assert.ok(!csrfValid('secret', 'session-2', token));
    assert.ok(!csrfValid('other', 'session-1', token));
    assert.ok(!csrfValid('secret', 'session-1', undefined));
    assert.ok(!csrfValid('secret', 'session-1', null));
    assert.ok(!csrfValid('secret', 'session-1', ''));
  });
});

describe('cookies', () => {
  it('reads an opaque value and nothing else', () => {
    assert.equal(readCookie('a=1; aa_session=abc_DEF-9; b=2', 'aa_session'), 'abc_DEF-9');
    assert.equal(readCookie('aa_session=<script>', 'aa_session'), undefined);
    assert.equal(readCookie('x_aa_session=abc', 'aa_session'), undefined);
    assert.equal(readCookie(undefined, 'aa_session'), undefined);
    assert.equal(readCookie(`aa_session=${'a'.repeat(101)}`, 'aa_session'), undefined);
  });
  it('prefixes secure names with __Host-', () => {
    assert.equal(cookieName('aa_session', true), '__Host-aa_session');
    assert.equal(cookieName('aa_session', false), 'aa_session');
  });
  it('serializes HttpOnly, Lax, Path=/, and Secure on https', () => {
    assert.equal(
      serializeCookie('s', 'v', { maxAgeSeconds: 60, secure: true }),
      's=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure',
    );
    assert.equal(
      serializeCookie('s', '', { maxAgeSeconds: 0, secure: false }),
      's=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
    );
  });
  it('keeps cookies already set on the reply', () => {
    const headers = new Map<string, unknown>();
    const reply = {
      getHeader: (n: string) => headers.get(n),
      header: (n: string, v: unknown) => headers.set(n, v),
    };
    appendSetCookie(reply, 'a=1');
    appendSetCookie(reply, 'b=2');
    assert.deepEqual(headers.get('set-cookie'), ['a=1', 'b=2']);
  });
});

describe('html', () => {
  it('escapes every interpolated value unless it is already Html', () => {
    const name = `<b>"Tom" & 'Jerry'</b>`;
    assert.equal(
      html`<p>${name}</p>`.value,
      '<p>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p>',
    );
    assert.equal(html`<p>${html`<i>${name}</i>`}</p>`.value, `<p><i>${escapeHtml(name)}</i></p>`);
  });
  it('renders lists, and nothing for null, undefined and false', () => {
    assert.equal(html`${['a', html`<br>`, 1]}|${null}${undefined}${false}`.value, 'a<br>1|');
  });
});

describe('errorSummary (GOV.UK error summary, issue 13)', () => {
  it('is nothing without problems', () => {
    assert.equal(errorSummary([]).value, '');
  });
  it('is an alert, focused on load, headed "There is a problem", linking each problem to its field', () => {
    const out = errorSummary([
      { text: 'Enter <your> code', field: 'code' },
      { text: html`<b>Later</b>` },
    ]).value;
    assert.match(
      out,
      /^<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>/,
    );
    assert.match(out, /<h2 id="error-summary-title">There is a problem<\/h2>/);
    assert.match(out, /<li><a href="#code">Enter &lt;your&gt; code<\/a><\/li>/);
    assert.match(out, /<li><b>Later<\/b><\/li>/);
  });
});
