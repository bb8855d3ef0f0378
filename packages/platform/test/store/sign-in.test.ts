import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewInteraction } from '../../src/store/interactions.js';
import { emailKey } from '../../src/store/users.js';
import { at, BACKEND, inParallel, personalProfile, storeFixture, t0 } from './support.js';

/** What the hosted pages keep while someone signs in: credentials, sessions, interactions. */
const f = storeFixture((f) => f.addClient('sbank'));

describe(`CredentialStore (${BACKEND})`, () => {
  test('a new user has no password and no 2FA; setPassword and setTotpSecret change them', async () => {
    const user = await f.newUser();
    const none = { userId: user.id, active: true, passwordHash: null, totpSecret: null, sandboxTotp: false };
    assert.deepEqual(await f.stores.credentials.findById(user.id), none);
    assert.deepEqual(await f.stores.credentials.findByEmailKey(emailKey(user.email.toUpperCase())), none);
    await f.stores.credentials.setPassword(user.id, 'pw-hash');
    await f.stores.credentials.setTotpSecret(user.id, 'sealed');
    assert.deepEqual(await f.stores.credentials.findById(user.id), {
      ...none,
      passwordHash: 'pw-hash',
      totpSecret: 'sealed',
    });
    assert.equal(await f.stores.credentials.findById(999_999), null);
    assert.equal(await f.stores.credentials.findByEmailKey('nobody@example.com'), null);
  });

  test('acceptTotpStep: only a later step than the last one is accepted; a new seed starts over', async () => {
    const user = await f.newUser();
    assert.equal(await f.stores.credentials.acceptTotpStep(user.id, 100), true);
    assert.equal(await f.stores.credentials.acceptTotpStep(user.id, 100), false, 'replayed');
    assert.equal(await f.stores.credentials.acceptTotpStep(user.id, 99), false, 'earlier');
    assert.equal(await f.stores.credentials.acceptTotpStep(user.id, 101), true);
    await f.stores.credentials.setTotpSecret(user.id, 'another');
    assert.equal(await f.stores.credentials.acceptTotpStep(user.id, 50), true);
  });

  test('10 concurrent uses of one TOTP step: exactly one accepted', async () => {
    const user = await f.newUser();
    const results = await inParallel(10, () => f.stores.credentials.acceptTotpStep(user.id, 7));
    assert.equal(results.filter(Boolean).length, 1);
  });
});

describe(`SessionStore (${BACKEND})`, () => {
  test('findUser while the session lives; remove ends it', async () => {
    const user = await f.newUser();
    await f.stores.sessions.create('sess-1', user.id, t0, at(60));
    assert.equal(await f.stores.sessions.findUser('sess-1', at(59)), user.id);
    assert.equal(await f.stores.sessions.findUser('sess-1', at(60)), null, 'expired');
    await f.stores.sessions.remove('sess-1');
    assert.equal(await f.stores.sessions.findUser('sess-1', at(1)), null, 'removed');
    assert.equal(await f.stores.sessions.findUser('unknown', at(1)), null);
  });
});

describe(`InteractionStore (${BACKEND})`, () => {
  const interaction = (uid: string, over: Partial<NewInteraction> = {}): NewInteraction => ({
    uid,
    browserHash: 'browser',
    clientId: 'sbank',
    entry: 'authorize',
    delivery: 'redirect',
    redirectUri: 'https://bank.example/callback',
    sealedState: 'v1.sealed-st',
    codeChallenge: null,
    userId: null,
    passwordAt: null,
    secondFactorAt: null,
    expiresAt: at(900),
    ...over,
  });

  test('create then find: the interaction as created, nothing decided yet', async () => {
    await f.stores.interactions.create(interaction('i1'), t0);
    const { expectedUserId, ...rest } = (await f.stores.interactions.find('i1'))!;
    assert.equal(expectedUserId, null);
    assert.deepEqual(rest, {
      ...interaction('i1'),
      profileId: null,
      decision: null,
      flash: null,
      completedAt: null,
      sealedCode: null,
      pendingIdentity: null,
    });
    assert.equal(await f.stores.interactions.find('unknown'), null);
  });

  test('update changes only the fields given; a flash is kept as JSON and cleared with null', async () => {
    const user = await f.newUser();
    await f.stores.interactions.create(interaction('i2', { expectedUserId: user.id }), t0);
    await f.stores.interactions.update('i2', { userId: user.id, passwordAt: at(5) });
    const flash = { errors: [{ message: 'Wrong code', field: 'code' }], values: { email: 'a@b.c' } };
    await f.stores.interactions.update('i2', { flash });
    await f.stores.interactions.update('i2', {});
    let found = await f.stores.interactions.find('i2');
    assert.equal(found?.expectedUserId, user.id);
    assert.equal(found?.userId, user.id);
    assert.deepEqual(found?.passwordAt, at(5));
    assert.deepEqual(found?.flash, flash);
    assert.equal(found?.sealedState, 'v1.sealed-st', 'untouched');
    await f.stores.interactions.update('i2', { flash: null, decision: 'allow' });
    found = await f.stores.interactions.find('i2');
    assert.equal(found?.flash, null);
    assert.equal(found?.decision, 'allow');
  });

  test('complete: true once; 10 concurrent completions have one winner', async () => {
    await f.stores.interactions.create(interaction('i3'), t0);
    assert.equal(await f.stores.interactions.complete('i3', at(1)), true);
    assert.equal(await f.stores.interactions.complete('i3', at(2)), false);
    assert.deepEqual((await f.stores.interactions.find('i3'))?.completedAt, at(1));
    await f.stores.interactions.create(interaction('i4'), t0);
    const results = await inParallel(10, () => f.stores.interactions.complete('i4', at(1)));
    assert.equal(results.filter(Boolean).length, 1);
  });

  test('create with a recent read of its client: only while the client still has that redirect_uri', async () => {
    const sbank = (await f.stores.clients.find('sbank'))!;
    assert.equal(await f.stores.interactions.create(interaction('i5'), t0, sbank), true);
    const moved = { ...sbank, redirectUris: ['https://bank.example/elsewhere'] };
    await f.stores.clients.save(moved);
    assert.equal(await f.stores.interactions.create(interaction('i6'), t0, sbank), false);
    assert.equal(await f.stores.interactions.find('i6'), null);
    await f.stores.clients.save(sbank);
  });

  test('answer and finish: only at their step, for that browser; of 10 callbacks at once, one code', async () => {
    const user = await f.newUser();
    const made = await f.stores.profiles.create(personalProfile(user.id, 'sbank'), t0);
    if (made === 'conflict') assert.fail('conflict');
    const signedIn = { userId: user.id, passwordAt: t0, secondFactorAt: t0 };
    await f.stores.interactions.create(interaction('a1', signedIn), t0);
    const consent = { step: 'consent', decision: 'allow' } as const;
    assert.equal(await f.stores.interactions.answer('a1', 'browser', consent, at(1)), null, 'no profile yet');
    const other = { step: 'profile', profileId: made.id + 1000 } as const;
    assert.equal(await f.stores.interactions.answer('a1', 'browser', other, at(1)), null, 'not theirs');
    const mine = { step: 'profile', profileId: made.id } as const;
    assert.equal(await f.stores.interactions.answer('a1', 'another', mine, at(1)), null, 'another browser');
    const code = (n: number) => ({ codeHash: `a1-code-${n}`, expiresAt: at(600) });
    assert.equal(await f.stores.interactions.finish('a1', 'browser', code(0), at(1)), null, 'not decided');
    assert.equal(
      (await f.stores.interactions.answer('a1', 'browser', mine, at(1)))?.interaction.profileId,
      made.id,
    );
    assert.equal(
      (await f.stores.interactions.answer('a1', 'browser', consent, at(1)))?.interaction.decision,
      'allow',
    );
    assert.equal(
      await f.stores.interactions.answer('a1', 'browser', mine, at(1)),
      null,
      'decided: no going back',
    );
    const finished = await inParallel(10, (n) =>
      f.stores.interactions.finish('a1', 'browser', code(n), at(2)),
    );
    const won = finished.filter((r) => r !== null);
    assert.equal(won.length, 1);
    const codes = await Promise.all(finished.map((_, n) => f.stores.authorizationCodes.find(`a1-code-${n}`)));
    assert.equal(codes.filter((c) => c !== null).length, 1);
    assert.deepEqual(
      [codes.find((c) => c !== null)?.userId, codes.find((c) => c !== null)?.profileId],
      [user.id, made.id],
    );
  });
});
