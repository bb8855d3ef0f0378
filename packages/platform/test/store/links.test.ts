import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { at, BACKEND, inParallel, storeFixture, t0 } from './support.js';

/** The single-use things the platform sends out: claim-account codes, emailed links, set-password links. */
const f = storeFixture(async (f) => {
  await f.addClient('lbank');
  await f.addClient('lother');
});

describe(`ClaimAccountCodeStore (${BACKEND})`, () => {
  const create = async (codeHash: string) => {
    const user = await f.newUser('lbank');
    await f.stores.claimAccountCodes.create({
      codeHash,
      clientId: 'lbank',
      userId: user.id,
      createdAt: t0,
      expiresAt: at(300),
    });
    return user;
  };

  test('consume: once, only by the partner that asked, only while live', async () => {
    const user = await create('k1');
    assert.equal(await f.stores.claimAccountCodes.consume('k1', 'lother', at(1)), null, 'another partner');
    assert.deepEqual(await f.stores.claimAccountCodes.consume('k1', 'lbank', at(1)), {
      clientId: 'lbank',
      userId: user.id,
      createdAt: t0,
      expiresAt: at(300),
      consumedAt: at(1),
    });
    assert.equal(await f.stores.claimAccountCodes.consume('k1', 'lbank', at(2)), null, 'single use');
    await create('k2');
    assert.equal(await f.stores.claimAccountCodes.consume('k2', 'lbank', at(300)), null, 'expired');
    assert.equal(await f.stores.claimAccountCodes.consume('unknown', 'lbank', at(1)), null);
  });

  test('10 concurrent consumes of one code: exactly one winner', async () => {
    await create('k3');
    const results = await inParallel(10, () => f.stores.claimAccountCodes.consume('k3', 'lbank', at(1)));
    assert.equal(results.filter((r) => r !== null).length, 1);
  });
});

describe(`EmailAuthorizationStore (${BACKEND})`, () => {
  test('create returns the link; consume returns it once, never after it expires', async () => {
    const user = await f.newUser();
    const link = { clientId: 'lbank', userId: user.id, createdAt: t0, expiresAt: at(1800) };
    const created = await f.stores.emailAuthorizations.create({ tokenHash: 'e1', ...link });
    assert.deepEqual({ ...created, id: null }, { ...link, id: null, consumedAt: null, interactionUid: null });
    const used = await f.stores.emailAuthorizations.consume('e1', at(1));
    assert.deepEqual(used, { ...created, consumedAt: at(1) });
    assert.equal(await f.stores.emailAuthorizations.consume('e1', at(2)), null);
    await f.stores.emailAuthorizations.create({ tokenHash: 'e2', ...link });
    assert.equal(await f.stores.emailAuthorizations.consume('e2', at(1800)), null, 'expired');
  });

  test('find answers in any state; a used link keeps its interaction until the interaction is purged', async () => {
    const user = await f.newUser();
    const link = { clientId: 'lbank', userId: user.id, createdAt: t0, expiresAt: at(1800) };
    assert.equal(await f.stores.emailAuthorizations.find('e4'), null, 'unknown');
    const created = await f.stores.emailAuthorizations.create({ tokenHash: 'e4', ...link });
    assert.deepEqual(await f.stores.emailAuthorizations.find('e4'), created);
    await f.stores.emailAuthorizations.consume('e4', at(1));
    await f.stores.interactions.create(
      {
        uid: 'link-flow-e4',
        browserHash: 'b',
        clientId: 'lbank',
        entry: 'email',
        delivery: 'display',
        redirectUri: null,
        sealedState: null,
        codeChallenge: null,
        userId: null,
        passwordAt: null,
        secondFactorAt: null,
        expiresAt: at(3600),
      },
      at(1),
    );
    await f.stores.emailAuthorizations.attachInteraction(created.id, 'link-flow-e4');
    const used = await f.stores.emailAuthorizations.find('e4');
    assert.equal(used?.interactionUid, 'link-flow-e4');
    assert.deepEqual(used?.consumedAt, at(1));
    // The purge deletes the interaction before the link: the reference lets go (on delete set null).
    await f.stores.retention.purgeExpired(at(3600 + 24 * 3600 + 1));
    assert.equal(await f.stores.interactions.find('link-flow-e4'), null);
  });

  test('10 concurrent consumes of one link: exactly one winner', async () => {
    const user = await f.newUser();
    await f.stores.emailAuthorizations.create({
      tokenHash: 'e3',
      clientId: 'lbank',
      userId: user.id,
      createdAt: t0,
      expiresAt: at(1800),
    });
    const results = await inParallel(10, () => f.stores.emailAuthorizations.consume('e3', at(1)));
    assert.equal(results.filter((r) => r !== null).length, 1);
  });

  test('takeSendSlot: one send per user and partner per window; other partners have their own slot', async () => {
    const user = await f.newUser();
    const slot = (clientId: string, seconds: number) =>
      f.stores.emailAuthorizations.takeSendSlot(user.id, clientId, at(seconds), 60);
    assert.equal(await slot('lbank', 0), true);
    assert.equal(await slot('lbank', 59), false);
    assert.equal(await slot('lother', 59), true, 'per partner');
    assert.equal(await slot('lbank', 60), true, 'the window has passed');
    assert.equal(await slot('lbank', 100), false, 'the slot moved to the last send');
  });

  test('10 concurrent takeSendSlot: exactly one gets the slot', async () => {
    const user = await f.newUser();
    const results = await inParallel(10, () =>
      f.stores.emailAuthorizations.takeSendSlot(user.id, 'lbank', at(0), 60),
    );
    assert.equal(results.filter(Boolean).length, 1);
  });
});

describe(`PasswordResetStore (${BACKEND})`, () => {
  const link = (tokenHash: string, userId: number, createdAt = t0) => ({
    tokenHash,
    userId,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + 1800_000),
  });

  test('findLive does not use the link; consume uses it once; both refuse it once expired', async () => {
    const user = await f.newUser();
    await f.stores.passwordResets.create(link('p1', user.id));
    const live = { userId: user.id, expiresAt: at(1800) };
    assert.deepEqual(await f.stores.passwordResets.findLive('p1', at(1)), live);
    assert.deepEqual(await f.stores.passwordResets.findLive('p1', at(2)), live, 'still there');
    assert.equal(await f.stores.passwordResets.findLive('p1', at(1800)), null, 'expired');
    assert.deepEqual(await f.stores.passwordResets.consume('p1', at(3)), live);
    assert.equal(await f.stores.passwordResets.consume('p1', at(4)), null, 'single use');
    assert.equal(await f.stores.passwordResets.findLive('p1', at(4)), null, 'used');
  });

  test('10 concurrent consumes of one link: exactly one winner', async () => {
    const user = await f.newUser();
    await f.stores.passwordResets.create(link('p2', user.id));
    const results = await inParallel(10, () => f.stores.passwordResets.consume('p2', at(1)));
    assert.equal(results.filter((r) => r !== null).length, 1);
  });

  test('countSince counts the links sent to one user after a moment', async () => {
    const user = await f.newUser();
    for (const s of [0, 100, 200]) await f.stores.passwordResets.create(link(`pc${s}`, user.id, at(s)));
    assert.equal(await f.stores.passwordResets.countSince(user.id, at(-1)), 3);
    assert.equal(await f.stores.passwordResets.countSince(user.id, at(100)), 1, 'strictly after');
    assert.equal(await f.stores.passwordResets.countSince((await f.newUser()).id, at(-1)), 0);
  });

  test('setPasswordAndReclaim: password set, a partner-made account reclaimed, sessions ended', async () => {
    const made = await f.newUser('lbank');
    const own = await f.newUser();
    for (const u of [made, own]) await f.stores.sessions.create(`s-${u.id}`, u.id, t0, at(3600));
    await f.stores.passwordResets.setPasswordAndReclaim(made.id, 'hash-1', at(5));
    await f.stores.passwordResets.setPasswordAndReclaim(own.id, 'hash-2', at(5));
    assert.equal((await f.stores.credentials.findById(made.id))?.passwordHash, 'hash-1');
    assert.deepEqual((await f.stores.users.findById(made.id))?.reclaimedAt, at(5));
    assert.equal((await f.stores.users.findById(own.id))?.reclaimedAt, null, 'nothing to reclaim');
    assert.equal(await f.stores.sessions.findUser(`s-${made.id}`, at(6)), null);
    assert.equal(await f.stores.sessions.findUser(`s-${own.id}`, at(6)), null);
    await f.stores.passwordResets.setPasswordAndReclaim(made.id, 'hash-3', at(9));
    assert.deepEqual((await f.stores.users.findById(made.id))?.reclaimedAt, at(5), 'the first date stays');
  });

  test('lockUser in a transaction makes concurrent check-then-create units run one after the other', async () => {
    const user = await f.newUser();
    // Each unit sends a link only when none was sent yet: without the lock both could see 0.
    const results = await inParallel(5, (i) =>
      f.stores.transaction(async (s) => {
        await s.passwordResets.lockUser(user.id);
        if ((await s.passwordResets.countSince(user.id, at(-1))) > 0) return false;
        await s.passwordResets.create(link(`pl${i}`, user.id));
        return true;
      }),
    );
    assert.equal(results.filter(Boolean).length, 1);
    assert.equal(await f.stores.passwordResets.countSince(user.id, at(-1)), 1);
  });
});
