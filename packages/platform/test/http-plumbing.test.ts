import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../src/context.js';
import { PageError } from '../src/errors/errors.js';
import { readCookie, setCookie } from '../src/http/cookies.js';
import { csrfFor, requireCsrf } from '../src/http/csrf.js';
import { routedUrl, VERSION_PREFIX, withoutVersionPrefix } from '../src/http/version-prefix.js';

const secret = Buffer.alloc(32, 7);
const platformAt = (issuer: string) => ({ config: { serverSecret: secret, issuer } }) as unknown as Platform;
const requestWith = (cookie?: string) => ({ headers: { cookie } }) as unknown as FastifyRequest;
function replyRecorder() {
  const headers = new Map<string, unknown>();
  const reply = {
    getHeader: (name: string) => headers.get(name),
    header: (name: string, value: unknown) => headers.set(name, value),
  };
  return { reply: reply as unknown as FastifyReply, setCookies: () => headers.get('set-cookie') };
}

describe('http/: the hosted pages plumbing, byte for byte what it was', () => {
  test("CSRF tokens are HMAC-SHA-256(serverSecret, 'csrf' NUL form:browser), base64url", () => {
    const platform = platformAt('http://127.0.0.1');
    const { reply } = replyRecorder();
    const token = csrfFor(platform, requestWith('aa_browser=b-123'), reply, 'uid-9');
    const expected = createHmac('sha256', secret).update('csrf\0uid-9:b-123').digest('base64url');
    assert.equal(token, expected);
    assert.doesNotThrow(() => requireCsrf(platform, requestWith('aa_browser=b-123'), 'uid-9', token));
    for (const [cookie, form, presented] of [
      ['aa_browser=other', 'uid-9', token],
      ['aa_browser=b-123', 'uid-8', token],
      ['aa_browser=b-123', 'uid-9', undefined],
      [undefined, 'uid-9', token],
    ] as const) {
      assert.throws(
        () => requireCsrf(platform, requestWith(cookie), form, presented),
        (e: unknown) => e instanceof PageError && e.status === 403,
      );
    }
  });

  test('cookies: the same Set-Cookie lines, __Host- and Secure on https, earlier cookies kept', () => {
    const plain = replyRecorder();
    setCookie(platformAt('http://127.0.0.1:4000'), plain.reply, 'browser', 'abc', 60);
    setCookie(platformAt('http://127.0.0.1:4000'), plain.reply, 'session', '', 0);
    assert.deepEqual(plain.setCookies(), [
      'aa_browser=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax',
      'aa_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
    ]);
    const tls = replyRecorder();
    setCookie(platformAt('https://platform.example'), tls.reply, 'session', 'xyz', 10);
    assert.deepEqual(tls.setCookies(), [
      '__Host-aa_session=xyz; Path=/; Max-Age=10; HttpOnly; SameSite=Lax; Secure',
    ]);
    const https = platformAt('https://platform.example');
    assert.equal(readCookie(https, requestWith('aa_session=no; __Host-aa_session=yes'), 'session'), 'yes');
    assert.equal(readCookie(https, requestWith('__Host-aa_session=not opaque!'), 'session'), undefined);
  });

  test('the version prefix: a quarter before a path segment, taken off once', () => {
    assert.equal(withoutVersionPrefix('/2026Q3/oauth/token'), '/oauth/token');
    assert.equal(withoutVersionPrefix('/2026Q3/2026Q4/v1/me'), '/2026Q4/v1/me');
    assert.equal(withoutVersionPrefix('/2026Q5/oauth/token'), '/2026Q5/oauth/token');
    assert.equal(withoutVersionPrefix('/2026Q3'), '/2026Q3');
    assert.equal(withoutVersionPrefix('/v1/2026Q3/me'), '/v1/2026Q3/me');
    assert.ok(VERSION_PREFIX.test('/1999Q1/x'));
  });

  // https://docs.wise.com/guides/developer/global-versioning; https://docs.wise.com/guides/developer/errors/users
  test('routing a version prefix: released quarters only, by the clock; the versionless create-user path', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    assert.equal(routedUrl('/2026Q4/oauth/token', now), '/oauth/token');
    assert.equal(routedUrl('/2020Q1/v1/me?x=1', now), '/v1/me?x=1');
    assert.equal(routedUrl('/2027Q1/oauth/token', now), '/2027Q1/oauth/token');
    assert.equal(routedUrl('/2099Q4/oauth/token', now), '/2099Q4/oauth/token');
    assert.equal(routedUrl('/2027Q1/oauth/token', new Date('2027-01-01T00:00:00Z')), '/oauth/token');
    assert.equal(routedUrl('/2026Q4/oauth/token', new Date('2026-09-30T23:59:59Z')), '/2026Q4/oauth/token');
    assert.equal(routedUrl('/2026Q5/oauth/token', now), '/2026Q5/oauth/token');
    assert.equal(
      routedUrl('/2026Q3/user/signup/registration_code?a=b', now),
      '/v1/user/signup/registration_code?a=b',
    );
    assert.equal(routedUrl('/user/signup/registration_code', now), '/user/signup/registration_code');
    assert.equal(
      routedUrl('/2026Q3/user/signup/registration_code/x', now),
      '/user/signup/registration_code/x',
    );
  });
});
