import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { registerClient } from '../src/clients/register.js';
import { loadPlatformConfig } from '../src/config/config.js';
import { startPlatform } from '../src/server.js';
import { clientToken, registrationCode, signup } from './mail/helpers.js';
import {
  PageClient,
  pkcePair,
  startTestPlatform,
  TEST_SERVER_SECRET,
  type TestPlatform,
  testDatabase,
} from './support/index.js';

/** The port the server is really bound to, read from the socket, not from the config. */
const boundPort = (p: { app: { server: { address(): unknown } } }) =>
  (p.app.server.address() as { port: number }).port;

/** An authorize request the platform refuses by redirect (PKCE plain), so the redirect carries `iss`. */
async function issOfRefusal(baseUrl: string, clientId: string): Promise<string | null> {
  const query = new URLSearchParams({
    client_id: clientId,
    redirect_uri: 'https://bank.example/callback',
    state: 's',
    code_challenge: pkcePair().challenge,
    code_challenge_method: 'plain',
  });
  const res = await new PageClient(baseUrl).get(`/oauth/authorize?${query}`);
  assert.equal(res.status, 302);
  return new URL(res.location!).searchParams.get('iss');
}

describe('the platform binds port 0 itself; with no issuer configured the issuer names that port', () => {
  const started: { close(): Promise<void> }[] = [];
  after(async () => {
    for (const s of started.reverse()) await s.close();
  });

  test('callbacks (RFC 9207 iss) and emailed links name the real port', async () => {
    const p: TestPlatform = await startTestPlatform();
    started.push(p);
    const port = boundPort(p);
    assert.ok(port > 0);
    assert.equal(p.platform.config.port, port);
    assert.equal(p.platform.config.issuer, `http://127.0.0.1:${port}`);
    assert.equal(p.url, p.platform.config.issuer);

    const client = await p.addClient();
    assert.equal(await issOfRefusal(p.url, client.clientId), `http://127.0.0.1:${port}`);

    // An existing email with sendAuthorizationCodeAsEmail: the emailed link is on the issuer (contract §6).
    const token = await clientToken(p, client);
    const email = 'port-zero@example.com';
    const first = await signup(p, token, { email, registrationCode: registrationCode() });
    assert.equal(first.status, 200);
    const again = await signup(p, token, {
      email,
      registrationCode: registrationCode(),
      sendAuthorizationCodeAsEmail: true,
    });
    assert.equal(again.status, 409);
    const outbox = await fetch(`${p.url}/_sandbox/outbox?to=${encodeURIComponent(email)}`);
    const [mail] = (await outbox.json()) as { links: string[] }[];
    assert.match(mail!.links[0]!, new RegExp(`^http://127\\.0\\.0\\.1:${port}/oauth/email-code/`));
  });

  test('with no host configured either, the issuer is http://localhost:<real port>', async () => {
    const db = await testDatabase();
    const config = loadPlatformConfig({
      env: {},
      overrides: { mode: 'test', port: 0, serverSecret: TEST_SERVER_SECRET },
    });
    assert.equal(config.issuer, 'http://localhost:0', 'before binding, only the asked-for port is known');
    const running = await startPlatform(config, { db });
    started.push({
      async close() {
        await running.close();
        await db.close();
      },
    });
    const port = boundPort(running);
    assert.ok(port > 0);
    assert.equal(running.platform.config.issuer, `http://localhost:${port}`);
    assert.equal(config.issuer, 'http://localhost:0', 'the loaded config stays as it was');
    const { clientId } = await registerClient(running.platform, {
      name: 'Port Bank',
      redirectUris: ['https://bank.example/callback'],
    });
    assert.equal(await issOfRefusal(running.url, clientId), `http://localhost:${port}`);
  });

  test('a configured issuer wins over the bound port', async () => {
    const p = await startTestPlatform({ settings: { issuer: 'https://platform.example/' } });
    started.push(p);
    assert.equal(p.platform.config.issuer, 'https://platform.example');
    assert.equal(p.platform.config.port, boundPort(p));
    const client = await p.addClient();
    assert.equal(await issOfRefusal(p.url, client.clientId), 'https://platform.example');
  });

  test('a port in use is refused with EADDRINUSE and leaves nothing listening', async () => {
    const p = await startTestPlatform();
    started.push(p);
    await assert.rejects(startTestPlatform({ settings: { port: boundPort(p) } }), { code: 'EADDRINUSE' });
    assert.equal((await fetch(`${p.url}/oauth/authorize`)).status, 400, 'the first one still answers');
  });
});
