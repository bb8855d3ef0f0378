import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HASH, hashClaimAccountCode, hashSecret } from '../src/crypto/hashes.js';
import { clientToken, registrationCode, signup, userToken } from './mail/helpers.js';
import {
  basic,
  bearer,
  postForm,
  postJson,
  startTestPlatform,
  TEST_SERVER_SECRET,
  type TestPlatform,
} from './support/index.js';

const SECRET = Buffer.from(TEST_SERVER_SECRET, 'hex');

describe('POST /v1/user/claim-account (contract §7)', () => {
  let p: TestPlatform;
  let partner: { clientId: string; clientSecret: string };
  let n = 0;
  const claim = (token: string, body: unknown) =>
    postJson(`${p.url}/v1/user/claim-account`, body, bearer(token));

  /** A user created by the partner, with a user token from the registration-code grant. */
  async function apiUser() {
    const email = `claim${++n}@example.com`;
    const code = registrationCode();
    assert.equal(
      (await signup(p, await clientToken(p, partner), { email, registrationCode: code })).status,
      200,
    );
    const user = (await p.platform.stores.users.findByEmailKey(email))!;
    return { email, code, user, token: await userToken(p, partner, email, code) };
  }

  before(async () => {
    p = await startTestPlatform();
    partner = await p.addClient({ name: 'Claiming Bank' });
  });
  after(() => p.close());

  test('returns a claim-account code valid 5 minutes, stored only as a keyed hash, used once', async () => {
    const { code, user, token } = await apiUser();
    const res = await claim(token, { registrationCode: code });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(Object.keys(res.body), ['claimAccountCode']);
    const { claimAccountCode } = res.body;
    assert.match(claimAccountCode, /^[A-Za-z0-9_-]{43}$/);

    const { rows } = await p.db.query<any>('select * from claim_account_codes where user_id = $1', [user.id]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].code_hash, hashClaimAccountCode(SECRET, claimAccountCode));
    assert.equal(rows[0].client_id, partner.clientId);
    assert.deepEqual(rows[0].created_at, p.clock.now());
    assert.deepEqual(rows[0].expires_at, new Date(p.clock.now().getTime() + 5 * 60_000));
    assert.equal(rows[0].consumed_at, null);

    const store = p.platform.stores.claimAccountCodes;
    const hash = hashClaimAccountCode(SECRET, claimAccountCode);
    assert.equal(await store.consume(hash, 'another-client', p.clock.now()), null, 'bound to the partner');
    const used = await store.consume(hash, partner.clientId, p.clock.now());
    assert.equal(used?.userId, user.id);
    assert.equal(await store.consume(hash, partner.clientId, p.clock.now()), null, 'single use');
  });

  test('a code expires after 5 minutes', async () => {
    const { code, token } = await apiUser();
    const { claimAccountCode } = (await claim(token, { registrationCode: code })).body;
    const store = p.platform.stores.claimAccountCodes;
    const hash = hashClaimAccountCode(SECRET, claimAccountCode);
    p.clock.advance(5 * 60);
    assert.equal(await store.consume(hash, partner.clientId, p.clock.now()), null);
  });

  test('a wrong registration code: 422 ERROR on registrationCode, and no code stored', async () => {
    const { user, token } = await apiUser();
    for (const wrong of [registrationCode(), '', 'short']) {
      const res = await claim(token, { registrationCode: wrong });
      assert.equal(res.status, 422);
      assert.deepEqual(res.body, {
        errors: [
          {
            code: 'ERROR',
            message: 'The registration code does not match this user.',
            path: 'registrationCode',
            arguments: [],
          },
        ],
      });
    }
    const { rows } = await p.db.query('select 1 from claim_account_codes where user_id = $1', [user.id]);
    assert.equal(rows.length, 0);
  });

  // Issue 12: a registration code checked here is a guess like one at the grant, and counts on the same
  // counter (per client and email), taken under its lock, so parallel guesses cannot pass it either.
  test('50 parallel wrong codes: 10 are checked, the rest 429; then the right one is 429 here and at the grant', async () => {
    const { email, code, token } = await apiUser();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => claim(token, { registrationCode: registrationCode() })),
    );
    const count = (status: number) => results.filter((r) => r.status === status).length;
    assert.deepEqual([count(422), count(429)], [10, 40]);
    const refused = results.find((r) => r.status === 429)!;
    assert.equal(refused.body.errors[0].code, 'TOO_MANY_REQUESTS');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal((await claim(token, { registrationCode: code })).status, 429, 'not even the right code');
    const grant = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'registration_code', client_id: partner.clientId, email, registration_code: code },
      { authorization: basic(partner.clientId, partner.clientSecret) },
    );
    assert.equal(grant.status, 429, 'one counter for both ways of checking a code');
    p.clock.advance(15 * 60);
    assert.equal((await claim(token, { registrationCode: code })).status, 200, 'the window ends');
  });

  test('guesses at the grant count here too', async () => {
    const { email, code, token } = await apiUser();
    const guesses = await Promise.all(
      Array.from({ length: 10 }, () =>
        postForm(
          `${p.url}/oauth/token`,
          {
            grant_type: 'registration_code',
            client_id: partner.clientId,
            email,
            registration_code: registrationCode(),
          },
          { authorization: basic(partner.clientId, partner.clientSecret) },
        ),
      ),
    );
    assert.ok(guesses.every((r) => r.status === 401));
    assert.equal((await claim(token, { registrationCode: code })).status, 429);
  });

  test('missing or mistyped registrationCode: 400', async () => {
    const { token } = await apiUser();
    for (const body of [{}, { registrationCode: null }]) {
      const res = await claim(token, body);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, {
        errors: [{ code: 'NotNull', message: 'must not be null', path: 'registrationCode', arguments: [] }],
      });
    }
    const typed = await claim(token, { registrationCode: 42 });
    assert.equal(typed.status, 400);
    assert.equal(typed.body.errors[0].code, 'TypeMismatch');
    const notObject = await claim(token, '[]');
    assert.equal(notObject.status, 400);
  });

  test('a reclaimed account: 409 ACCOUNT_ALREADY_CLAIMED', async () => {
    const { code, user, token } = await apiUser();
    await p.db.query('update users set reclaimed_at = $2 where id = $1', [user.id, p.clock.now()]);
    const res = await claim(token, { registrationCode: code });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, {
      errors: [
        {
          code: 'ACCOUNT_ALREADY_CLAIMED',
          message: 'The owner has already claimed this account; link it through the authorization flow.',
          arguments: [],
        },
      ],
    });
  });

  test('a client token: 403; no token or a bad one: 401', async () => {
    const { code } = await apiUser();
    const res = await claim(await clientToken(p, partner), { registrationCode: code });
    assert.equal(res.status, 403);
    assert.equal(res.body.error, 'insufficient_scope');
    assert.equal((await postJson(`${p.url}/v1/user/claim-account`, { registrationCode: code })).status, 401);
    assert.equal((await claim('not-a-token', { registrationCode: code })).status, 401);
  });

  test('a user token from another grant type, or for a user another partner created: 403', async () => {
    const { code, user } = await apiUser();
    const access = 'linked-token-of-an-authorization-code-grant-0000';
    await p.platform.stores.grants.create(
      {
        clientId: partner.clientId,
        userId: user.id,
        grantType: 'authorization_code',
        profileIds: [],
        accessTokenHash: hashSecret(SECRET, HASH.accessToken, access),
        accessExpiresAt: new Date(p.clock.now().getTime() + 3600_000),
        refreshTokenHash: null,
        refreshExpiresAt: null,
      },
      p.clock.now(),
    );
    const linked = await claim(access, { registrationCode: code });
    assert.equal(linked.status, 403);

    const other = await p.addClient({ name: 'Other Bank' });
    const foreign = 'registration-code-token-of-another-partner-000';
    await p.platform.stores.grants.create(
      {
        clientId: other.clientId,
        userId: user.id,
        grantType: 'registration_code',
        profileIds: [],
        accessTokenHash: hashSecret(SECRET, HASH.accessToken, foreign),
        accessExpiresAt: new Date(p.clock.now().getTime() + 3600_000),
        refreshTokenHash: null,
        refreshExpiresAt: null,
      },
      p.clock.now(),
    );
    assert.equal((await claim(foreign, { registrationCode: code })).status, 403);
  });
});
