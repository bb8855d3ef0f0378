import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { get, startTestPlatform, type TestPlatform } from './support/index.js';

describe('GET /v1/terms/{clientId} (contract §7)', () => {
  let p: TestPlatform;
  let clientId: string;
  before(async () => {
    p = await startTestPlatform({ settings: { platformName: 'Example Platform' } });
    ({ clientId } = await p.addClient({ name: 'Bank <b>&</b>' }));
  });
  after(() => p.close());

  test('default: the general terms as a small accessible HTML page, no auth', async () => {
    const res = await get(`${p.url}/v1/terms/default`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(res.text, /^<!doctype html>\n<html lang="en">/);
    assert.match(res.text, /<title>Example Platform terms of use<\/title>/);
    assert.match(res.text, /<main>\n<h1>Example Platform terms of use<\/h1>/);
    assert.match(res.text, /<meta name="viewport"/);
    assert.match(res.text, /<h2>Partners<\/h2>/);
    assert.doesNotMatch(res.text, /<(script|img|link)\b|https?:\/\//i, 'nothing loaded from elsewhere');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]+'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  test('a known client: the partner named, escaped', async () => {
    const res = await get(`${p.url}/v1/terms/${clientId}`);
    assert.equal(res.status, 200);
    assert.ok(res.text.includes('Example Platform terms for customers of Bank &lt;b&gt;&amp;&lt;/b&gt;'));
    assert.ok(!res.text.includes('<b>&</b>'));
  });

  test('the version prefix of newer docs is accepted', async () => {
    const res = await get(`${p.url}/2026Q3/v1/terms/default`);
    assert.equal(res.status, 200);
  });

  test('an unknown client: 404 in the validation family', async () => {
    for (const id of ['no-such-client', 'x'.repeat(100), '%E2%80%AE']) {
      const res = await get(`${p.url}/v1/terms/${id}`);
      assert.equal(res.status, 404, id);
      assert.deepEqual(res.body, {
        errors: [
          {
            code: 'NOT_FOUND',
            message: 'There are no terms for this client.',
            path: 'clientId',
            arguments: [],
          },
        ],
      });
    }
    // A NUL is no client id anyone can have: the 400 every route gives (contract "Error bodies").
    const nul = await get(`${p.url}/v1/terms/a%00b`);
    assert.equal(nul.status, 400);
    assert.equal(nul.body.errors[0].code, 'BAD_REQUEST');
  });
});
