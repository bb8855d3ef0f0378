// Subscribing the application at start (contract §11): list first, create what is missing, never stop the
// start; and where the key that signs deliveries comes from.
// https://docs.wise.com/api-reference/webhook
// https://docs.wise.com/guides/developer/webhooks/event-handling
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { WISE_WEBHOOK_PUBLIC_KEYS } from '@account-access/client';
import type { Database } from '@account-access/db';
import { type RunningPartner, startPartner } from '../src/server.js';
import { Clock, partnerDatabase, testConfig } from '../src/testing/index.js';
import { webhookKeySource } from '../src/webhooks/keys.js';
import { WEBHOOK_EVENT_TYPES } from '../src/webhooks/subscribe.js';
import { FakeWise, gate } from './support/fake-wise.js';

describe('subscriptions at start (contract §11)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function database(): Promise<Database> {
    const db = await partnerDatabase();
    cleanups.push(() => db.close());
    return db;
  }

  async function start(wise: FakeWise, db: Database, settings = {}): Promise<RunningPartner> {
    const running = await startPartner(testConfig(settings), {
      db,
      now: new Clock().now,
      client: wise.client,
      subscribeRetryDelaysMs: [3_600_000],
    });
    cleanups.push(() => running.close());
    return running;
  }

  test('subscribes the application to the four events at <public url>/webhooks/wise, once', async () => {
    const wise = new FakeWise();
    const db = await database();
    const first = await start(wise, db);
    const outcome = await first.subscriber?.first;
    assert.deepEqual(outcome, { kind: 'done', created: [...WEBHOOK_EVENT_TYPES], present: [] });
    assert.equal(first.app.hasRoute({ method: 'POST', url: '/webhooks/wise' }), true);
    assert.deepEqual(
      wise.webhookSubscriptions.map((s) => [s.clientKey, s.trigger_on, s.delivery]),
      WEBHOOK_EVENT_TYPES.map((type) => [
        'test-bank',
        type,
        { version: '2.0.0', url: `${first.partner.config.publicUrl}/webhooks/wise` },
      ]),
    );
    // Another start against the same subscriptions (a restart, a second instance): nothing is created.
    const url = first.partner.config.webhooks.url;
    const second = await start(wise, db, { webhookUrl: url });
    assert.deepEqual(await second.subscriber?.first, {
      kind: 'done',
      created: [],
      present: [...WEBHOOK_EVENT_TYPES],
    });
    assert.equal(wise.webhookSubscriptions.length, 4);
  });

  test('creates only what is missing, under the configured client key', async () => {
    const wise = new FakeWise();
    const url = 'https://bank.example/hooks/wise';
    wise.webhookSubscriptions.push({
      clientKey: 'key-9',
      id: 'existing',
      name: 'kept',
      trigger_on: 'users#state-change',
      delivery: { version: '2.0.0', url },
    });
    const running = await start(wise, await database(), { webhookUrl: url, webhookClientKey: 'key-9' });
    const outcome = await running.subscriber?.first;
    assert.equal(outcome?.kind, 'done');
    assert.deepEqual(outcome?.kind === 'done' && outcome.present, ['users#state-change']);
    assert.equal(wise.webhookSubscriptions.filter((s) => s.clientKey === 'key-9').length, 4);
  });

  test('a platform that cannot be reached does not stop the start; the next try subscribes', async () => {
    const wise = new FakeWise();
    wise.hooks['listSubscriptions'] = () => {
      throw new TypeError('fetch failed');
    };
    const running = await start(wise, await database());
    assert.deepEqual(await running.subscriber?.first, { kind: 'failed', error: 'fetch failed' });
    assert.equal((await fetch(new URL('/health', running.url))).status, 200);
    delete wise.hooks['listSubscriptions'];
    assert.equal((await running.subscriber?.runNow())?.kind, 'done');
    assert.equal(wise.webhookSubscriptions.length, 4);
  });

  test('two instances starting together create each subscription once', async () => {
    const wise = new FakeWise();
    const db = await database();
    const listing = gate();
    const held = gate();
    let calls = 0;
    wise.hooks['listSubscriptions'] = () => {
      if (calls++ > 0) return undefined;
      listing.open();
      return held.opened;
    };
    const a = await start(wise, db, { webhookUrl: 'https://bank.example/webhooks/wise' });
    await listing.opened; // the first instance holds the lease and is listing
    const b = await start(wise, db, { webhookUrl: 'https://bank.example/webhooks/wise' });
    assert.deepEqual(await b.subscriber?.first, { kind: 'busy' });
    held.open();
    assert.equal((await a.subscriber?.first)?.kind, 'done');
    assert.equal(wise.webhookSubscriptions.length, 4);
  });

  test('PARTNER_WEBHOOKS=false subscribes to nothing and serves no receiver', async () => {
    const wise = new FakeWise();
    const running = await start(wise, await database(), { webhooks: false });
    assert.equal(running.subscriber, null);
    assert.equal(wise.calls['listSubscriptions'], undefined);
    assert.equal(running.app.hasRoute({ method: 'POST', url: '/webhooks/wise' }), false);
  });
});

describe('the key deliveries are verified with (contract §11)', () => {
  test('the configured PEM first, then Wise’s own key for Wise’s hosts', async () => {
    const given = webhookKeySource({ publicKey: 'PEM', apiUrl: 'https://api.wise.com' });
    assert.equal(await given.get(), 'PEM');
    const production = webhookKeySource({ publicKey: null, apiUrl: 'https://api.wise.com' });
    assert.equal(await production.get(), WISE_WEBHOOK_PUBLIC_KEYS.production);
    const sandbox = webhookKeySource({ publicKey: null, apiUrl: 'https://api.wise-sandbox.com' });
    assert.equal(await sandbox.get(), WISE_WEBHOOK_PUBLIC_KEYS.sandbox);
  });

  test('the platform’s key is fetched from /v1/webhooks/public-key once; a failure is tried again', async () => {
    const urls: string[] = [];
    let fail = true;
    const source = webhookKeySource({ publicKey: null, apiUrl: 'http://platform.test:4000' }, async (url) => {
      urls.push(url);
      if (fail) return new Response('{}', { status: 503 });
      return Response.json({ publicKey: '-----BEGIN PUBLIC KEY-----\n…' });
    });
    await assert.rejects(source.get());
    fail = false;
    assert.equal(await source.get(), '-----BEGIN PUBLIC KEY-----\n…');
    assert.equal(await source.get(), '-----BEGIN PUBLIC KEY-----\n…');
    assert.deepEqual(urls, Array(2).fill('http://platform.test:4000/v1/webhooks/public-key'));
  });
});
