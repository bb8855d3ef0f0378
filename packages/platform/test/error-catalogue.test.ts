import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OAUTH_CODES, VALIDATION_CODES } from '../src/errors/catalogue.js';
import {
  InsufficientScope,
  InvalidClient,
  InvalidGrant,
  InvalidRequest,
  InvalidToken,
  NotFound,
  ServiceUnavailable,
  TooManyRequests,
  UnauthorizedClient,
  UnsupportedGrantType,
} from '../src/errors/errors.js';
import { renderError } from '../src/http/render-error.js';

describe('the error-code catalogue (contract "Error bodies: two families")', () => {
  test('each OAuth error class sends its code with a status the catalogue lists', () => {
    const errors = [
      new InvalidRequest('x'),
      new InvalidClient(),
      new InvalidGrant('x'),
      new UnauthorizedClient('x'),
      new UnsupportedGrantType('x'),
      new InvalidToken(),
      new InsufficientScope('x'),
    ];
    for (const error of errors) {
      assert.equal(error.status, OAUTH_CODES[error.code].status[0], error.code);
      const rendered = renderError(error, '/oauth/token', 'r1');
      assert.deepEqual(rendered.body, { error: error.code, error_description: error.description });
    }
    assert.deepEqual(
      [new InvalidClient().status, new InvalidToken().status, new InsufficientScope('x').status],
      [401, 401, 403],
    );
  });

  test('validation error classes send catalogue codes with catalogue statuses', () => {
    for (const error of [new NotFound(), new TooManyRequests(3), new ServiceUnavailable('x')]) {
      const code = error.errors[0]!.code;
      assert.ok((VALIDATION_CODES[code].status as readonly number[]).includes(error.status), code);
    }
  });

  test('the masked 500 of each family uses a catalogue code', () => {
    const oauth = renderError(new Error('boom'), '/2026Q3/oauth/token', 'r2').body as { error: string };
    const rest = renderError(new Error('boom'), '/v1/me', 'r3').body as { errors: { code: string }[] };
    assert.ok(oauth.error in OAUTH_CODES);
    assert.ok(rest.errors[0]!.code in VALIDATION_CODES);
  });

  test('no code is in both families, and every entry names its statuses', () => {
    const oauth = Object.keys(OAUTH_CODES);
    assert.deepEqual(
      Object.keys(VALIDATION_CODES).filter((code) => oauth.includes(code)),
      [],
    );
    for (const entry of [...Object.values(OAUTH_CODES), ...Object.values(VALIDATION_CODES)]) {
      assert.ok(entry.status.length > 0 && entry.status.every((s) => s >= 300 && s < 600));
    }
  });
});
