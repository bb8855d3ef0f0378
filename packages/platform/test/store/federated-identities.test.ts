import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at, BACKEND, inParallel, storeFixture, t0 } from './support.js';

/** Issue 16: provider identities linked to accounts, and the relying party's single-use trips. */
const f = storeFixture(async (f) => {
  await f.addClient('fbank');
});

const newInteraction = (uid: string) =>
  f.stores.interactions.create(
    {
      uid,
      browserHash: 'b',
      clientId: 'fbank',
      entry: 'authorize',
      delivery: 'redirect',
      redirectUri: 'https://bank.example/callback',
      sealedState: null,
      codeChallenge: null,
      userId: null,
      passwordAt: null,
      secondFactorAt: null,
      expiresAt: at(3600),
    },
    t0,
  );

describe(`FederatedIdentityStore (${BACKEND})`, () => {
  test('link once per (provider, subject); find and list what was linked', async () => {
    const user = await f.newUser();
    const other = await f.newUser();
    const identity = { provider: 'google', subject: 's1', userId: user.id, email: user.email, linkedAt: t0 };
    assert.equal(await f.stores.federatedIdentities.link(identity), true);
    assert.equal(await f.stores.federatedIdentities.link({ ...identity, userId: other.id }), false, 'taken');
    assert.deepEqual(await f.stores.federatedIdentities.find('google', 's1'), identity);
    assert.equal(await f.stores.federatedIdentities.find('other', 's1'), null, 'per provider');
    assert.equal(await f.stores.federatedIdentities.link({ ...identity, provider: 'other' }), true);
    assert.equal((await f.stores.federatedIdentities.listForUser(user.id)).length, 2);
    assert.deepEqual(await f.stores.federatedIdentities.listForUser(other.id), []);
  });

  test('10 parallel first logins of one identity to different accounts: exactly one link', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => f.newUser()));
    const results = await inParallel(10, (i) =>
      f.stores.federatedIdentities.link({
        provider: 'google',
        subject: 'race',
        userId: users[i]!.id,
        email: users[i]!.email,
        linkedAt: t0,
      }),
    );
    assert.equal(results.filter(Boolean).length, 1);
    const winner = users[results.indexOf(true)]!;
    assert.equal((await f.stores.federatedIdentities.find('google', 'race'))!.userId, winner.id);
  });

  test('linkAndReclaim marks a partner-created account reclaimed and ends its sessions, once', async () => {
    const user = await f.newUser('fbank');
    await f.stores.sessions.create('sess-h', user.id, t0, at(3600));
    const identity = {
      provider: 'google',
      subject: 'claim',
      userId: user.id,
      email: user.email,
      linkedAt: at(5),
    };
    const results = await inParallel(5, () => f.stores.federatedIdentities.linkAndReclaim(identity));
    assert.equal(results.filter(Boolean).length, 1);
    assert.deepEqual((await f.stores.users.findById(user.id))!.reclaimedAt, at(5));
    assert.equal(await f.stores.sessions.findUser('sess-h', at(1)), null);
  });

  test('a trip is consumed once, never after it expires, and goes with its interaction', async () => {
    await newInteraction('fed-i1');
    const trip = { interactionUid: 'fed-i1', provider: 'google', sealed: 'v1.x.y.z' };
    await f.stores.federatedIdentities.startLogin('st1', trip, t0, at(600));
    await f.stores.federatedIdentities.startLogin('st2', trip, t0, at(600));
    const results = await inParallel(10, () => f.stores.federatedIdentities.consumeLogin('st1', at(1)));
    assert.deepEqual(
      results.filter((r) => r !== null),
      [trip],
      'one of ten parallel callbacks',
    );
    assert.equal(await f.stores.federatedIdentities.consumeLogin('st2', at(600)), null, 'expired');
    assert.equal(await f.stores.federatedIdentities.consumeLogin('unknown', at(1)), null);
  });
});
