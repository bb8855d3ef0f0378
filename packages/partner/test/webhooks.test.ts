// The webhook receiver (contract §11) with deliveries signed in the test, as Wise signs them: RSA PKCS#1
// v1.5 over SHA-256 of the raw body, base64, in X-Signature-SHA256; the key pair is made here and its
// public half configured as the platform's key.
// https://docs.wise.com/guides/developer/webhooks/event-handling
// https://docs.wise.com/guides/developer/webhooks/event-types
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Database } from '@account-access/db';
import { applyPartnerSeed, readPartnerSeed } from '../src/seed.js';
import { type RunningPartner, startPartner } from '../src/server.js';
import { Clock, partnerDatabase, partnerDatabaseUrl, testConfig } from '../src/testing/index.js';
import { Browser } from './support/browser.js';
import { FakeWise } from './support/fake-wise.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const OTHER = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const onPostgres = Boolean(process.env['DATABASE_URL']);

/** Wise's envelope (schema 2.0.0) around `data`, sent at `sentAt`. */
function envelope(eventType: string, data: unknown, sentAt: Date): string {
  return JSON.stringify({
    data,
    subscription_id: '01234567-89ab-cdef-0123-456789abcdef',
    event_type: eventType,
    schema_version: '2.0.0',
    sent_at: sentAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
}

const verificationEvent = (profileId: number, state: string, at: Date, occurredAt = at) =>
  envelope(
    'profiles#verification-state-change',
    {
      resource: { type: 'profile', id: profileId },
      current_state: state,
      occurred_at: occurredAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    at,
  );

interface Sent {
  signature?: string | null;
  key?: typeof privateKey;
  deliveryId?: string | null;
  test?: boolean;
}

/** POSTs a delivery to a partner's receiver; signed with the test's key unless told otherwise. */
async function deliver(base: string, body: string, sent: Sent = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature =
    sent.signature === undefined
      ? sign('sha256', Buffer.from(body), sent.key ?? privateKey).toString('base64')
      : sent.signature;
  if (signature !== null) headers['x-signature-sha256'] = signature;
  const deliveryId = sent.deliveryId === undefined ? randomUUID() : sent.deliveryId;
  if (deliveryId !== null) headers['x-delivery-id'] = deliveryId;
  if (sent.test) headers['x-test-notification'] = 'true';
  const res = await fetch(new URL('/webhooks/wise', base), { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
}

async function start(wise: FakeWise, db: Database, clock: Clock, settings = {}): Promise<RunningPartner> {
  const running = await startPartner(testConfig({ webhookPublicKey: PEM, ...settings }), {
    db,
    now: clock.now,
    client: wise.client,
  });
  await applyPartnerSeed(running.partner.stores.customers, await readPartnerSeed());
  return running;
}

describe('the webhook receiver (contract §11)', () => {
  let wise: FakeWise;
  let db: Database;
  let clock: Clock;
  let partner: RunningPartner;
  let browser: Browser;
  let profileId: number;

  beforeEach(async () => {
    wise = new FakeWise();
    clock = new Clock();
    db = await partnerDatabase();
    partner = await start(wise, db, clock);
    wise.now = () => clock.now().getTime();
    browser = new Browser(partner.url);
    await browser.signIn('cus-amelia');
    await browser.post('/wise/connect', { _csrf: await browser.csrf('/account') });
    const link = await partner.partner.stores.links.get('cus-amelia');
    assert.equal(link?.state, 'linked');
    profileId = link!.wiseProfileId!;
  });
  afterEach(async () => {
    await partner.close();
    await db.close();
  });

  test('a signed verification event shows the customer verified on the account page and in /admin', async () => {
    let page = await browser.get('/account');
    assert.match(page.text, /id="verification">Not reported by Wise yet</);
    const answer = await deliver(partner.url, verificationEvent(profileId, 'verified', clock.now()));
    assert.deepEqual(answer, { status: 200, body: { status: 'processed' } });
    page = await browser.get('/account');
    assert.match(page.text, /<span class="verification ok" id="verification">Verified by Wise<\/span>/);
    const admin = await browser.get('/admin');
    assert.match(admin.text, new RegExp(`<td>${profileId}</td><td>Verified by Wise</td>`));
  });

  test('a not_verified event is shown as such', async () => {
    await deliver(partner.url, verificationEvent(profileId, 'not_verified', clock.now()));
    assert.match((await browser.get('/account')).text, /id="verification">Not verified yet</);
  });

  test('an older event that arrives late does not undo a newer one (occurred_at decides)', async () => {
    const now = clock.now();
    const earlier = new Date(now.getTime() - 60_000);
    await deliver(partner.url, verificationEvent(profileId, 'verified', now));
    await deliver(partner.url, verificationEvent(profileId, 'not_verified', now, earlier));
    assert.equal((await partner.partner.stores.webhooks.verification(profileId))?.state, 'verified');
  });

  test('unsigned, badly signed and tampered deliveries are refused and not acted on', async () => {
    const body = verificationEvent(profileId, 'verified', clock.now());
    assert.equal((await deliver(partner.url, body, { signature: null })).status, 401);
    assert.equal((await deliver(partner.url, body, { key: OTHER })).status, 401);
    assert.equal((await deliver(partner.url, body, { signature: 'not base64!' })).status, 401);
    const good = sign('sha256', Buffer.from(body), privateKey).toString('base64');
    const tampered = body.replace(String(profileId), String(profileId + 1));
    assert.equal((await deliver(partner.url, tampered, { signature: good })).status, 401);
    // A body re-serialised by a proxy (same JSON, other bytes) no longer matches either.
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    assert.equal((await deliver(partner.url, reformatted, { signature: good })).status, 401);
    assert.equal(await partner.partner.stores.webhooks.verification(profileId), null);
    assert.equal(await partner.partner.stores.webhooks.verification(profileId + 1), null);
  });

  test('a delivery without X-Delivery-Id is refused', async () => {
    const body = verificationEvent(profileId, 'verified', clock.now());
    assert.equal((await deliver(partner.url, body, { deliveryId: null })).status, 400);
    assert.equal(await partner.partner.stores.webhooks.verification(profileId), null);
  });

  test('a replayed delivery is refused, also when ten copies arrive at once', async () => {
    const body = verificationEvent(profileId, 'verified', clock.now());
    const deliveryId = randomUUID();
    assert.equal((await deliver(partner.url, body, { deliveryId })).status, 200);
    assert.deepEqual(await deliver(partner.url, body, { deliveryId }), {
      status: 409,
      body: { status: 'refused', reason: 'delivery already received' },
    });
    const another = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => deliver(partner.url, body, { deliveryId: another })),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, ...Array(9).fill(409)]);
  });

  test('a delivery sent longer ago than the window, or from the future, is refused', async () => {
    const old = new Date(clock.now().getTime() - (15 * 86400 + 1) * 1000);
    const answer = await deliver(partner.url, verificationEvent(profileId, 'verified', old));
    assert.deepEqual(answer, { status: 400, body: { status: 'refused', reason: 'sent_at is too old' } });
    const ahead = new Date(clock.now().getTime() + 3600_000);
    assert.equal((await deliver(partner.url, verificationEvent(profileId, 'verified', ahead))).status, 400);
    assert.equal(await partner.partner.stores.webhooks.verification(profileId), null);
  });

  test('a test notification is acknowledged and not acted on', async () => {
    const body = verificationEvent(profileId, 'verified', clock.now());
    const answer = await deliver(partner.url, body, { test: true });
    assert.deepEqual(answer, { status: 200, body: { status: 'test' } });
    assert.equal(await partner.partner.stores.webhooks.verification(profileId), null);
  });

  test('other events are acknowledged (Wise’s cdd-check and kyc-review examples)', async () => {
    const cdd = envelope(
      'profiles#cdd-check-state-change',
      {
        resource: { type: 'profile', id: profileId },
        current_state: 'VERIFIED',
        required_evidences: [],
        occurred_at: '2020-01-01T12:34:56Z',
      },
      clock.now(),
    );
    assert.equal((await deliver(partner.url, cdd)).status, 200);
    const kyc = envelope('transfers#state-change', { resource: { id: 0 } }, clock.now());
    assert.equal((await deliver(partner.url, kyc)).status, 200);
  });

  test('users#state-change to DEACTIVATED breaks the link: tokens discarded, relinking asked', async () => {
    const link = await partner.partner.stores.links.get('cus-amelia');
    assert.ok(await partner.partner.stores.tokens.get('cus-amelia'));
    const body = envelope(
      'users#state-change',
      {
        resource: { id: link!.wiseUserId, type: 'user' },
        previous_state: 'WITHDRAW_ONLY',
        current_state: 'DEACTIVATED',
        deactivation_type: 'ACCOUNT_CLOSURE',
        occurred_at: '2026-11-23T09:59:00Z',
      },
      clock.now(),
    );
    assert.equal((await deliver(partner.url, body)).status, 200);
    assert.equal((await partner.partner.stores.links.get('cus-amelia'))?.state, 'relink_required');
    assert.equal(await partner.partner.stores.tokens.get('cus-amelia'), null);
    const page = await browser.get('/account');
    assert.match(page.text, /Connection lost: connect your Wise account again/);
    assert.match(page.text, /Wise has deactivated this Wise account/);
    assert.match(page.text, /Connect your Wise account<\/button>/);
  });

  test('users#state-change to WITHDRAW_ONLY keeps the link', async () => {
    const link = await partner.partner.stores.links.get('cus-amelia');
    const body = envelope(
      'users#state-change',
      {
        resource: { id: link!.wiseUserId, type: 'user' },
        previous_state: 'ACTIVE',
        current_state: 'WITHDRAW_ONLY',
        occurred_at: '2026-11-23T09:59:00Z',
      },
      clock.now(),
    );
    assert.equal((await deliver(partner.url, body)).status, 200);
    assert.equal((await partner.partner.stores.links.get('cus-amelia'))?.state, 'linked');
  });
});

describe('two partner instances on one database refuse a replay (contract §11)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Two handles on one database: two pools on PostgreSQL, the one PGlite otherwise. */
  async function sharedDatabase(): Promise<[Database, Database]> {
    if (onPostgres) {
      const shared = await partnerDatabaseUrl();
      const [first, second] = [shared.open(), shared.open()];
      cleanups.push(
        shared.drop,
        () => first.close(),
        () => second.close(),
      );
      return [first, second];
    }
    const db = await partnerDatabase();
    cleanups.push(() => db.close());
    return [db, db];
  }

  test('a delivery accepted by one is refused by the other, also when both get it at once', async () => {
    const [firstDb, secondDb] = await sharedDatabase();
    const clock = new Clock();
    const wise = new FakeWise();
    const a = await start(wise, firstDb, clock);
    cleanups.push(() => a.close());
    const b = await start(wise, secondDb, clock);
    cleanups.push(() => b.close());

    const body = verificationEvent(4242, 'verified', clock.now());
    const deliveryId = randomUUID();
    assert.equal((await deliver(a.url, body, { deliveryId })).status, 200);
    assert.equal((await deliver(b.url, body, { deliveryId })).status, 409);

    const racing = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => deliver(i % 2 ? a.url : b.url, body, { deliveryId: racing })),
    );
    assert.deepEqual(answers.map((x) => x.status).sort(), [200, ...Array(9).fill(409)]);
    assert.equal((await b.partner.stores.webhooks.verification(4242))?.state, 'verified');
  });
});
