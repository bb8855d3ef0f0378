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
});
