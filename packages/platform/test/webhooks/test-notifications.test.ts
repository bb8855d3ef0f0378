import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ConfigError } from '../../src/config/config.js';
import { bearer, get, startTestPlatform, type TestPlatform, testPlatformConfig } from '../support/index.js';
import {
  type LinkedPartner,
  linkedPartner,
  type Receiver,
  startReceiver,
  subscribeApplication,
} from './support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const postEmpty = async (url: string, token: string) => {
  const res = await fetch(url, { method: 'POST', headers: bearer(token) });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
};

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

describe('test notifications (https://docs.wise.com/api-reference/webhook "Test Notifications")', () => {
  test('are queued, answered with their delivery id, and sent with X-Test-Notification: true', async () => {
    const id = await subscribeApplication(p, bank, receiver.url);
    // Wise's example request has no body.
    const res = await postEmpty(
      `${p.url}/v3/applications/${bank.clientId}/subscriptions/${id}/test-notifications`,
      bank.clientToken,
    );
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.length, 1);
    assert.deepEqual(Object.keys(res.body[0]), ['delivery_id', 'created_at']);
    assert.match(res.body[0].delivery_id, UUID);
    assert.equal(res.body[0].created_at, '2026-11-23T10:00:00Z');
    assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 1, retried: 0, failed: 0 });
    const [hit] = receiver.received;
    assert.equal(hit!.headers['x-test-notification'], 'true');
    assert.equal(hit!.headers['x-delivery-id'], res.body[0].delivery_id);
    const body = JSON.parse(hit!.body.toString());
    assert.deepEqual(body, {
      data: {
        resource: { type: 'profile', id: 0 },
        current_state: 'verified',
        occurred_at: '2026-11-23T10:00:00Z',
      },
      subscription_id: id,
      event_type: 'profiles#verification-state-change',
      schema_version: '2.0.0',
      sent_at: '2026-11-23T10:00:00Z',
    });
    const key = createPublicKey((await get(`${p.url}/v1/webhooks/public-key`)).body.publicKey);
    assert.equal(
      verify('sha256', hit!.body, key, Buffer.from(String(hit!.headers['x-signature-sha256']), 'base64')),
      true,
    );
    // A client that labels its empty body JSON is not refused for it.
    const labelled = await fetch(
      `${p.url}/v3/applications/${bank.clientId}/subscriptions/${id}/test-notifications`,
      {
        method: 'POST',
        headers: { ...bearer(bank.clientToken), 'content-type': 'application/json' },
        body: '',
      },
    );
    assert.equal(labelled.status, 201);
    const deleted = await fetch(`${p.url}/v3/applications/${bank.clientId}/subscriptions/${id}`, {
      method: 'DELETE',
      headers: { ...bearer(bank.clientToken), 'content-type': 'application/json' },
    });
    assert.equal(deleted.status, 204);
    const unknown = await postEmpty(
      `${p.url}/v3/applications/${bank.clientId}/subscriptions/${crypto.randomUUID()}/test-notifications`,
      bank.clientToken,
    );
    assert.equal(unknown.status, 404);
  });
});

describe('a signing key given by config (production)', () => {
  test('is the one published and used; a value that is not an RSA private key is refused at start', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const configured = await startTestPlatform({ settings: { webhookSigningKey: pem } });
    const hooks = await startReceiver();
    try {
      const published = (await get(`${configured.url}/v1/webhooks/public-key`)).body.publicKey;
      assert.equal(published, publicKey.export({ type: 'spki', format: 'pem' }).toString());
      const partner = await linkedPartner(configured);
      const id = await subscribeApplication(configured, partner, hooks.url);
      await postEmpty(
        `${configured.url}/v3/applications/${partner.clientId}/subscriptions/${id}/test-notifications`,
        partner.clientToken,
      );
      await configured.webhooks.deliverDue();
      const [hit] = hooks.received;
      assert.equal(
        verify(
          'sha256',
          hit!.body,
          publicKey,
          Buffer.from(String(hit!.headers['x-signature-sha256']), 'base64'),
        ),
        true,
      );
    } finally {
      await hooks.close();
      await configured.close();
    }
    assert.throws(() => testPlatformConfig({ webhookSigningKey: 'not a key' }), ConfigError);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    assert.throws(() => testPlatformConfig({ webhookSigningKey: ec.toString() }), ConfigError);
  });
});
