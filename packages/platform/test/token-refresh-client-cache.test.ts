import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { registerClient } from '../src/clients/register.js';
import { BACKEND } from './store/support.js';
import { basic, postForm, startTestPlatform, type TestPlatform } from './support/index.js';
import { addPartner, CODE } from './support/partner.js';

/**
 * Issue 14: the refresh grant may authenticate its client from the instance's recent read of it, because the
 * statement that locks the grant confirms the client as registered (contract §5; store/refresh-lock.ts). A
 * client changed on another instance is refused, or served as it is now, at once, within the cache window.
 */
describe(`refresh_token with a recently read client, across instances (${BACKEND})`, () => {
  let a: TestPlatform;
  let b: TestPlatform;
  let n = 0;
  before(async () => {
    a = await startTestPlatform();
    // A second instance on the same database, with stores (and so recent client reads) of its own.
    b = await startTestPlatform({ db: a.db, clock: a.clock });
  });
  after(async () => {
    await b.close();
    await a.close();
  });
  const refreshAt = (p: TestPlatform, clientId: string, secret: string, refreshToken: string) =>
    postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      { authorization: basic(clientId, secret) },
    );
  /** A partner on instance a with one user's first refresh token. */
  async function partnerWithGrant(secret: string) {
    const partner = await addPartner(a, 'Test Bank', { clientSecret: secret });
    const email = `cached${++n}@example.com`;
    assert.equal((await partner.signup({ email, registrationCode: CODE })).status, 200);
    const tokens = await partner.userTokens(email);
    assert.equal(tokens.status, 200);
    return { clientId: partner.clientId, refresh: tokens.body.refresh_token as string };
  }
  const reRegister = (clientId: string, changes: { clientSecret?: string; rotate?: 'never' | 'always' }) =>
    registerClient(b.platform, {
      clientId,
      name: 'Test Bank',
      redirectUris: ['https://bank.example/callback'],
      ...changes,
    });

  test('a secret rotated on one instance: the old secret cannot refresh on the other, which read the client', async () => {
    const { clientId, refresh } = await partnerWithGrant('first secret');
    // Instance a reads the client now and would reuse the record for a few seconds.
    assert.equal((await refreshAt(a, clientId, 'first secret', refresh)).status, 200);
    await reRegister(clientId, { clientSecret: 'second secret' });
    const old = await refreshAt(a, clientId, 'first secret', refresh);
    assert.equal(old.status, 401);
    assert.equal(old.body.error, 'invalid_client');
    const now = await refreshAt(a, clientId, 'second secret', refresh);
    assert.equal(now.status, 200);
    assert.equal(now.body.refresh_token, refresh);
    assert.equal((await refreshAt(b, clientId, 'first secret', refresh)).status, 401);
  });

  test('rotation turned on at one instance: the other rotates the very next refresh', async () => {
    const { clientId, refresh } = await partnerWithGrant('a secret');
    const kept = await refreshAt(a, clientId, 'a secret', refresh);
    assert.equal(kept.status, 200);
    assert.equal(kept.body.refresh_token, refresh);
    await reRegister(clientId, { clientSecret: 'a secret', rotate: 'always' });
    // Past the duplicates window (contract §5), so the next refresh is a new one, not a repeat of the last.
    a.clock.advance(3600);
    const rotated = await refreshAt(a, clientId, 'a secret', refresh);
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.refresh_token, refresh);
    // The presented token is retired: a later use, past the duplicates window, is reuse.
    a.clock.advance(3600);
    const reused = await refreshAt(a, clientId, 'a secret', refresh);
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error, 'invalid_grant');
  });

  test('a changed client is re-read once: an unknown refresh token still gets invalid_grant', async () => {
    const { clientId } = await partnerWithGrant('one secret');
    assert.equal((await refreshAt(a, clientId, 'one secret', 'no such token')).status, 400);
    await reRegister(clientId, { clientSecret: 'other secret' });
    const res = await refreshAt(a, clientId, 'other secret', 'no such token');
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_grant');
  });
});
