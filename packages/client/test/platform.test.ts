// The client against the real platform on an ephemeral port: every call the platform serves, end to end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestPlatform, type TestPlatform } from '@account-access/platform/testing';
import {
  createClient,
  generateRegistrationCode,
  isOAuthError,
  isValidationError,
  isWiseApiError,
  type WiseClient,
} from '../src/index.js';

describe('client against the platform', () => {
  let platform: TestPlatform;
  let client: WiseClient;
  let other: WiseClient;

  before(async () => {
    platform = await startTestPlatform();
    const environment = { apiUrl: platform.url, authorizeUrl: `${platform.url}/oauth/authorize` };
    const partner = await platform.addClient({ name: 'Client Test Bank' });
    const rival = await platform.addClient({ name: 'Rival Bank' });
    const now = () => platform.clock.now().getTime();
    client = createClient({ environment, ...partner, now });
    other = createClient({ environment, ...rival, now });
  });
  after(() => platform.close());

  test('client credentials token is issued and cached', async () => {
    const first = await client.clientCredentialsToken();
    const second = await client.clientCredentialsToken();
    assert.equal(first.accessToken, second.accessToken);
    assert.equal(first.expiresAt, platform.clock.now().getTime() + 43_199_000);
  });

  test('the cached client token is renewed shortly before it expires, and calls go on working', async () => {
    const cached = await client.clientCredentialsToken();
    platform.clock.advance(43_199 - 6 * 60);
    assert.equal((await client.clientCredentialsToken()).accessToken, cached.accessToken);
    platform.clock.advance(2 * 60);
    const renewed = await client.clientCredentialsToken();
    assert.notEqual(renewed.accessToken, cached.accessToken);
    assert.equal(renewed.expiresAt, platform.clock.now().getTime() + 43_199_000);
    assert.equal(await client.userExists('nobody.yet@example.com'), false);
    // A forced renewal gets a new token at once.
    const forced = await client.clientCredentialsToken({ forceRefresh: true });
    assert.notEqual(forced.accessToken, renewed.accessToken);
    assert.equal(await client.userExists('nobody.yet@example.com'), false);
  });

  test('create user, conflict on the same email, exists', async () => {
    const email = 'client.flow@example.com';
    const created = await client.createUser({ email, registrationCode: generateRegistrationCode() });
    assert.equal(created.kind, 'created');
    if (created.kind !== 'created') return;
    assert.equal(created.user.email, email);
    const again = await client.createUser({ email, registrationCode: generateRegistrationCode() });
    assert.equal(again.kind, 'conflict');
    if (again.kind === 'conflict') assert.equal(again.maskedEmail, 'cl*********@example.com');
    assert.equal(await client.userExists(email), true);
    assert.equal(await client.userExists('nobody@example.com'), false);
  });

  test('create user with sendAuthorizationCodeAsEmail on an existing email: a conflict, and a mail with the link', async () => {
    const email = 'emailed.code@example.com';
    assert.equal(
      (await other.createUser({ email, registrationCode: generateRegistrationCode() })).kind,
      'created',
    );
    const outbox = async () =>
      (await (await fetch(`${platform.url}/_sandbox/outbox?to=${encodeURIComponent(email)}`)).json()) as {
        to: string;
        links: string[];
      }[];
    assert.deepEqual(await outbox(), []);

    const result = await client.createUser({
      email,
      registrationCode: generateRegistrationCode(),
      sendAuthorizationCodeAsEmail: true,
    });
    assert.equal(result.kind, 'conflict');
    if (result.kind !== 'conflict') return;
    assert.equal(result.authorizationCodeEmailRequested, true);
    assert.equal(result.error.status, 409);
    assert.ok(isValidationError(result.error, 'NOT_UNIQUE', 'email'));
    const mails = await outbox();
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to, email);
    assert.equal(mails[0]!.links.length, 1);
    assert.match(mails[0]!.links[0]!, /\/oauth\/email-code\/[A-Za-z0-9_-]{43}$/);

    // Without the flag: the same conflict, and no mail.
    const plain = await client.createUser({ email, registrationCode: generateRegistrationCode() });
    assert.equal(plain.kind === 'conflict' && plain.authorizationCodeEmailRequested, false);
    platform.clock.advance(120);
    await client.createUser({ email, registrationCode: generateRegistrationCode() });
    assert.equal((await outbox()).length, 1);
  });

  test('registration code tokens, me, refresh; the old access token stops working', async () => {
    const email = 'tokens@example.com';
    const registrationCode = generateRegistrationCode();
    assert.equal((await client.createUser({ email, registrationCode })).kind, 'created');
    const tokens = await client.tokensFromRegistrationCode({ email, registrationCode });
    assert.equal((await client.me(tokens.accessToken)).email, email);
    const refreshed = await client.refresh(tokens.refreshToken);
    assert.equal(refreshed.refreshToken, tokens.refreshToken);
    assert.notEqual(refreshed.accessToken, tokens.accessToken);
    await assert.rejects(client.me(tokens.accessToken), (e) => isOAuthError(e, 'invalid_token'));
    assert.equal((await client.me(refreshed.accessToken)).email, email);
  });

  test('typed errors: wrong registration code, another partner, bad refresh token, validation', async () => {
    const email = 'errors@example.com';
    const registrationCode = generateRegistrationCode();
    await client.createUser({ email, registrationCode });
    await assert.rejects(
      client.tokensFromRegistrationCode({ email, registrationCode: generateRegistrationCode() }),
      (e) => isOAuthError(e, 'invalid_grant') && isWiseApiError(e, 401),
    );
    await assert.rejects(other.tokensFromRegistrationCode({ email, registrationCode }), (e) =>
      isOAuthError(e, 'invalid_grant'),
    );
    await assert.rejects(client.refresh('not-a-refresh-token'), (e) => isOAuthError(e, 'invalid_grant'));
    await assert.rejects(client.createUser({ email: 'not-an-email', registrationCode }), (e) =>
      isValidationError(e, 'ERROR', 'email'),
    );
    const wrongSecret = createClient({
      environment: client.endpoints,
      clientId: client.clientId,
      clientSecret: 'not-the-secret',
    });
    await assert.rejects(
      wrongSecret.clientCredentialsToken(),
      (e) => isOAuthError(e, 'invalid_client') && isWiseApiError(e, 401),
    );
    await assert.rejects(wrongSecret.createUser({ email: 'x@example.com', registrationCode }), (e) =>
      isOAuthError(e, 'invalid_client'),
    );
    await assert.rejects(wrongSecret.tokensFromRegistrationCode({ email, registrationCode }), (e) =>
      isOAuthError(e, 'invalid_client'),
    );
  });
});
