// The client's sandbox helper against the real platform in sandbox mode (issue 11): each call reaches the
// control plane and does what it says.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestPlatform, type TestPlatform } from '@account-access/platform/testing';
import {
  createClient,
  createSandbox,
  generateRegistrationCode,
  isOAuthError,
  isWiseApiError,
  type Sandbox,
  type WiseClient,
} from '../src/index.js';

describe('the sandbox helper against the platform', () => {
  let platform: TestPlatform;
  let client: WiseClient;
  let sandbox: Sandbox;

  before(async () => {
    platform = await startTestPlatform({ settings: { sandbox: true } });
    const environment = { apiUrl: platform.url, authorizeUrl: `${platform.url}/oauth/authorize` };
    const partner = await platform.addClient({ name: 'Sandbox Helper Bank' });
    client = createClient({ environment, ...partner, now: () => platform.clock.now().getTime() });
    sandbox = createSandbox({ baseUrl: platform.url });
  });
  after(() => platform.close());

  test('reclaim: the partner’s registration code stops working', async () => {
    const email = 'reclaimed.by.helper@example.com';
    const registrationCode = generateRegistrationCode();
    assert.equal((await client.createUser({ email, registrationCode })).kind, 'created');
    await client.tokensFromRegistrationCode({ email, registrationCode });
    const reclaimed = await sandbox.reclaim(email);
    assert.equal(reclaimed.email, email);
    await assert.rejects(client.tokensFromRegistrationCode({ email, registrationCode }), (e) =>
      isOAuthError(e, 'invalid_grant'),
    );
    await assert.rejects(sandbox.reclaim('nobody@example.com'), (e) => isWiseApiError(e, 404));
  });

  test('outbox: the emailed-code link a conflict asked for', async () => {
    const email = 'outbox.by.helper@example.com';
    await client.createUser({ email, registrationCode: generateRegistrationCode() });
    await client.createUser({
      email,
      registrationCode: generateRegistrationCode(),
      sendAuthorizationCodeAsEmail: true,
    });
    const [mail] = await sandbox.outbox({ to: email });
    assert.equal(mail?.to, email);
    assert.match(mail?.links[0] ?? '', /\/oauth\/email-code\//);
    assert.ok((await sandbox.outbox()).some((m) => m.id === mail?.id));
  });

  test('webhooks: deliver answers the round; redeliver of an unknown delivery is a 404', async () => {
    assert.deepEqual(await sandbox.webhooks.deliver(), { delivered: 0, retried: 0, failed: 0 });
    await assert.rejects(sandbox.webhooks.redeliver(randomUUID()), (e) => isWiseApiError(e, 404));
  });

  test('grants by id: list, expire (the access token is 401, the refresh works), revoke (the refresh fails)', async () => {
    const email = 'grants.by.helper@example.com';
    const registrationCode = generateRegistrationCode();
    await client.createUser({ email, registrationCode });
    const tokens = await client.tokensFromRegistrationCode({ email, registrationCode });
    const me = await client.me(tokens.accessToken);
    const [grant] = await sandbox.grants.list({ userId: me.id });
    assert.equal(typeof grant?.['id'], 'string');
    const id = grant!['id'] as string;

    await sandbox.grants.expire(id);
    await assert.rejects(client.me(tokens.accessToken), (e) => isWiseApiError(e, 401));
    const refreshed = await client.refresh(tokens.refreshToken);
    assert.equal((await client.me(refreshed.accessToken)).email, email);

    await sandbox.grants.revoke(id);
    await assert.rejects(client.refresh(tokens.refreshToken), (e) => isOAuthError(e, 'invalid_grant'));
    assert.deepEqual(await sandbox.grants.list({ userId: me.id }), [], 'no live grant left');
    await assert.rejects(sandbox.grants.revoke('no-such-grant'), (e) => isWiseApiError(e, 404));
  });

  test('a refresh-token expiry by grant id: the refresh answers invalid_grant', async () => {
    const email = 'refresh.expiry.by.helper@example.com';
    const registrationCode = generateRegistrationCode();
    await client.createUser({ email, registrationCode });
    const tokens = await client.tokensFromRegistrationCode({ email, registrationCode });
    const [grant] = await sandbox.grants.list({ userId: (await client.me(tokens.accessToken)).id });
    const expired = await sandbox.grants.expire(grant!['id'] as string, { refreshToken: true });
    assert.equal(expired['refreshTokenExpired'], true);
    await assert.rejects(client.me(tokens.accessToken), (e) => isWiseApiError(e, 401));
    await assert.rejects(client.refresh(tokens.refreshToken), (e) => isOAuthError(e, 'invalid_grant'));
  });

  test('clients and webhook deliveries are listed, never with a secret', async () => {
    const clients = await sandbox.clients.list();
    const bank = clients.find((c) => c['name'] === 'Sandbox Helper Bank');
    assert.equal(bank?.['hasSecret'], true);
    assert.ok(!JSON.stringify(clients).includes('secret_hash'));
    const clientId = bank!['clientId'] as string;
    assert.deepEqual(await sandbox.webhooks.list({ clientId }), []);
    const subscription = await client.subscriptions.application.create(clientId, {
      name: 'Listed',
      trigger_on: 'profiles#verification-state-change',
      delivery: { version: '2.0.0', url: 'http://127.0.0.1:9/hook' },
    });
    const [queued] = await client.subscriptions.application.test(clientId, subscription.id);
    const listed = await sandbox.webhooks.list({ clientId, limit: 5 });
    assert.deepEqual(
      listed.map((d) => [d['deliveryId'], d['status'], d['test']]),
      [[queued!.delivery_id, 'pending', true]],
    );
  });

  test('clock: advance past 12 hours and the access token is 401; reset; a backward move is a 400', async () => {
    const email = 'clock.by.helper@example.com';
    const registrationCode = generateRegistrationCode();
    await client.createUser({ email, registrationCode });
    const tokens = await client.tokensFromRegistrationCode({ email, registrationCode });
    const before = await sandbox.clock.get();
    const moved = await sandbox.clock.advance(12 * 3600);
    assert.equal(moved.offsetSeconds, before.offsetSeconds + 12 * 3600);
    await assert.rejects(client.me(tokens.accessToken), (e) => isWiseApiError(e, 401));
    await assert.rejects(sandbox.clock.advance(-1), (e) => isWiseApiError(e, 400));
    assert.equal((await sandbox.clock.reset()).offsetSeconds, 0);
  });

  test('users: listed with their lock state; unlocking someone unknown is a 404', async () => {
    const users = await sandbox.users.list();
    assert.ok(
      users.some(
        (u) =>
          u['email'] === 'grants.by.helper@example.com' || u['email'] === 'reclaimed.by.helper@example.com',
      ),
    );
    assert.ok(users.every((u) => typeof u['locked'] === 'boolean'));
    await assert.rejects(sandbox.users.unlock('nobody.at.all@example.com'), (e) => isWiseApiError(e, 404));
  });

  test('faults: one 503 on the token endpoint is the client’s error, then normal service; list and clear', async () => {
    const fresh = createClient({
      environment: { apiUrl: platform.url, authorizeUrl: `${platform.url}/oauth/authorize` },
      ...(await platform.addClient({ name: 'Fault Bank' })),
      now: () => platform.clock.now().getTime(),
      retries: { limit: 0 },
    });
    const fault = await sandbox.faults.add({ method: 'POST', path: '/oauth/token', status: 503, count: 1 });
    assert.equal(fault.status, 503);
    assert.deepEqual(
      (await sandbox.faults.list()).map((f) => [f.id, f.remaining]),
      [[fault.id, 1]],
    );
    await assert.rejects(fresh.clientCredentialsToken(), (e) => isWiseApiError(e, 503));
    assert.equal(typeof (await fresh.clientCredentialsToken()).accessToken, 'string');
    assert.deepEqual(await sandbox.faults.list(), [], 'used up');
    await sandbox.faults.add({ method: 'GET', path: '/v1/*', status: 500, count: 5 });
    await sandbox.faults.clear();
    assert.deepEqual(await sandbox.faults.list(), []);
    await assert.rejects(sandbox.faults.add({ method: 'POST', path: '/oauth/token', count: 1 }), (e) =>
      isWiseApiError(e, 400),
    );
  });

  test('requests: the journal, newest first, filtered by path and status', async () => {
    await client.userExists('journaled.by.helper@example.com');
    const [latest] = await sandbox.requests.list({ path: '/v1/users/exists', limit: 1 });
    assert.equal(latest?.method, 'POST');
    assert.equal(latest?.status, 200);
    const refused = await sandbox.requests.list({ status: 503 });
    assert.ok(refused.every((r) => r.status === 503));
    assert.ok(refused.some((r) => r.path.startsWith('/oauth/token')));
  });
});

describe('the sandbox helper: people, snapshots and reset against the platform', () => {
  const seed = {
    clients: [
      {
        clientId: 'snapshot-bank',
        clientSecret: 'snapshot-bank-secret-for-this-test-only',
        name: 'Snapshot Bank',
        redirectUris: ['https://bank.example/callback'],
      },
    ],
  };
  let platform: TestPlatform;
  let sandbox: Sandbox;
  const emails = async () => (await sandbox.users.list()).map((u) => u['email']).sort();

  before(async () => {
    platform = await startTestPlatform({ settings: { sandbox: true }, seed });
    sandbox = createSandbox({ baseUrl: platform.url });
  });
  after(() => platform.close());

  test('a person created, a snapshot taken and imported, then back to the seed', async () => {
    const first = await sandbox.users.create({ email: 'kept@example.com', password: 'a long test password' });
    assert.equal(typeof first['id'], 'number');
    await assert.rejects(
      sandbox.users.create({ email: 'kept@example.com', password: 'a long test password' }),
      (e) => isWiseApiError(e, 409),
    );
    const snapshot = await sandbox.state.export();
    await sandbox.users.create({ email: 'later@example.com', password: 'a long test password' });
    assert.deepEqual(await emails(), ['kept@example.com', 'later@example.com']);

    await sandbox.state.import(snapshot);
    assert.deepEqual(await emails(), ['kept@example.com']);
    assert.deepEqual(await sandbox.state.export(), snapshot, 'the import is the snapshot, exactly');

    await sandbox.reset();
    assert.deepEqual(await emails(), [], 'the seed has no people');
    const environment = { apiUrl: platform.url, authorizeUrl: `${platform.url}/oauth/authorize` };
    const bank = createClient({ environment, ...seed.clients[0]! });
    assert.equal(
      typeof (await bank.clientCredentialsToken()).accessToken,
      'string',
      'the seed client is back',
    );
    await assert.rejects(sandbox.state.import({ version: 999, tables: {} }), (e) => isWiseApiError(e, 400));
  });
});
