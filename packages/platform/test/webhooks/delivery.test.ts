import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { HASH, hashSecret } from '../../src/crypto/hashes.js';
import { publishEvent } from '../../src/webhooks/publish.js';
import { createWebhookWorker, MAX_ATTEMPTS, retryDelaySeconds } from '../../src/webhooks/worker.js';
import { bearer, get, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  type LinkedPartner,
  linkedPartner,
  type Receiver,
  startReceiver,
  subscribeApplication,
  verifiedData,
} from './support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let p: TestPlatform;
let receiver: Receiver;
let bank: LinkedPartner;
// A platform per test: no test sees another's deliveries coming due as its clock moves.
beforeEach(async () => {
  p = await startTestPlatform();
  receiver = await startReceiver();
  bank = await linkedPartner(p);
});
afterEach(async () => {
  await receiver.close();
  await p.close();
});

/** Publishes Wise's documented verification event about `profileId` for `partner`'s user, in a transaction. */
const publishVerified = (partner: LinkedPartner, profileId = 111) =>
  p.platform.stores.transaction((stores) =>
    publishEvent(
      stores,
      {
        type: 'profiles#verification-state-change',
        userId: partner.userId,
        profileId,
        data: verifiedData(profileId),
      },
      p.clock.now(),
    ),
  );

describe('webhook delivery (https://docs.wise.com/guides/developer/webhooks/event-handling)', () => {
  test('a real receiver gets the envelope, signed with the published public key', async () => {
    const subscriptionId = await subscribeApplication(p, bank, receiver.url);
    await publishVerified(bank);
    assert.equal(receiver.received.length, 0, 'nothing is sent before the worker runs');
    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 1, retried: 0, failed: 0 });
    assert.equal(receiver.received.length, 1);
    const [hit] = receiver.received;
    assert.equal(hit!.method, 'POST');
    assert.equal(hit!.path, new URL(receiver.url).pathname);
    assert.equal(hit!.headers['content-type'], 'application/json');
    assert.match(String(hit!.headers['x-delivery-id']), UUID);
    assert.equal(hit!.headers['x-test-notification'], undefined, 'only test notifications carry the flag');
    // The envelope of https://docs.wise.com/guides/developer/webhooks/event-types (profiles#verification-state-change).
    assert.deepEqual(JSON.parse(hit!.body.toString('utf8')), {
      data: {
        resource: { type: 'profile', id: 111 },
        current_state: 'verified',
        occurred_at: '2026-11-23T10:00:00Z',
      },
      subscription_id: subscriptionId,
      event_type: 'profiles#verification-state-change',
      schema_version: '2.0.0',
      sent_at: '2026-11-23T10:00:00Z',
    });

    const published = await get(`${p.url}/v1/webhooks/public-key`);
    assert.equal(published.status, 200);
    assert.deepEqual(Object.keys(published.body), ['publicKey']);
    assert.match(
      published.body.publicKey,
      /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/,
    );
    const key = createPublicKey(published.body.publicKey);
    const signature = Buffer.from(String(hit!.headers['x-signature-sha256']), 'base64');
    assert.equal(verify('sha256', hit!.body, key, signature), true, 'RSA-SHA256 over the raw body bytes');
    const tampered = Buffer.from(hit!.body.toString('utf8').replace('verified', 'VERIFIED'));
    assert.equal(verify('sha256', tampered, key, signature), false);

    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 0, retried: 0, failed: 0 });
    assert.equal(receiver.received.length, 1, 'a delivered event is never sent again');
  });

  test('only applications holding a live grant for the user get it; a rolled-back change sends nothing', async () => {
    const stranger = await linkedPartner(p, 'Stranger Bank');
    await subscribeApplication(p, bank, receiver.url);
    await subscribeApplication(p, stranger, receiver.url);
    await subscribeApplication(p, bank, receiver.url, 'users#state-change');
    await publishVerified(bank);
    await assert.rejects(
      p.platform.stores.transaction(async (stores) => {
        await publishEvent(
          stores,
          {
            type: 'profiles#verification-state-change',
            userId: bank.userId,
            profileId: 5,
            data: verifiedData(5),
          },
          p.clock.now(),
        );
        throw new Error('the state change failed');
      }),
    );
    await p.webhooks.deliverDue();
    assert.equal(
      receiver.received.length,
      1,
      'one subscription of the one linked client, one committed event',
    );
    assert.equal(JSON.parse(receiver.received[0]!.body.toString()).data.resource.id, 111);
  });

  test('a grant revoked before the event does not receive it; one revoked in the same moment does', async () => {
    await subscribeApplication(p, bank, receiver.url, 'users#state-change');
    const data = {
      resource: { id: bank.userId, type: 'user' },
      previous_state: 'ACTIVE',
      current_state: 'DEACTIVATED',
      occurred_at: '2026-11-23T10:00:00Z',
    };
    const tokenHash = hashSecret(p.platform.config.serverSecret, HASH.accessToken, bank.userToken);
    const grant = await p.platform.stores.grants.findAccessToken(tokenHash, p.clock.now());
    await p.platform.stores.transaction(async (stores) => {
      // As the verification part does for DEACTIVATED: revoke the user's tokens and publish, in one transaction.
      await stores.grants.revoke(grant!.grantId, p.clock.now());
      await publishEvent(
        stores,
        { type: 'users#state-change', userId: bank.userId, profileId: null, data },
        p.clock.now(),
      );
    });
    p.clock.advance(1);
    await p.platform.stores.transaction((stores) =>
      publishEvent(
        stores,
        { type: 'users#state-change', userId: bank.userId, profileId: null, data },
        p.clock.now(),
      ),
    );
    await p.webhooks.deliverDue();
    assert.equal(
      receiver.received.length,
      1,
      'the DEACTIVATED event reaches the app whose tokens it revoked, later ones do not',
    );
  });

  test('a receiver that answers 500 twice gets it on the third try, with the same X-Delivery-Id', async () => {
    receiver.behaviour = (n) => (n < 2 ? 500 : 200);
    await subscribeApplication(p, bank, receiver.url);
    await publishVerified(bank);
    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 0, retried: 1, failed: 0 });
    assert.deepEqual(
      await p.webhooks.deliverDue(),
      { delivered: 0, retried: 0, failed: 0 },
      'not due before its backoff',
    );
    p.clock.advance(59);
    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 0, retried: 0, failed: 0 });
    p.clock.advance(1);
    assert.deepEqual(
      await p.webhooks.deliverDue(),
      { delivered: 0, retried: 1, failed: 0 },
      'first retry after 1 minute',
    );
    p.clock.advance(120);
    assert.deepEqual(
      await p.webhooks.deliverDue(),
      { delivered: 1, retried: 0, failed: 0 },
      'second retry after 2 minutes',
    );
    assert.equal(receiver.received.length, 3);
    const ids = new Set(receiver.received.map((r) => r.headers['x-delivery-id']));
    assert.equal(ids.size, 1);
    const sentAt = receiver.received.map((r) => JSON.parse(r.body.toString()).sent_at);
    assert.deepEqual(
      sentAt,
      ['2026-11-23T10:00:00Z', '2026-11-23T10:01:00Z', '2026-11-23T10:03:00Z'],
      'sent_at: when each attempt was sent',
    );
    const key = createPublicKey((await get(`${p.url}/v1/webhooks/public-key`)).body.publicKey);
    for (const r of receiver.received)
      assert.equal(
        verify('sha256', r.body, key, Buffer.from(String(r.headers['x-signature-sha256']), 'base64')),
        true,
      );

    // The sandbox shows the delivery with its attempts (no secrets).
    const [shown] = (await get(`${p.url}/_sandbox/webhooks?clientId=${bank.clientId}`)).body;
    assert.equal(shown.deliveryId, [...ids][0]);
    assert.equal(shown.status, 'delivered');
    assert.deepEqual(
      shown.attempts.map((a: { status: number; error: string | null }) => [a.status, a.error]),
      [
        [500, 'answered 500'],
        [500, 'answered 500'],
        [200, null],
      ],
    );
  });

  test('a receiver that does not answer in time, or redirects, has failed that attempt', async () => {
    receiver.behaviour = (n) => (n === 0 ? 'hang' : 302);
    await subscribeApplication(p, bank, receiver.url);
    await publishVerified(bank);
    const impatient = createWebhookWorker(p.platform, { timeoutMs: 200 });
    assert.deepEqual(await impatient.deliverDue(), { delivered: 0, retried: 1, failed: 0 });
    p.clock.advance(60);
    assert.deepEqual(await impatient.deliverDue(), { delivered: 0, retried: 1, failed: 0 });
    assert.equal(receiver.received.length, 2, 'the redirect was not followed');
    const [shown] = (await get(`${p.url}/_sandbox/webhooks?clientId=${bank.clientId}`)).body;
    assert.deepEqual(
      shown.attempts.map((a: { status: number | null; error: string }) => [a.status, a.error]),
      [
        [null, 'no answer within 200 ms'],
        [302, 'answered 302'],
      ],
    );
    assert.equal(shown.status, 'pending');
  });

  test(`retries follow Wise's schedule and stop after ${MAX_ATTEMPTS} attempts, about two weeks`, async () => {
    assert.deepEqual(
      Array.from({ length: 25 }, (_, i) => retryDelaySeconds(i + 1) / 60),
      [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, ...Array(14).fill(1440)],
    );
    const total = Array.from({ length: 25 }, (_, i) => retryDelaySeconds(i + 1)).reduce((a, b) => a + b, 0);
    assert.ok(total > 14 * 24 * 3600 && total < 16 * 24 * 3600, 'about two weeks');

    receiver.behaviour = () => 503;
    await subscribeApplication(p, bank, receiver.url);
    await publishVerified(bank);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 0, retried: 1, failed: 0 });
      p.clock.advance(retryDelaySeconds(attempt));
    }
    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 0, retried: 0, failed: 1 });
    p.clock.advance(7 * 24 * 3600);
    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 0, retried: 0, failed: 0 });
    assert.equal(receiver.received.length, MAX_ATTEMPTS);
    const [shown] = (await get(`${p.url}/_sandbox/webhooks?clientId=${bank.clientId}`)).body;
    assert.equal(shown.status, 'failed');
  });

  test('a deleted subscription gets nothing more', async () => {
    receiver.behaviour = () => 500;
    const id = await subscribeApplication(p, bank, receiver.url);
    await publishVerified(bank);
    await p.webhooks.deliverDue();
    await fetch(`${p.url}/v3/applications/${bank.clientId}/subscriptions/${id}`, {
      method: 'DELETE',
      headers: bearer(bank.clientToken),
    });
    p.clock.advance(3600);
    await publishVerified(bank);
    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 0, retried: 0, failed: 0 });
    assert.equal(receiver.received.length, 1);
  });
});
