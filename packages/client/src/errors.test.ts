import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseApiError, WiseNetworkError, WiseTimeoutError } from './errors.js';
import {
  isCallbackError,
  isNetworkError,
  isOAuthError,
  isRateLimited,
  isRelinkRequired,
  isTimeoutError,
  isValidationError,
  isWiseApiError,
  isWiseError,
} from './guards.js';
import { RelinkRequiredError, WiseCallbackError } from './link-errors.js';

const endpoint = 'POST /oauth/token';

describe('WiseApiError', () => {
  it('reads the OAuth family', () => {
    const e = new WiseApiError({
      endpoint,
      status: 401,
      body: '{"error":"invalid_grant","error_description":"Invalid user credentials."}',
    });
    assert.equal(e.error, 'invalid_grant');
    assert.equal(e.errorDescription, 'Invalid user credentials.');
    assert.equal(e.family, 'oauth');
    assert.deepEqual(e.errors, []);
    assert.match(e.message, /HTTP 401: invalid_grant \(Invalid user credentials\.\)/);
    assert.ok(isOAuthError(e));
    assert.ok(isOAuthError(e, 'invalid_grant'));
    assert.ok(!isOAuthError(e, 'invalid_token'));
    assert.ok(!isValidationError(e));
  });

  it('reads the validation family, keyed on code and path', () => {
    const body = JSON.stringify({
      errors: [
        {
          code: 'NOT_UNIQUE',
          message: "You're already a member. Please login",
          path: 'email',
          arguments: ['email', 'ne******@example.com'],
        },
      ],
    });
    const e = new WiseApiError({ endpoint: 'POST /v1/user/signup/registration_code', status: 409, body });
    assert.equal(e.family, 'validation');
    assert.equal(e.errors[0]?.code, 'NOT_UNIQUE');
    assert.deepEqual(e.errors[0]?.arguments, ['email', 'ne******@example.com']);
    assert.ok(isValidationError(e));
    assert.ok(isValidationError(e, 'NOT_UNIQUE'));
    assert.ok(isValidationError(e, 'NOT_UNIQUE', 'email'));
    assert.equal(isValidationError(e, 'NOT_UNIQUE', 'registrationCode'), false);
    assert.equal(isValidationError(e, 'NotNull'), false);
    assert.equal(isOAuthError(e), false);
    assert.match(e.message, /NOT_UNIQUE at email/);
  });

  it('skips malformed validation entries instead of failing', () => {
    const e = new WiseApiError({
      endpoint,
      status: 400,
      body: '{"errors":[1,{"message":"x"},{"code":"Size"}]}',
    });
    assert.deepEqual(
      e.errors.map((x) => x.code),
      ['Size'],
    );
  });

  it('never fails on a non-JSON body (an HTML 502 from a proxy), and keeps the text', () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const e = new WiseApiError({ endpoint, status: 502, body: html });
    assert.equal(e.status, 502);
    assert.equal(e.body, html);
    assert.equal(e.json, undefined);
    assert.equal(e.error, undefined);
    assert.deepEqual(e.errors, []);
    assert.equal(e.family, 'other');
    assert.equal(e.message, 'POST /oauth/token failed with HTTP 502');
  });

  it('never fails on empty, truncated or non-object JSON bodies', () => {
    for (const body of ['', '   ', '{"error":', '[1,2]', 'null', '"text"', '{"error": 42}']) {
      const e = new WiseApiError({ endpoint, status: 500, body });
      assert.equal(e.error, undefined, body);
      assert.deepEqual(e.errors, [], body);
    }
  });

  it('takes the request id from x-request-id, else x-trace-id', () => {
    const a = new WiseApiError({
      endpoint,
      status: 500,
      body: '',
      headers: new Headers({ 'x-request-id': 'r1' }),
    });
    const b = new WiseApiError({
      endpoint,
      status: 500,
      body: '',
      headers: new Headers({ 'x-trace-id': 't1' }),
    });
    const c = new WiseApiError({ endpoint, status: 500, body: '' });
    assert.equal(a.requestId, 'r1');
    assert.equal(b.requestId, 't1');
    assert.equal(c.requestId, undefined);
  });

  it('reads the verification-document failure body', () => {
    const e = new WiseApiError({
      endpoint,
      status: 422,
      body: '{"errorMessage":"IRREGULAR","success":false}',
    });
    assert.equal(e.errorMessage, 'IRREGULAR');
    assert.match(e.message, /IRREGULAR/);
  });

  it('does not put the body into the message', () => {
    const e = new WiseApiError({ endpoint, status: 500, body: 'secret-looking text' });
    assert.ok(!e.message.includes('secret-looking'));
  });
});

describe('type guards', () => {
  it('tell every error apart and reject non-errors', () => {
    const api = new WiseApiError({ endpoint, status: 429, body: '', retryAfterMs: 1000 });
    const network = new WiseNetworkError(endpoint, { cause: new Error('ECONNRESET') });
    const timeout = new WiseTimeoutError(endpoint, 5);
    const callback = new WiseCallbackError('state_mismatch', 'x');
    const relink = new RelinkRequiredError('c1', 'refresh_rejected');
    for (const e of [api, network, timeout, callback, relink]) {
      assert.ok(isWiseError(e));
      assert.ok(e instanceof Error);
    }
    assert.ok(isWiseApiError(api) && isWiseApiError(api, 429) && !isWiseApiError(api, 500));
    assert.ok(isRateLimited(api) && api.retryAfterMs === 1000);
    assert.ok(isNetworkError(network) && !isNetworkError(timeout));
    assert.match(network.message, /ECONNRESET/);
    assert.ok(isTimeoutError(timeout) && !isTimeoutError(network));
    assert.ok(isCallbackError(callback) && isCallbackError(callback, 'state_mismatch'));
    assert.ok(!isCallbackError(callback, 'missing_state'));
    assert.ok(isRelinkRequired(relink) && relink.customerKey === 'c1');
    assert.deepEqual(
      [api, network, timeout, callback, relink].map((e) => e.kind),
      ['api', 'network', 'timeout', 'callback', 'relink_required'],
    );
    for (const other of [new Error('x'), null, undefined, 'invalid_grant', { error: 'invalid_grant' }]) {
      assert.ok(!isWiseError(other));
      assert.ok(!isOAuthError(other, 'invalid_grant'));
      assert.ok(!isValidationError(other));
    }
  });
});
