// Contract §5 "Rotation" and "Duplicates": a rotating client's refresh replaces its refresh token; a
// replaced token presented after the grace window revokes the whole grant (RFC 9700 §4.14.2); a refresh
// repeated within the window, however many at once, answers the same working tokens.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HASH, hashSecret } from '../src/crypto/hashes.js';
import type { RefreshTokenRotation } from '../src/store/clients.js';
import {
  bearer,
  get,
  linkAccount,
  PageClient,
  PERSONAL,
  pkcePair,
  postForm,
  type Response,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';
import { addPartner, CODE, type TestPartner } from './support/partner.js';

const INVALID = 'The refresh token is invalid, expired or revoked.';
const REUSED =
  'The refresh token was already used and has been replaced; the grant is revoked as a precaution. Link the account again.';
const DAY = 24 * 3600;

describe('refresh token rotation (contract §5)', () => {
  let p: TestPlatform;
  let grace: number;
  const partners = new Map<RefreshTokenRotation, TestPartner>();
  let n = 0;
  before(async () => {
    p = await startTestPlatform();
    grace = p.platform.config.tokens.refreshGraceSeconds;
    partners.set('never', await addPartner(p, 'Keeping Bank'));
    partners.set('always', await addPartner(p, 'Rotating Bank', { rotate: 'always' }));
  });
  after(() => p.close());

  async function userTokens(rotate: RefreshTokenRotation) {
    const partner = partners.get(rotate)!;
    const email = `rot${++n}@example.com`;
    assert.equal((await partner.signup({ email, registrationCode: CODE })).status, 200);
    const res = await partner.userTokens(email);
    assert.equal(res.status, 200);
    return { partner, first: res.body as Record<string, string> };
  }
  const works = async (token: string) => (await get(`${p.url}/v1/me`, bearer(token))).status === 200;

  test('always: a refresh answers a new refresh token, and the new one refreshes in turn', async () => {
    const { partner, first } = await userTokens('always');
    const second = await partner.refresh(first.refresh_token!);
    assert.equal(second.status, 200);
    assert.notEqual(second.body.refresh_token, first.refresh_token);
    assert.match(second.body.refresh_token, /^[A-Za-z0-9_-]{43}$/);
    // A confidential client keeps its grant's lifetime; the token is new, its expiry is not.
    assert.equal(second.body.refresh_token_expires_at, first.refresh_token_expires_at);
    assert.equal(await works(first.access_token!), false);
    assert.ok(await works(second.body.access_token));
    p.clock.advance(grace);
    const third = await partner.refresh(second.body.refresh_token);
    assert.equal(third.status, 200);
    assert.notEqual(third.body.refresh_token, second.body.refresh_token);
    assert.ok(await works(third.body.access_token));
  });

  test('never: the refresh token is returned unchanged (Wise)', async () => {
    const { partner, first } = await userTokens('never');
    const second = await partner.refresh(first.refresh_token!);
    assert.equal(second.body.refresh_token, first.refresh_token);
  });

  test('a replaced refresh token presented after the grace window revokes the whole grant', async () => {
    const { partner, first } = await userTokens('always');
    const second = await partner.refresh(first.refresh_token!);
    p.clock.advance(grace);
    const reused = await partner.refresh(first.refresh_token!);
    assert.equal(reused.status, 400);
    assert.deepEqual(reused.body, { error: 'invalid_grant', error_description: REUSED });
    assert.equal(await works(second.body.access_token), false);
    const next = await partner.refresh(second.body.refresh_token);
    assert.deepEqual(next.body, { error: 'invalid_grant', error_description: INVALID });
  });

  test('an older token than the parent of the current one is reuse even within the window', async () => {
    const { partner, first } = await userTokens('always');
    const second = await partner.refresh(first.refresh_token!);
    const third = await partner.refresh(second.body.refresh_token);
    assert.equal(third.status, 200);
    const reused = await partner.refresh(first.refresh_token!);
    assert.equal(reused.body.error_description, REUSED);
    assert.equal(await works(third.body.access_token), false);
  });

  test('another client presenting a replaced token revokes nothing', async () => {
    const { partner, first } = await userTokens('always');
    const second = await partner.refresh(first.refresh_token!);
    p.clock.advance(grace);
    const stranger = await partners.get('never')!.refresh(first.refresh_token!);
    assert.deepEqual(stranger.body, { error: 'invalid_grant', error_description: INVALID });
    assert.ok(await works(second.body.access_token));
  });

  for (const rotate of ['never', 'always'] as const) {
    test(`${rotate}: a refresh repeated within the window answers the same tokens`, async () => {
      const { partner, first } = await userTokens(rotate);
      const second = await partner.refresh(first.refresh_token!);
      p.clock.advance(grace - 1);
      const repeat = await partner.refresh(first.refresh_token!);
      assert.equal(repeat.status, 200);
      assert.equal(repeat.body.access_token, second.body.access_token);
      assert.equal(repeat.body.refresh_token, second.body.refresh_token);
      assert.equal(repeat.body.expires_at, second.body.expires_at);
      assert.ok(await works(repeat.body.access_token));
    });

    test(`${rotate}: 20 concurrent refreshes of one token each return a working access token`, async () => {
      const { partner, first } = await userTokens(rotate);
      const results: Response[] = await Promise.all(
        Array.from({ length: 20 }, () => partner.refresh(first.refresh_token!)),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        Array(20).fill(200),
      );
      const used = await Promise.all(results.map((r) => works(r.body.access_token)));
      assert.deepEqual(used, Array(20).fill(true));
      assert.equal(new Set(results.map((r) => r.body.refresh_token)).size, 1);
      // The one refresh token they all got is the grant's current one.
      p.clock.advance(grace);
      const next = await partner.refresh(results[0]!.body.refresh_token);
      assert.equal(next.status, 200);
      assert.ok(await works(next.body.access_token));
    });
  }

  test('a repeat whose access token was revoked since is a new refresh (never)', async () => {
    const { partner, first } = await userTokens('never');
    const second = await partner.refresh(first.refresh_token!);
    const hash = hashSecret(p.platform.config.serverSecret, HASH.accessToken, second.body.access_token);
    const grant = await p.platform.stores.grants.findAccessToken(hash, p.clock.now());
    assert.ok(grant);
    await p.db.query('update access_tokens set revoked_at = $2 where grant_id = $1', [
      grant.grantId,
      p.clock.now(),
    ]);
    const again = await partner.refresh(first.refresh_token!);
    assert.equal(again.status, 200);
    assert.notEqual(again.body.access_token, second.body.access_token);
    assert.ok(await works(again.body.access_token));
  });
});

describe('public clients always rotate, with bounded lifetimes (contract §5)', () => {
  let p: TestPlatform;
  const person = { email: 'mobile@example.com', password: 'correct horse battery staple' };
  const REDIRECT = 'bank://wise/callback';
  let pub: { clientId: string; clientSecret: string };
  before(async () => {
    p = await startTestPlatform();
    pub = await p.addClient({ name: 'Mobile Bank', redirectUris: [REDIRECT], isPublic: true });
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
  });
  after(() => p.close());

  const token = (form: Record<string, string>) =>
    postForm(`${p.url}/oauth/token`, { client_id: pub.clientId, ...form });
  const refresh = (refreshToken: string) =>
    token({ grant_type: 'refresh_token', refresh_token: refreshToken });

  async function link() {
    const { verifier, challenge } = pkcePair();
    const callback = await linkAccount(p, new PageClient(p.url), {
      client: pub,
      redirectUri: REDIRECT,
      ...person,
      challenge,
    });
    const res = await token({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    assert.equal(res.status, 200, res.text);
    return res.body as Record<string, string | number>;
  }

  test('registered as always; a registration asking never for one is refused', async () => {
    assert.equal((await p.platform.stores.clients.find(pub.clientId))?.rotate, 'always');
    await assert.rejects(
      p.addClient({ name: 'Never Mobile', isPublic: true, rotate: 'never' }),
      /always rotates/,
    );
  });

  test('a public client rotates; its token lives 30 days unused and never past 180 days', async () => {
    const first = await link();
    assert.equal(first.refresh_token_expires_in, 30 * DAY - 1);
    let current = first.refresh_token as string;
    for (let day = 20; day < 180; day += 20) {
      p.clock.advance(20 * DAY);
      const next = await refresh(current);
      assert.equal(next.status, 200, `day ${day}: ${next.text}`);
      assert.notEqual(next.body.refresh_token, current);
      assert.equal(next.body.refresh_token_expires_in, Math.min(30 * DAY, (180 - day) * DAY) - 1);
      current = next.body.refresh_token;
    }
    p.clock.advance(20 * DAY);
    assert.equal((await refresh(current)).body.error_description, INVALID);
  });

  test('unused for 30 days, the refresh token has expired', async () => {
    const first = await link();
    p.clock.advance(30 * DAY);
    const res = await refresh(first.refresh_token as string);
    assert.deepEqual(res.body, { error: 'invalid_grant', error_description: INVALID });
  });
});

describe('with the grace window turned off (refreshGraceSeconds 0)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ settings: { refreshGraceSeconds: 0 } });
  });
  after(() => p.close());

  test('every refresh is new: of concurrent ones only the last access token works, and a rotating duplicate is reuse', async () => {
    const keeping = await addPartner(p, 'Keeping Bank');
    const rotating = await addPartner(p, 'Rotating Bank', { rotate: 'always' });
    const tokens = async (partner: TestPartner, email: string) => {
      assert.equal((await partner.signup({ email, registrationCode: CODE })).status, 200);
      return (await partner.userTokens(email)).body.refresh_token as string;
    };
    const works = async (token: string) => (await get(`${p.url}/v1/me`, bearer(token))).status === 200;

    const kept = await tokens(keeping, 'nograce1@example.com');
    const results = await Promise.all(Array.from({ length: 5 }, () => keeping.refresh(kept)));
    assert.deepEqual(
      results.map((r) => r.status),
      Array(5).fill(200),
    );
    const alive = await Promise.all(results.map((r) => works(r.body.access_token)));
    assert.equal(alive.filter(Boolean).length, 1);

    const rotated = await tokens(rotating, 'nograce2@example.com');
    const first = await rotating.refresh(rotated);
    const duplicate = await rotating.refresh(rotated);
    assert.equal(duplicate.body.error_description, REUSED);
    assert.equal(await works(first.body.access_token), false);
  });
});
