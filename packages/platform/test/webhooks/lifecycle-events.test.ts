// The verification lifecycle and the webhooks together, as a partner meets them: a sandbox simulation
// (https://docs.wise.com/api-reference/simulation, "Simulate verification state change") or an account
// state change reaches the partner's receiver as Wise's signed event
// (https://docs.wise.com/guides/developer/webhooks/event-types, event-handling).
import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { bearer, get, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';
import { britishProfile, postEmpty } from '../verification/support.js';
import {
  type LinkedPartner,
  linkedPartner,
  type Received,
  type Receiver,
  startReceiver,
  subscribeApplication,
} from './support.js';

let p: TestPlatform;
let receiver: Receiver;
let bank: LinkedPartner;
beforeEach(async () => {
  p = await startTestPlatform();
  receiver = await startReceiver();
  bank = await linkedPartner(p);
});
afterEach(async () => {
  await receiver.close();
  await p.close();
});

async function personalProfile(): Promise<number> {
  const res = await postJson(
    `${p.url}/v2/profiles/personal-profile`,
    britishProfile(),
    bearer(bank.userToken),
  );
  assert.equal(res.status, 200, res.text);
  return res.body.id;
}

/** The delivery's body, after checking its signature against the key the platform publishes. */
async function signedEvent(hit: Received): Promise<Record<string, unknown>> {
  const { publicKey } = (await get(`${p.url}/v1/webhooks/public-key`)).body;
  const signature = Buffer.from(String(hit.headers['x-signature-sha256']), 'base64');
  assert.ok(verify('sha256', hit.body, publicKey, signature), 'X-Signature-SHA256 verifies');
  return JSON.parse(hit.body.toString('utf8'));
}

describe('lifecycle events reach the partner signed', () => {
  test('a simulated verification is delivered once as profiles#verification-state-change, however many calls', async () => {
    const subscriptionId = await subscribeApplication(p, bank, receiver.url);
    const profileId = await personalProfile();
    const calls = await Promise.all(
      Array.from({ length: 10 }, () =>
        postEmpty(`${p.url}/v1/simulation/profiles/${profileId}/verifications`, bearer(bank.userToken)),
      ),
    );
    assert.deepEqual(
      calls.map((c) => c.status),
      Array(10).fill(200),
    );
    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 1, retried: 0, failed: 0 });
    assert.equal(receiver.received.length, 1);
    const now = p.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    assert.deepEqual(await signedEvent(receiver.received[0]!), {
      data: { resource: { type: 'profile', id: profileId }, current_state: 'verified', occurred_at: now },
      subscription_id: subscriptionId,
      event_type: 'profiles#verification-state-change',
      schema_version: '2.0.0',
      sent_at: now,
    });
  });

  test('a deactivated user: users#state-change reaches the partner, and its tokens stop working', async () => {
    const subscriptionId = await subscribeApplication(p, bank, receiver.url, 'users#state-change');
    const res = await postJson(`${p.url}/_sandbox/users/${bank.userId}/state`, { state: 'DEACTIVATED' });
    assert.equal(res.status, 200, res.text);
    assert.equal((await get(`${p.url}/v1/me`, bearer(bank.userToken))).status, 401);
    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 1, retried: 0, failed: 0 });
    const event = await signedEvent(receiver.received[0]!);
    assert.equal(event['event_type'], 'users#state-change');
    assert.equal(event['subscription_id'], subscriptionId);
    const data = event['data'] as Record<string, unknown>;
    assert.deepEqual(data['resource'], { id: bank.userId, type: 'user' });
    assert.equal(data['previous_state'], 'ACTIVE');
    assert.equal(data['current_state'], 'DEACTIVATED');
  });

  test('a partner not subscribed to an event type gets nothing', async () => {
    await subscribeApplication(p, bank, receiver.url, 'users#state-change');
    const profileId = await personalProfile();
    const res = await postEmpty(
      `${p.url}/v1/simulation/profiles/${profileId}/verifications`,
      bearer(bank.userToken),
    );
    assert.equal(res.status, 200);
    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 0, retried: 0, failed: 0 });
    assert.equal(receiver.received.length, 0);
  });
});
