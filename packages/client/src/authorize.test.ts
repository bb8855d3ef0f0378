import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAuthorizeUrl, generateState, parseCallback } from './authorize.js';
import { createClient } from './client.js';
import { timingSafeEqual } from './encoding.js';
import type { WiseCallbackError } from './link-errors.js';

const redirectUri = 'https://bank.example/wise/callback?tenant=br';
const state = 'state-abc';

function rejected(result: ReturnType<typeof parseCallback>): WiseCallbackError {
  assert.equal(result.kind, 'rejected');
  if (result.kind !== 'rejected') throw new Error('unreachable');
  return result.error;
}

describe('authorize URL', () => {
  it('has client_id, redirect_uri (query kept, encoded once) and state on each environment', () => {
    const cases = {
      production: 'https://wise.com/oauth/authorize/',
      sandbox: 'https://wise-sandbox.com/oauth/authorize/',
      local: 'http://localhost:4000/oauth/authorize',
    } as const;
    for (const [environment, page] of Object.entries(cases)) {
      const client = createClient({
        environment: environment as keyof typeof cases,
        clientId: 'c 1',
        clientSecret: 's',
      });
      const url = new URL(client.authorizeUrl({ redirectUri, state }));
      assert.equal(`${url.origin}${url.pathname}`, page);
      assert.equal(url.searchParams.get('client_id'), 'c 1');
      assert.equal(url.searchParams.get('redirect_uri'), redirectUri);
      assert.equal(url.searchParams.get('state'), state);
      assert.equal(url.searchParams.has('code_challenge'), false);
      assert.equal(url.searchParams.has('claim_account_code'), false);
      assert.equal(url.searchParams.has('forwardingMode'), false);
    }
  });

  it('adds the PKCE challenge with method S256, and the claim-account code', () => {
    const url = new URL(
      buildAuthorizeUrl('http://localhost:4000/oauth/authorize', 'c', {
        redirectUri: 'bank://wise/callback',
        state,
        codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        claimAccountCode: 'claim-1',
      }),
    );
    assert.equal(url.searchParams.get('redirect_uri'), 'bank://wise/callback');
    assert.equal(url.searchParams.get('code_challenge'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('claim_account_code'), 'claim-1');
  });

  it("adds forwardingMode=showCode as Wise's multi-currency-account guide writes it (contract §4)", () => {
    const url = new URL(
      buildAuthorizeUrl('https://wise.com/oauth/authorize/', 'c', {
        redirectUri,
        state,
        forwardingMode: 'showCode',
      }),
    );
    assert.equal(url.searchParams.get('forwardingMode'), 'showCode');
    assert.equal(
      new URL(buildAuthorizeUrl(url.origin, 'c', { redirectUri, state })).searchParams.has('forwardingMode'),
      false,
    );
  });

  it('refuses an empty state', () => {
    assert.throws(
      () => buildAuthorizeUrl('https://wise.com/oauth/authorize/', 'c', { redirectUri, state: '' }),
      TypeError,
    );
  });
});

describe('parseCallback', () => {
  const ok = `${redirectUri}&code=code-1&state=${state}&profileId=101`;

  it('returns code, profileId and state for a good callback (existing query kept)', () => {
    assert.deepEqual(parseCallback(ok, { expectedState: state }), {
      kind: 'authorized',
      code: 'code-1',
      profileId: 101,
      state,
      iss: undefined,
    });
  });

  it('accepts a URL, a relative req.url, a custom-scheme deep link and bare query parameters', () => {
    const forms = [
      new URL(ok),
      `/wise/callback?code=code-1&state=${state}&profileId=101`,
      `bank://wise/callback?code=code-1&state=${state}&profileId=101`,
      new URLSearchParams({ code: 'code-1', state, profileId: '101' }),
    ];
    for (const callback of forms) {
      const result = parseCallback(callback, { expectedState: state });
      assert.equal(result.kind, 'authorized', String(callback));
    }
  });

  it('returns iss and checks it against the expected issuer when both are present', () => {
    const withIss = `${ok}&iss=${encodeURIComponent('http://localhost:4000')}`;
    const good = parseCallback(withIss, { expectedState: state, expectedIssuer: 'http://localhost:4000' });
    assert.equal(good.kind === 'authorized' && good.iss, 'http://localhost:4000');
    const bad = parseCallback(withIss, { expectedState: state, expectedIssuer: 'https://api.wise.com' });
    assert.equal(rejected(bad).reason, 'issuer_mismatch');
    // Wise sends no iss: an expected issuer does not make it required.
    assert.equal(
      parseCallback(ok, { expectedState: state, expectedIssuer: 'https://api.wise.com' }).kind,
      'authorized',
    );
  });

  it('rejects a callback without state', () => {
    const error = rejected(
      parseCallback(`${redirectUri}&code=code-1&profileId=101`, { expectedState: state }),
    );
    assert.equal(error.reason, 'missing_state');
    assert.equal(
      rejected(parseCallback('/cb?code=c&state=&profileId=1', { expectedState: state })).reason,
      'missing_state',
    );
  });

  it('rejects a callback whose state is not this session’s', () => {
    for (const other of ['state-abd', 'state-ab', 'state-abcd', 'STATE-ABC']) {
      const callback = `/cb?code=code-1&state=${other}&profileId=101`;
      assert.equal(
        rejected(parseCallback(callback, { expectedState: state })).reason,
        'state_mismatch',
        other,
      );
    }
  });

  it('rejects repeated state, code or profileId', () => {
    for (const query of [
      `state=${state}&state=${state}&code=c&profileId=1`,
      `state=${state}&code=c&code=d&profileId=1`,
      `state=${state}&code=c&profileId=1&profileId=2`,
    ]) {
      const error = rejected(parseCallback(`/cb?${query}`, { expectedState: state }));
      assert.ok(error.reason === 'invalid_callback', query);
    }
  });

  it('turns error= callbacks into authorization_error with the description to show', () => {
    const callback = `${redirectUri}&error=access_denied&error_description=The+user+declined&state=${state}`;
    const error = rejected(parseCallback(callback, { expectedState: state }));
    assert.equal(error.reason, 'authorization_error');
    assert.equal(error.error, 'access_denied');
    assert.equal(error.errorDescription, 'The user declined');
    assert.match(error.message, /access_denied \(The user declined\)/);
  });

  it('checks the state of error callbacks first: a forged error is a state mismatch', () => {
    const error = rejected(parseCallback('/cb?error=server_error&state=forged', { expectedState: state }));
    assert.equal(error.reason, 'state_mismatch');
    assert.equal(error.error, undefined);
  });

  it('rejects a missing code and a missing or malformed profileId', () => {
    for (const query of [
      `state=${state}&profileId=101`,
      `state=${state}&code=&profileId=101`,
      `state=${state}&code=c`,
      `state=${state}&code=c&profileId=abc`,
      `state=${state}&code=c&profileId=-1`,
      `state=${state}&code=c&profileId=1e3`,
      `state=${state}&code=c&profileId=99999999999999999999`,
    ]) {
      assert.equal(
        rejected(parseCallback(`/cb?${query}`, { expectedState: state })).reason,
        'invalid_callback',
        query,
      );
    }
  });

  it('refuses an empty expected state', () => {
    assert.throws(() => parseCallback(ok, { expectedState: '' }), TypeError);
  });
});

describe('generateState', () => {
  it('makes unguessable, distinct, URL-safe values', () => {
    const states = new Set(Array.from({ length: 100 }, generateState));
    assert.equal(states.size, 100);
    for (const s of states) assert.match(s, /^[A-Za-z0-9_-]{43}$/);
  });
});

describe('timingSafeEqual', () => {
  it('compares strings of any length, including multibyte ones', () => {
    assert.equal(timingSafeEqual('abc', 'abc'), true);
    assert.equal(timingSafeEqual('abc', 'abd'), false);
    assert.equal(timingSafeEqual('abc', 'ab'), false);
    assert.equal(timingSafeEqual('', ''), true);
    assert.equal(timingSafeEqual('é', 'é'), true);
    assert.equal(timingSafeEqual('é', 'e'), false);
  });
});
