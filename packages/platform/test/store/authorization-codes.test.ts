import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CodeExchange, NewAuthorizationCode } from '../../src/store/authorization-codes.js';
import type { ClientRecord } from '../../src/store/clients.js';
import { at, BACKEND, inParallel, personalProfile, storeFixture, t0 } from './support.js';

const f = storeFixture();

describe(`AuthorizationCodeStore (${BACKEND})`, () => {
  let userId = 0;
  let profileId = 0;
  let abank: ClientRecord;
  before(async () => {
    abank = await f.addClient('abank');
    userId = (await f.newUser()).id;
    const profile = await f.stores.profiles.create(personalProfile(userId, 'abank'), t0);
    if (profile === 'conflict') assert.fail('conflict');
    profileId = profile.id;
  });
  const code = (codeHash: string, over: Partial<NewAuthorizationCode> = {}): NewAuthorizationCode => ({
    codeHash,
    clientId: 'abank',
    delivery: 'redirect',
    redirectUri: 'https://bank.example/callback',
    userId,
    profileId,
    codeChallenge: 'challenge',
    expiresAt: at(300),
    ...over,
  });
  /** The grant a consumed code names (the code is consumed before the grant row exists). */
  const grantId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

  test('create then find returns the code as created, unconsumed; an unknown hash is null', async () => {
    await f.stores.authorizationCodes.create(code('c1', { delivery: 'display', redirectUri: null }), t0);
    assert.deepEqual(await f.stores.authorizationCodes.find('c1'), {
      ...code('c1', { delivery: 'display', redirectUri: null }),
      consumedAt: null,
      grantId: null,
      userActive: true,
    });
    assert.equal(await f.stores.authorizationCodes.find('nope'), null);
  });

  test("find and consume say whether the code's account is active, as it is at that moment", async () => {
    const other = (await f.newUser()).id;
    const made = await f.stores.profiles.create(personalProfile(other, 'abank'), t0);
    if (made === 'conflict') assert.fail('conflict');
    await f.stores.authorizationCodes.create(code('c-inactive', { userId: other, profileId: made.id }), t0);
    const deactivated = { state: 'DEACTIVATED', deactivationType: null, deactivationReason: null } as const;
    await f.stores.verifications.setUserState(other, deactivated, at(1));
    assert.equal((await f.stores.authorizationCodes.find('c-inactive'))?.userActive, false);
    const used = await f.stores.authorizationCodes.consume('c-inactive', grantId(90), at(2));
    assert.equal(used?.userActive, false);
  });

  test('createCompleting completes the interaction and creates its code once; of 10 at once, one wins', async () => {
    const open = async (uid: string) =>
      f.stores.interactions.create(
        {
          uid,
          browserHash: 'browser',
          clientId: 'abank',
          entry: 'authorize',
          delivery: 'redirect',
          redirectUri: 'https://bank.example/callback',
          sealedState: null,
          codeChallenge: null,
          userId,
          passwordAt: t0,
          secondFactorAt: t0,
          expiresAt: at(900),
        },
        t0,
      );
    await open('ix-1');
    assert.equal(await f.stores.authorizationCodes.createCompleting('ix-1', code('cc-1'), at(5)), true);
    assert.deepEqual((await f.stores.interactions.find('ix-1'))?.completedAt, at(5));
    assert.equal((await f.stores.authorizationCodes.find('cc-1'))?.consumedAt, null);
    assert.equal(await f.stores.authorizationCodes.createCompleting('ix-1', code('cc-2'), at(6)), false);
    assert.equal(await f.stores.authorizationCodes.find('cc-2'), null, 'no code for a finished interaction');
    assert.equal(
      await f.stores.authorizationCodes.createCompleting('ix-unknown', code('cc-3'), at(6)),
      false,
    );
    await open('ix-2');
    const won = await inParallel(10, (i) =>
      f.stores.authorizationCodes.createCompleting('ix-2', code(`cc-p${i}`), at(7)),
    );
    assert.equal(won.filter(Boolean).length, 1);
    const made = await Promise.all(won.map((_, i) => f.stores.authorizationCodes.find(`cc-p${i}`)));
    assert.equal(made.filter((c) => c !== null).length, 1, 'exactly one code exists');
  });

  test('consume returns the code once, naming the grant; a second consume is null', async () => {
    await f.stores.authorizationCodes.create(code('c2'), t0);
    const used = await f.stores.authorizationCodes.consume('c2', grantId(2), at(10));
    assert.deepEqual(used, { ...code('c2'), consumedAt: at(10), grantId: grantId(2), userActive: true });
    assert.equal(await f.stores.authorizationCodes.consume('c2', grantId(3), at(11)), null);
    assert.equal(
      (await f.stores.authorizationCodes.find('c2'))?.grantId,
      grantId(2),
      'the first grant stays',
    );
  });

  test('an expired or unknown code is not consumed', async () => {
    await f.stores.authorizationCodes.create(code('c3'), t0);
    assert.equal(await f.stores.authorizationCodes.consume('c3', grantId(4), at(300)), null);
    assert.equal((await f.stores.authorizationCodes.find('c3'))?.consumedAt, null);
    assert.equal(await f.stores.authorizationCodes.consume('unknown', grantId(4), t0), null);
  });

  test('10 concurrent consumes of one code: exactly one winner', async () => {
    await f.stores.authorizationCodes.create(code('c4'), t0);
    const results = await inParallel(10, (i) =>
      f.stores.authorizationCodes.consume('c4', grantId(100 + i), at(1)),
    );
    const winners = results.filter((r) => r !== null);
    assert.equal(winners.length, 1);
    assert.equal((await f.stores.authorizationCodes.find('c4'))?.grantId, winners[0]?.grantId);
  });

  test('markReplayed returns the grant issued from the code, and wasReplayed tells', async () => {
    await f.stores.authorizationCodes.create(code('c5'), t0);
    await f.stores.authorizationCodes.create(code('c6'), t0);
    assert.equal(await f.stores.authorizationCodes.wasReplayed('c5'), false);
    await f.stores.authorizationCodes.consume('c5', grantId(5), at(1));
    assert.equal(await f.stores.authorizationCodes.markReplayed('c5', at(2)), grantId(5));
    assert.equal(await f.stores.authorizationCodes.markReplayed('c5', at(3)), grantId(5), 'idempotent');
    assert.equal(await f.stores.authorizationCodes.wasReplayed('c5'), true);
    assert.equal(await f.stores.authorizationCodes.markReplayed('c6', at(2)), null, 'never consumed');
    assert.equal(await f.stores.authorizationCodes.markReplayed('unknown', at(2)), null);
    assert.equal(await f.stores.authorizationCodes.wasReplayed('unknown'), false);
  });

  /** An exchange of `codeHash` as the platform's common case presents it (oauth/grants/authorization-code.ts). */
  const exchange = (codeHash: string, n: number, over: Partial<CodeExchange> = {}): CodeExchange => ({
    codeHash,
    client: abank,
    redirectUri: 'https://bank.example/callback',
    unboundRedirectOk: false,
    challenge: 'challenge',
    grantId: grantId(100 + n),
    accessTokenHash: `x-access-${codeHash}-${n}`,
    accessExpiresAt: at(3600),
    refreshTokenHash: `x-refresh-${codeHash}-${n}`,
    refreshExpiresAt: at(7200),
    refreshAbsoluteExpiresAt: null,
    counters: [],
    ...over,
  });

  test('exchange consumes the code and writes its grant and token in one statement; of 10 at once, one wins', async () => {
    await f.stores.authorizationCodes.create(code('x1'), t0);
    const results = await inParallel(10, (i) =>
      f.stores.authorizationCodes.exchange(exchange('x1', i), at(1)),
    );
    const won = results.filter((r) => r.issued !== null);
    assert.equal(won.length, 1);
    assert.deepEqual(won[0]!.issued, { userId, profileId });
    assert.ok(results.every((r) => r.clientOk));
    const winner = results.indexOf(won[0]!);
    assert.equal((await f.stores.authorizationCodes.find('x1'))?.grantId, grantId(100 + winner));
    const grant = await f.stores.grants.findAccessToken(`x-access-x1-${winner}`, at(2));
    assert.deepEqual(
      [grant?.userId, grant?.profileIds, grant?.grantType],
      [userId, [profileId], 'authorization_code'],
    );
  });

  test('exchange issues nothing for a code it may not take, and says when the client is not as read', async () => {
    await f.stores.authorizationCodes.create(code('x2'), t0);
    const none = async (e: CodeExchange, now = at(1)) =>
      assert.equal((await f.stores.authorizationCodes.exchange(e, now)).issued, null);
    await none(exchange('x2', 1, { redirectUri: 'https://bank.example/other' }));
    await none(exchange('x2', 2, { redirectUri: null }));
    await none(exchange('x2', 3, { challenge: null }));
    await none(exchange('x2', 4, { challenge: 'other' }));
    await none(exchange('x2', 5), at(300));
    await none(exchange('x2', 6, { client: { ...abank, clientId: 'other' } }));
    const stale = await f.stores.authorizationCodes.exchange(
      exchange('x2', 7, { client: { ...abank, secretHash: 'an old secret' } }),
      at(1),
    );
    assert.deepEqual(stale, { clientOk: false, issued: null });
    assert.equal((await f.stores.authorizationCodes.find('x2'))?.consumedAt, null, 'still unused');
    await f.stores.authorizationCodes.create(code('x3', { redirectUri: null, codeChallenge: null }), t0);
    await none(exchange('x3', 8, { challenge: null }));
    const unbound = await f.stores.authorizationCodes.exchange(
      exchange('x3', 9, { challenge: null, unboundRedirectOk: true }),
      at(1),
    );
    assert.deepEqual(unbound.issued, { userId, profileId });
  });

  test("issue 14: exchange takes nothing while one of the client's secret counters is closed", async () => {
    await f.stores.authorizationCodes.create(code('x4'), t0);
    const counter = (key: string) => ({ scope: 'client-secret', key, subject: null });
    const rule = { max: 2, windowSeconds: 60, delayAfter: null };
    // Spent by two real takes at t0 (max 2): closed until its window ends at t0 + 60 s.
    for (let i = 0; i < 2; i++)
      await f.stores.attemptCounters.take([{ ...counter('x4-spent'), ...rule }], t0);
    const limits = (key: string) => [{ ...counter(key), max: 2, windowSeconds: 60 }];
    const refused = await f.stores.authorizationCodes.exchange(
      exchange('x4', 1, { counters: limits('x4-spent') }),
      at(1),
    );
    assert.deepEqual(refused, { clientOk: false, issued: null });
    assert.equal((await f.stores.authorizationCodes.find('x4'))?.consumedAt, null, 'still unused');
    // A counter with no row, or one whose window ended, is open.
    const taken = await f.stores.authorizationCodes.exchange(
      exchange('x4', 2, { counters: [...limits('x4-none'), ...limits('x4-spent')] }),
      at(61),
    );
    assert.equal(taken.clientOk, true);
    assert.notEqual(taken.issued, null);
  });

  test('recordFailure: the code dies at maxAttempts failures, not before', async () => {
    await f.stores.authorizationCodes.create(code('c7'), t0);
    for (let i = 0; i < 4; i++) await f.stores.authorizationCodes.recordFailure('c7', 5, at(i));
    assert.deepEqual((await f.stores.authorizationCodes.find('c7'))?.expiresAt, at(300), 'still alive');
    await f.stores.authorizationCodes.recordFailure('c7', 5, at(20));
    assert.deepEqual((await f.stores.authorizationCodes.find('c7'))?.expiresAt, at(20), 'expires now');
    assert.equal(await f.stores.authorizationCodes.consume('c7', grantId(7), at(21)), null);
  });

  test('concurrent failures are all counted: 5 at once kill a code allowed 5', async () => {
    await f.stores.authorizationCodes.create(code('c8'), t0);
    await inParallel(5, () => f.stores.authorizationCodes.recordFailure('c8', 5, at(30)));
    assert.equal(await f.stores.authorizationCodes.consume('c8', grantId(8), at(31)), null);
  });
});
