// Contract §5 "Rotation": RFC 9700 §4.14.2 asks that refresh tokens expire once their client stops using
// them. A public client's always do (token-rotation.test.ts); a confidential client's do when the operator
// sets PLATFORM_REFRESH_TOKEN_IDLE_TTL, and never by default, as Wise's 20-year tokens.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, get, startTestPlatform, type TestPlatform } from './support/index.js';
import { addPartner, CODE, type TestPartner } from './support/partner.js';

const INVALID = 'The refresh token is invalid, expired or revoked.';
const DAY = 24 * 3600;

describe('a confidential client with an idle lifetime (refreshTokenIdleSeconds 30 days)', () => {
  let p: TestPlatform;
  let keeping: TestPartner;
  let rotating: TestPartner;
  let short: TestPartner;
  let n = 0;
  before(async () => {
    p = await startTestPlatform({ settings: { refreshTokenIdleSeconds: 30 * DAY } });
    keeping = await addPartner(p, 'Keeping Bank');
    rotating = await addPartner(p, 'Rotating Bank', { rotate: 'always' });
    short = await addPartner(p, 'Short Bank', { refreshTokenTtlSeconds: 50 * DAY });
  });
  after(() => p.close());

  async function link(partner: TestPartner) {
    const email = `idle${++n}@example.com`;
    assert.equal((await partner.signup({ email, registrationCode: CODE })).status, 200);
    const res = await partner.userTokens(email);
    assert.equal(res.status, 200);
    return res.body as Record<string, string | number>;
  }
  const works = async (token: string) => (await get(`${p.url}/v1/me`, bearer(token))).status === 200;

  test('never rotating: each refresh renews the same token for 30 days, far past the first 30', async () => {
    const first = await link(keeping);
    assert.equal(first.refresh_token_expires_in, 30 * DAY - 1);
    for (let day = 20; day <= 100; day += 20) {
      p.clock.advance(20 * DAY);
      const next = await keeping.refresh(first.refresh_token as string);
      assert.equal(next.status, 200, `day ${day}: ${next.text}`);
      assert.equal(next.body.refresh_token, first.refresh_token, 'the token itself is kept');
      assert.equal(next.body.refresh_token_expires_in, 30 * DAY - 1);
      assert.ok(await works(next.body.access_token));
    }
  });

  test('unused for 30 days, the refresh token has expired', async () => {
    const first = await link(keeping);
    p.clock.advance(30 * DAY);
    const res = await keeping.refresh(first.refresh_token as string);
    assert.deepEqual(res.body, { error: 'invalid_grant', error_description: INVALID });
  });

  test('rotating: the new token is renewed the same way', async () => {
    let current = (await link(rotating)).refresh_token as string;
    for (let i = 0; i < 3; i++) {
      p.clock.advance(25 * DAY);
      const next = await rotating.refresh(current);
      assert.equal(next.status, 200, next.text);
      assert.notEqual(next.body.refresh_token, current);
      assert.equal(next.body.refresh_token_expires_in, 30 * DAY - 1);
      current = next.body.refresh_token;
    }
  });

  test("never past the client's own lifetime, however often it is used", async () => {
    const first = await link(short);
    p.clock.advance(29 * DAY);
    const next = await short.refresh(first.refresh_token as string);
    assert.equal(next.body.refresh_token_expires_in, 21 * DAY - 1);
    p.clock.advance(21 * DAY);
    assert.equal((await short.refresh(first.refresh_token as string)).body.error_description, INVALID);
  });
});

describe('by default (Wise): no idle lifetime for a confidential client', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform();
  });
  after(() => p.close());

  test('unused for a year, the refresh token still works, and a refresh leaves its 20-year expiry as it was', async () => {
    const partner = await addPartner(p, 'Wise-like Bank');
    assert.equal((await partner.signup({ email: 'wise@example.com', registrationCode: CODE })).status, 200);
    const first = (await partner.userTokens('wise@example.com')).body;
    p.clock.advance(365 * DAY);
    const next = await partner.refresh(first.refresh_token);
    assert.equal(next.status, 200, next.text);
    assert.equal(next.body.refresh_token_expires_at, first.refresh_token_expires_at);
  });
});
