import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { clientToken, registrationCode, signup } from '../mail/helpers.js';
import {
  basic,
  bearer,
  get,
  PERSONAL,
  postForm,
  postJson,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';

interface Grant {
  id: string;
  clientId: string;
  userId: number | null;
  grantType: string;
  revokedAt: string | null;
  refreshToken: { expiresAt: string | null; expired: boolean } | null;
  accessTokens: { id: number; expiresAt: string; revokedAt: string | null }[];
}

describe('sandbox listings and grants by id', () => {
  let p: TestPlatform;
  let partner: { clientId: string; clientSecret: string };
  let n = 0;

  const token = (body: Record<string, string>) =>
    postForm(`${p.url}/oauth/token`, body, { authorization: basic(partner.clientId, partner.clientSecret) });
  const me = (access: string) => get(`${p.url}/v1/me`, bearer(access));
  const grants = async (query = '') => (await get(`${p.url}/_sandbox/grants${query}`)).body.grants as Grant[];

  /** A partner-created user with a registration-code grant: its id, tokens and grant id. */
  async function linked() {
    const email = `listed${++n}@example.com`;
    const code = registrationCode();
    const created = await signup(p, await clientToken(p, partner), { email, registrationCode: code });
    assert.equal(created.status, 200);
    const res = await token({
      grant_type: 'registration_code',
      client_id: partner.clientId,
      email,
      registration_code: code,
    });
    assert.equal(res.status, 200);
    const userId = created.body.id as number;
    const grant = (await grants(`?userId=${userId}`))[0]!;
    return {
      email,
      userId,
      access: res.body.access_token as string,
      refresh: res.body.refresh_token as string,
      grant,
    };
  }

  before(async () => {
    p = await startTestPlatform();
    partner = await p.addClient({ name: 'Listing Bank' });
  });
  after(() => p.close());

  test('GET /_sandbox/users: profiles, 2FA, lock and reclaim state, no secret', async () => {
    await seedPerson(p, {
      email: 'ada@example.com',
      password: 'a long password for ada',
      totpSecret: 'JBSWY3DPEHPK3PXP',
      profiles: [PERSONAL],
    });
    const { email } = await linked();
    await postJson(`${p.url}/_sandbox/users/${encodeURIComponent(email)}/reclaim`, {});
    const res = await get(`${p.url}/_sandbox/users`);
    assert.equal(res.status, 200);
    const users = res.body.users as Record<string, unknown>[];
    const ada = users.find((u) => u['email'] === 'ada@example.com')!;
    assert.equal(ada['twoFactor'], true);
    assert.equal(ada['passwordSet'], true);
    assert.equal(ada['locked'], false);
    assert.equal(ada['reclaimed'], false);
    assert.equal(ada['state'], 'ACTIVE');
    const [profile] = ada['profiles'] as Record<string, unknown>[];
    assert.equal(profile!['name'], 'Ada Lovelace');
    assert.equal(profile!['type'], 'PERSONAL');
    assert.equal(profile!['verificationState'], 'not_verified');
    const partnerMade = users.find((u) => u['email'] === email)!;
    assert.equal(partnerMade['createdByClientId'], partner.clientId);
    assert.equal(partnerMade['hasRegistrationCode'], true);
    assert.equal(partnerMade['twoFactor'], false);
    assert.equal(partnerMade['reclaimed'], true);
    assert.doesNotMatch(res.text, /hash|secret|\$argon2|v1\./i, 'no secret, no hash of one');
  });

  test('GET /_sandbox/clients: no secret, only that there is one', async () => {
    const res = await get(`${p.url}/_sandbox/clients`);
    assert.equal(res.status, 200);
    const listed = (res.body.clients as Record<string, unknown>[]).find(
      (c) => c['clientId'] === partner.clientId,
    )!;
    assert.equal(listed['name'], 'Listing Bank');
    assert.equal(listed['hasSecret'], true);
    assert.equal(listed['public'], false);
    assert.deepEqual(listed['redirectUris'], ['https://bank.example/callback']);
    assert.equal(res.text.includes(partner.clientSecret), false);
    assert.doesNotMatch(res.text, /secret_?hash/i);
  });

  test('GET /_sandbox/grants: live grants with tokens by id, never a token or its hash', async () => {
    const { access, refresh, grant, userId } = await linked();
    assert.equal(grant.clientId, partner.clientId);
    assert.equal(grant.userId, userId);
    assert.equal(grant.grantType, 'registration_code');
    assert.equal(grant.revokedAt, null);
    assert.equal(grant.refreshToken?.expired, false);
    assert.equal(grant.accessTokens.length, 1);
    assert.equal(typeof grant.accessTokens[0]!.id, 'number');
    // A refresh replaces the access token: the listing shows the new one only.
    assert.equal((await token({ grant_type: 'refresh_token', refresh_token: refresh })).status, 200);
    const [after] = await grants(`?userId=${userId}`);
    assert.equal(after!.accessTokens.length, 1);
    assert.notEqual(after!.accessTokens[0]!.id, grant.accessTokens[0]!.id);
    const text = (await get(`${p.url}/_sandbox/grants?all=true`)).text;
    assert.equal(text.includes(access) || text.includes(refresh), false);
    assert.doesNotMatch(text, /hash/i);
    // Client-credentials grants are listed too, filtered by client.
    const ccGrants = (await grants(`?clientId=${partner.clientId}`)).filter((g) => g.userId === null);
    assert.ok(ccGrants.length > 0);
    assert.equal(ccGrants[0]!.refreshToken, null);
  });

  test('revoke by grant id: tokens stop working, the grant leaves the live list; again is the same answer', async () => {
    const { access, refresh, grant, userId } = await linked();
    const res = await postJson(`${p.url}/_sandbox/grants/${grant.id}/revoke`, {});
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { grantId: grant.id, revokedAt: p.clock.now().toISOString() });
    assert.equal((await me(access)).status, 401);
    assert.equal(
      (await token({ grant_type: 'refresh_token', refresh_token: refresh })).body.error,
      'invalid_grant',
    );
    assert.deepEqual(await grants(`?userId=${userId}`), []);
    const all = await grants(`?userId=${userId}&all=true`);
    assert.equal(all[0]!.revokedAt, res.body.revokedAt);
    p.clock.advance(5);
    const again = await fetch(`${p.url}/_sandbox/grants/${grant.id}/revoke`, { method: 'POST' });
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { revokedAt: string }).revokedAt, res.body.revokedAt);
  });

  test('expire by grant id: 401, the refresh still works; with refreshToken the refresh fails too', async () => {
    const one = await linked();
    const res = await postJson(`${p.url}/_sandbox/grants/${one.grant.id}/expire`, {});
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { grantId: one.grant.id, expiredAccessTokens: 1, refreshTokenExpired: false });
    assert.equal((await me(one.access)).status, 401);
    const fresh = await token({ grant_type: 'refresh_token', refresh_token: one.refresh });
    assert.equal(fresh.status, 200);
    assert.equal((await me(fresh.body.access_token)).status, 200);

    const two = await linked();
    const both = await fetch(`${p.url}/_sandbox/grants/${two.grant.id}/expire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: true }),
    });
    assert.equal(both.status, 200);
    assert.equal((await me(two.access)).status, 401);
    assert.equal(
      (await token({ grant_type: 'refresh_token', refresh_token: two.refresh })).body.error,
      'invalid_grant',
    );
    assert.deepEqual(await grants(`?userId=${two.userId}`), [], 'nothing live is left');
  });

  test('parallel revokes and expires of one grant: one revocation time, no error', async () => {
    const { grant, access } = await linked();
    const calls = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postJson(`${p.url}/_sandbox/grants/${grant.id}/${i % 2 ? 'revoke' : 'expire'}`, {}),
      ),
    );
    for (const c of calls) assert.ok(c.status === 200 || c.status === 404, String(c.status));
    const revoked = calls.filter((_c, i) => i % 2 === 1).map((c) => c.body.revokedAt);
    assert.equal(new Set(revoked).size, 1);
    assert.equal((await me(access)).status, 401);
  });

  test('unknown, garbage and revoked ids: 404 with a message, bad bodies and queries 400', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [unknown, 'not-a-uuid', '1', "x'; drop table grants; --", '%00', 'ä']) {
      for (const action of ['revoke', 'expire']) {
        const res = await postJson(`${p.url}/_sandbox/grants/${encodeURIComponent(id)}/${action}`, {});
        assert.equal(res.status, 404, `${action} ${id}`);
        assert.match(res.body.errors[0].message, /no (live )?grant with this id/);
      }
    }
    const { grant } = await linked();
    await postJson(`${p.url}/_sandbox/grants/${grant.id}/revoke`, {});
    assert.equal((await postJson(`${p.url}/_sandbox/grants/${grant.id}/expire`, {})).status, 404);
    const live = (await linked()).grant;
    for (const body of [{ refreshToken: 'yes' }, { other: true }, []]) {
      assert.equal((await postJson(`${p.url}/_sandbox/grants/${live.id}/expire`, body)).status, 400);
    }
    for (const q of ['?userId=abc', '?userId=0', '?userId=99999999999', '?all=maybe', '?clientId=']) {
      assert.equal((await get(`${p.url}/_sandbox/grants${q}`)).status, 400, q);
    }
  });
});
