import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import type { NewGrant } from '../../src/store/grants.js';
import type { SubscriptionScope } from '../../src/store/webhook-subscriptions.js';
import { at, BACKEND, inParallel, storeFixture, t0 } from './support.js';

const f = storeFixture(async (fx) => {
  await fx.addClient('hooks-a');
  await fx.addClient('hooks-b');
});

const appScope = (clientId: string): SubscriptionScope => ({ domain: 'application', clientId });
const subscribe = (scope: SubscriptionScope, triggerOn = 'users#state-change', url = 'https://a.example/h') =>
  f.stores.webhookSubscriptions.create(
    {
      id: randomUUID(),
      scope,
      createdBy: { type: scope.domain === 'application' ? 'application' : 'user', id: '1' },
      name: 'hook',
      triggerOn,
      delivery: { version: '2.0.0', url },
    },
    t0,
  );
const userGrant = (clientId: string, userId: number, n: string, over: Partial<NewGrant> = {}): NewGrant => ({
  clientId,
  userId,
  grantType: 'registration_code',
  profileIds: [],
  accessTokenHash: `hook-access-${n}`,
  accessExpiresAt: at(3600),
  refreshTokenHash: `hook-refresh-${n}`,
  refreshExpiresAt: at(7200),
  ...over,
});
/** Leases everything due for a very long time, so a test then sees only the rows it writes itself. */
const drain = (now: Date) => f.stores.webhookDeliveries.lease(now, 100 * 24 * 3600, 1000);
const event = (userId: number, profileId: number | null = null, type = 'users#state-change') => ({
  type,
  userId,
  profileId,
  dataJson: `{"resource":{"id":${userId},"type":"user"},"b":1,"a":2}`,
});

describe(`WebhookSubscriptionStore (${BACKEND})`, () => {
  test('create, find, list and delete stay within their scope', async () => {
    const mine = await subscribe(appScope('hooks-a'));
    const profileScope: SubscriptionScope = { domain: 'profile', profileId: 42, clientId: 'hooks-a' };
    const onProfile = await subscribe(profileScope, 'transfers#state-change');
    assert.deepEqual(await f.stores.webhookSubscriptions.find(appScope('hooks-a'), mine.id), mine);
    assert.equal(await f.stores.webhookSubscriptions.find(appScope('hooks-b'), mine.id), null);
    assert.equal(await f.stores.webhookSubscriptions.find(appScope('hooks-a'), onProfile.id), null);
    assert.equal(await f.stores.webhookSubscriptions.find(appScope('hooks-a'), 'not-a-uuid'), null);
    assert.deepEqual(await f.stores.webhookSubscriptions.list(profileScope), [onProfile]);
    assert.deepEqual(await f.stores.webhookSubscriptions.list({ ...profileScope, clientId: 'hooks-b' }), []);
    assert.equal(await f.stores.webhookSubscriptions.delete(appScope('hooks-b'), mine.id, t0), false);
    assert.equal(await f.stores.webhookSubscriptions.delete(appScope('hooks-a'), mine.id, t0), true);
    assert.equal(await f.stores.webhookSubscriptions.delete(appScope('hooks-a'), mine.id, t0), false);
    assert.equal(await f.stores.webhookSubscriptions.find(appScope('hooks-a'), mine.id), null);
  });
});

describe(`WebhookDeliveryStore (${BACKEND})`, () => {
  let user: number;
  before(async () => {
    user = (await f.newUser('hooks-a')).id;
    await f.stores.grants.create(userGrant('hooks-a', user, 'live', { refreshExpiresAt: at(1e9) }), t0);
  });

  test('enqueueEvent: application subscriptions of clients with a live grant, profile subscriptions of the profile', async () => {
    await drain(at(1));
    const app = await subscribe(appScope('hooks-a'), 'kyc-reviews#state-change');
    await subscribe(appScope('hooks-b'), 'kyc-reviews#state-change'); // no grant for the user
    await subscribe(appScope('hooks-a'), 'users#state-change'); // another type
    const profile = await subscribe(
      { domain: 'profile', profileId: 77, clientId: 'hooks-a' },
      'kyc-reviews#state-change',
    );
    // Made through a client that holds no grant for the person: it hears nothing.
    await subscribe({ domain: 'profile', profileId: 77, clientId: 'hooks-b' }, 'kyc-reviews#state-change');
    const n = await f.stores.webhookDeliveries.enqueueEvent(
      event(user, 77, 'kyc-reviews#state-change'),
      at(10),
    );
    assert.equal(n, 2);
    const leased = await f.stores.webhookDeliveries.lease(at(10), 60, 10);
    assert.deepEqual(new Set(leased.map((d) => d.subscriptionId)), new Set([app.id, profile.id]));
    const [d] = leased;
    assert.equal(d!.dataJson, event(user).dataJson, 'the data bytes as given, key order kept');
    assert.equal(d!.attempts, 1);
    assert.equal(d!.test, false);
    assert.notEqual(leased[0]!.deliveryId, leased[1]!.deliveryId);
  });

  test('a grant revoked before the event, or expired, does not count; one revoked at the same instant does', async () => {
    await drain(at(100));
    const other = (await f.newUser('hooks-b')).id;
    const sub = await subscribe(appScope('hooks-b'), 'profiles#cdd-check-state-change');
    const grantId = await f.stores.grants.create(userGrant('hooks-b', other, 'revoked'), t0);
    await f.stores.grants.revoke(grantId, at(200));
    const e = event(other, null, 'profiles#cdd-check-state-change');
    assert.equal(await f.stores.webhookDeliveries.enqueueEvent(e, at(200)), 1, 'revoked at this instant');
    assert.equal(await f.stores.webhookDeliveries.enqueueEvent(e, at(201)), 0, 'revoked before');
    const third = (await f.newUser('hooks-b')).id;
    await f.stores.grants.create(userGrant('hooks-b', third, 'expiring'), t0);
    assert.equal(
      await f.stores.webhookDeliveries.enqueueEvent(event(third, null, sub.triggerOn), at(7199)),
      1,
    );
    assert.equal(
      await f.stores.webhookDeliveries.enqueueEvent(event(third, null, sub.triggerOn), at(7200)),
      0,
      'expired',
    );
  });

  test('only the lease holder records the outcome; each attempt is kept; delivered and failed are never due', async () => {
    await drain(at(10_000));
    const sub = await subscribe(appScope('hooks-a'), 'users#state-change');
    const queued = await f.stores.webhookDeliveries.enqueueTest(
      { id: sub.id, clientId: 'hooks-a', triggerOn: sub.triggerOn, url: sub.delivery.url },
      '{}',
      at(10_000),
    );
    assert.equal(queued.test, true);
    const [stale] = await f.stores.webhookDeliveries.lease(at(10_000), 10, 10);
    assert.deepEqual(await f.stores.webhookDeliveries.lease(at(10_009), 10, 10), [], 'held');
    const [current] = await f.stores.webhookDeliveries.lease(at(10_010), 10, 10);
    assert.equal(current?.id, queued.id);
    await f.stores.webhookDeliveries.delivered(stale!, at(10_011), { status: 200, error: null });
    assert.deepEqual(
      await f.stores.webhookDeliveries.attempts(queued.id),
      [],
      'a dead worker records nothing',
    );
    await f.stores.webhookDeliveries.retry(current!, at(10_012), at(10_100), {
      status: 500,
      error: 'answered 500',
    });
    assert.deepEqual(await f.stores.webhookDeliveries.lease(at(10_099), 10, 10), []);
    const [third] = await f.stores.webhookDeliveries.lease(at(10_100), 10, 10);
    assert.equal(third?.attempts, 3);
    assert.equal(third?.deliveryId, queued.deliveryId, 'the same delivery id on every attempt');
    await f.stores.webhookDeliveries.delivered(third!, at(10_101), { status: 204, error: null });
    assert.deepEqual(
      (await f.stores.webhookDeliveries.attempts(queued.id)).map((a) => [a.attempt, a.status, a.error]),
      [
        [2, 500, 'answered 500'],
        [3, 204, null],
      ],
    );
    const [row] = await f.stores.webhookDeliveries.list('hooks-a', 1);
    assert.deepEqual([row?.deliveredAt, row?.lastStatus, row?.lastError], [at(10_101), 204, null]);
    const later = await f.stores.webhookDeliveries.lease(at(99_999_999), 10, 1000);
    assert.equal(
      later.some((d) => d.id === queued.id),
      false,
      'a delivered row is never due',
    );
  });

  test('deleting a subscription fails its pending deliveries', async () => {
    await drain(at(20_000));
    const sub = await subscribe(appScope('hooks-a'), 'users#state-change');
    await f.stores.webhookDeliveries.enqueueEvent(event(user), at(20_000));
    await f.stores.webhookSubscriptions.delete(appScope('hooks-a'), sub.id, at(20_001));
    const due = await f.stores.webhookDeliveries.lease(at(20_002), 10, 100);
    assert.equal(
      due.some((d) => d.subscriptionId === sub.id),
      false,
      'not due any more',
    );
    assert.ok(due.length > 0, "other subscriptions' deliveries of the event still are");
    const [row] = await f.stores.webhookDeliveries.list('hooks-a', 1);
    assert.deepEqual(
      [row?.subscriptionId, row?.failedAt, row?.lastError],
      [sub.id, at(20_001), 'subscription deleted'],
    );
    await f.stores.webhookSubscriptions.create({ ...sub, id: randomUUID() }, at(20_003));
  });

  test('10 workers leasing at once: every due delivery goes to exactly one of them', async () => {
    await drain(at(30_000));
    for (let n = 0; n < 25; n++) await f.stores.webhookDeliveries.enqueueEvent(event(user), at(30_000));
    const batches = await inParallel(10, () => f.stores.webhookDeliveries.lease(at(30_000), 60, 5));
    const leased = batches.flat().map((d) => d.id);
    assert.ok(leased.length >= 25, 'every due delivery was handed out');
    assert.equal(new Set(leased).size, leased.length, 'none twice');
  });

  test('enqueueEvent in a transaction that rolls back leaves nothing', async () => {
    await drain(at(40_000));
    await assert.rejects(
      f.stores.transaction(async (s) => {
        assert.ok((await s.webhookDeliveries.enqueueEvent(event(user), at(40_000))) > 0);
        throw new Error('the change fails');
      }),
      /the change fails/,
    );
    assert.deepEqual(await f.stores.webhookDeliveries.lease(at(40_000), 10, 100), []);
  });
});

describe(`webhook retention (${BACKEND})`, () => {
  test('delivered and failed deliveries go 30 days later with their attempts; pending ones stay', async () => {
    const user = (await f.newUser('hooks-b')).id;
    await f.stores.grants.create(userGrant('hooks-b', user, 'retained', { refreshExpiresAt: at(1e9) }), t0);
    // A type no other test subscribes to: only this subscription's rows are due.
    const sub = await subscribe(appScope('hooks-b'), 'balances#account-state-change');
    const start = at(50_000);
    await drain(start);
    for (let n = 0; n < 3; n++)
      await f.stores.webhookDeliveries.enqueueEvent(event(user, null, sub.triggerOn), start);
    const [sent, refused] = await f.stores.webhookDeliveries.lease(start, 60, 2);
    await f.stores.webhookDeliveries.delivered(sent!, start, { status: 200, error: null });
    await f.stores.webhookDeliveries.failed(refused!, start, { status: 500, error: 'answered 500' });
    const mine = async () =>
      (await f.stores.webhookDeliveries.list('hooks-b', 1000)).filter((d) => d.subscriptionId === sub.id)
        .length;
    await f.stores.retention.purgeExpired(new Date(start.getTime() + 29 * 24 * 3600 * 1000));
    assert.equal(await mine(), 3);
    const counts = await f.stores.retention.purgeExpired(new Date(start.getTime() + 31 * 24 * 3600 * 1000));
    assert.ok((counts['webhookDeliveries'] ?? 0) >= 2);
    assert.equal(await mine(), 1, 'the pending one stays');
    assert.deepEqual(await f.stores.webhookDeliveries.attempts(sent!.id), []);
  });
});

describe(`WebhookKeyStore (${BACKEND})`, () => {
  test('keep stores the first key only; racing instances all get the winner', async () => {
    assert.equal(await f.stores.webhookKeys.find(), null);
    const kept = await inParallel(8, (i) =>
      f.stores.webhookKeys.keep({ publicKey: `public-${i}`, sealedPrivateKey: `sealed-${i}` }, t0),
    );
    assert.equal(new Set(kept.map((k) => k.publicKey)).size, 1);
    assert.deepEqual(await f.stores.webhookKeys.find(), kept[0]);
    assert.deepEqual(
      await f.stores.webhookKeys.keep({ publicKey: 'later', sealedPrivateKey: 'later' }, at(1)),
      kept[0],
    );
  });
});
