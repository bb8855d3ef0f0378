import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Database } from '@account-access/db';
import { type RunningPlatform, startPlatform } from '../../src/server.js';
import { publishEvent } from '../../src/webhooks/publish.js';
import { createWebhookWorker } from '../../src/webhooks/worker.js';
import { BACKEND } from '../store/support.js';
import { FakeClock, get, startTestPlatform, testDatabase, testPlatformConfig } from '../support/index.js';
import {
  type LinkedPartner,
  linkedPartner,
  startReceiver,
  subscribeApplication,
  verifiedData,
} from './support.js';

const publish = (running: RunningPlatform, partner: LinkedPartner, profileId: number) =>
  running.platform.stores.transaction((stores) =>
    publishEvent(
      stores,
      {
        type: 'profiles#verification-state-change',
        userId: partner.userId,
        profileId,
        data: verifiedData(profileId),
      },
      running.platform.now(),
    ),
  );

const publicKeyOf = async (running: RunningPlatform) =>
  (await get(`${running.url}/v1/webhooks/public-key`)).body.publicKey as string;

/**
 * Starts platforms that share their data the way real instances do: on PGlite one data folder, opened and
 * closed by each platform as `npm start` does; on PostgreSQL one database.
 */
async function sharedData() {
  if (BACKEND === 'PGlite') {
    const dir = mkdtempSync(join(tmpdir(), 'account-access-webhooks-'));
    const config = testPlatformConfig({ dataDir: dir });
    return {
      start: (clock: FakeClock) => startPlatform(config, { now: clock.now }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db: Database = await testDatabase();
  return {
    start: (clock: FakeClock) => startTestPlatform({ db, clock }),
    cleanup: () => db.close(),
  };
}

describe(`webhooks across restarts and instances (${BACKEND})`, () => {
  test('killed between enqueue and delivery, restarted on the same data: delivered once, same key', async () => {
    const receiver = await startReceiver();
    const data = await sharedData();
    const clock = new FakeClock();
    try {
      const first = await data.start(clock);
      let key: string;
      try {
        const bank = await linkedPartner(first);
        await subscribeApplication(first, bank, receiver.url);
        key = await publicKeyOf(first);
        await publish(first, bank, 1);
        await publish(first, bank, 2);
        // A worker of this instance leases event 2 and dies before sending it.
        const leased = await first.platform.stores.webhookDeliveries.lease(clock.now(), 60, 1);
        assert.equal(leased.length, 1);
      } finally {
        await first.close();
      }
      assert.equal(receiver.received.length, 0);

      const second = await data.start(clock);
      try {
        assert.equal(await publicKeyOf(second), key, 'the signing key is kept in the database');
        assert.deepEqual(
          await second.webhooks.deliverDue(),
          { delivered: 1, retried: 0, failed: 0 },
          'event 2 is still leased',
        );
        clock.advance(60);
        assert.deepEqual(
          await second.webhooks.deliverDue(),
          { delivered: 1, retried: 0, failed: 0 },
          'its lease ran out',
        );
        clock.advance(3600);
        assert.deepEqual(await second.webhooks.deliverDue(), { delivered: 0, retried: 0, failed: 0 });
      } finally {
        await second.close();
      }
      const ids = receiver.received.map((r) => JSON.parse(r.body.toString()).data.resource.id).sort();
      assert.deepEqual(ids, [1, 2], 'each event once');
      const publicKey = createPublicKey(key);
      for (const r of receiver.received)
        assert.equal(
          verify('sha256', r.body, publicKey, Buffer.from(String(r.headers['x-signature-sha256']), 'base64')),
          true,
        );
    } finally {
      await receiver.close();
      await data.cleanup();
    }
  });

  test('two instances on one database sign with one key and deliver each event exactly once', async () => {
    const receiver = await startReceiver();
    const db = await testDatabase();
    const clock = new FakeClock();
    const a = await startTestPlatform({ db, clock });
    const b = await startTestPlatform({ db, clock });
    try {
      // Both make a key at once on a fresh database: one wins, both serve it.
      const [keyA, keyB] = await Promise.all([publicKeyOf(a), publicKeyOf(b)]);
      assert.equal(keyA, keyB);
      const bank = await linkedPartner(a);
      await subscribeApplication(a, bank, receiver.url);
      await subscribeApplication(b, bank, receiver.url, 'users#state-change');
      const events = 24;
      for (let n = 1; n <= events; n++) await publish(n % 2 ? a : b, bank, n);
      // Four workers, two per instance, small batches, all at once.
      const workers = [a, a, b, b].map((running) => createWebhookWorker(running.platform, { batchSize: 2 }));
      const reports = await Promise.all([
        ...workers.map((w) => w.deliverDue()),
        a.webhooks.deliverDue(),
        b.webhooks.deliverDue(),
      ]);
      assert.equal(
        reports.reduce((sum, r) => sum + r.delivered, 0),
        events,
      );
      assert.ok(reports.every((r) => r.retried === 0 && r.failed === 0));
      const deliveryIds = receiver.received.map((r) => r.headers['x-delivery-id']);
      assert.equal(new Set(deliveryIds).size, events, 'no delivery sent twice');
      const profiles = receiver.received
        .map((r) => JSON.parse(r.body.toString()).data.resource.id)
        .sort((x, y) => x - y);
      assert.deepEqual(
        profiles,
        Array.from({ length: events }, (_, i) => i + 1),
      );
      assert.deepEqual(await a.webhooks.deliverDue(), { delivered: 0, retried: 0, failed: 0 });
    } finally {
      await a.close();
      await b.close();
      await db.close();
      await receiver.close();
    }
  });
});
