import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { publishEvent } from '../../src/webhooks/publish.js';
import { postJson, startTestPlatform } from '../support/index.js';
import { linkedPartner, startReceiver, subscribeApplication, verifiedData } from './support.js';

describe('the server delivers webhooks on its own', () => {
  test('an event queued by one instance is delivered by another running the timer, once', async () => {
    const receiver = await startReceiver();
    const writer = await startTestPlatform();
    try {
      const bank = await linkedPartner(writer);
      await subscribeApplication(writer, bank, receiver.url);
      await writer.platform.stores.transaction((stores) =>
        publishEvent(
          stores,
          {
            type: 'profiles#verification-state-change',
            userId: bank.userId,
            profileId: 9,
            data: verifiedData(9),
          },
          writer.clock.now(),
        ),
      );
      const arrived = new Promise<void>((resolve) => {
        const behaviour = receiver.behaviour;
        receiver.behaviour = (n) => {
          setImmediate(resolve);
          return behaviour(n);
        };
      });
      const sender = await startTestPlatform({
        db: writer.db,
        clock: writer.clock,
        settings: { webhookPollSeconds: 1 },
      });
      try {
        await arrived;
      } finally {
        await sender.close();
      }
      assert.equal(receiver.received.length, 1);
      assert.equal(JSON.parse(receiver.received[0]!.body.toString()).data.resource.id, 9);
    } finally {
      await writer.close();
      await receiver.close();
    }
  });

  test('POST /_sandbox/webhooks/deliver sends what is due now (sandbox mode only)', async () => {
    const receiver = await startReceiver();
    const p = await startTestPlatform();
    try {
      const bank = await linkedPartner(p);
      await subscribeApplication(p, bank, receiver.url);
      await p.platform.stores.transaction((stores) =>
        publishEvent(
          stores,
          {
            type: 'profiles#verification-state-change',
            userId: bank.userId,
            profileId: 3,
            data: verifiedData(3),
          },
          p.clock.now(),
        ),
      );
      const res = await postJson(`${p.url}/_sandbox/webhooks/deliver`, {});
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { delivered: 1, retried: 0, failed: 0 });
      assert.equal(receiver.received.length, 1);
    } finally {
      await p.close();
      await receiver.close();
    }
    const closed = await startTestPlatform({ settings: { sandbox: false } });
    try {
      assert.equal((await postJson(`${closed.url}/_sandbox/webhooks/deliver`, {})).status, 404);
    } finally {
      await closed.close();
    }
  });
});
