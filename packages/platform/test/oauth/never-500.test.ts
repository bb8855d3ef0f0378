import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { startTestPlatform, type TestPlatform } from '../support/index.js';
import { addPartner, type TestPartner } from '../support/partner.js';

/** Any text, binary included (NULs, lone surrogates), or one of the values that matter. */
const text = (...special: string[]) =>
  fc.oneof(
    fc.constantFrom(...special),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ maxLength: 50 }),
  );

describe('random revocation and introspection requests never produce a 500 (contract §12)', () => {
  let p: TestPlatform;
  let bank: TestPartner;
  let liveToken: string;
  before(async () => {
    p = await startTestPlatform();
    bank = await addPartner(p, 'Random Bank');
    liveToken = await bank.clientToken();
  });
  after(() => p.close());

  const check = (status: number, body: string) => {
    assert.ok(status >= 200 && status < 500, `${status} ${body}`);
    assert.ok(!/stack|at .*\.ts:|syntax error|relation "/i.test(body), body);
  };

  test('any form, any Authorization header, any content type', async () => {
    const form = fc.dictionary(
      text('token', 'token_type_hint', 'client_id', 'client_secret'),
      text('', 'x'),
      {
        maxKeys: 4,
      },
    );
    const request = fc.record({
      path: fc.constantFrom('/oauth/revoke', '/oauth/introspect'),
      form,
      raw: fc.option(fc.string({ unit: 'binary', maxLength: 200 }), { nil: undefined }),
      auth: fc.option(text(bank.auth, 'Basic', 'Basic %%%', `Basic ${btoa('a:b')}`, 'Bearer x'), {
        nil: undefined,
      }),
      type: fc.constantFrom(
        'application/x-www-form-urlencoded',
        'application/json',
        'multipart/form-data; boundary=x',
        'text/plain',
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ path, form, raw, auth, type }) => {
        const headers: Record<string, string> = { 'content-type': type };
        // A header value fetch refuses to send is no request the server can receive.
        if (auth !== undefined && /^[\t\x20-\x7e\x80-\xff]*$/.test(auth)) headers['authorization'] = auth;
        const body = raw ?? new URLSearchParams(form).toString();
        const res = await fetch(`${p.url}${path}`, { method: 'POST', headers, body });
        check(res.status, await res.text());
      }),
      { numRuns: 150 },
    );
    // Nothing the random requests sent could revoke the partner's token: they never held it.
    const still = await fetch(`${p.url}/oauth/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: bank.auth },
      body: new URLSearchParams({ token: liveToken }).toString(),
    });
    assert.equal(((await still.json()) as { active: boolean }).active, true);
  });
});
