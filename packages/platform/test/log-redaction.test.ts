import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../src/app.js';
import { createPlatform } from '../src/context.js';
import { redactUrl } from '../src/http/log-redaction.js';
import { FakeClock, testDatabase, testPlatformConfig } from './support/index.js';

describe('request logs never hold single-use tokens (contract §4, §6, §7)', () => {
  const lines: string[] = [];
  let app: ReturnType<typeof createApp>;
  let close: () => Promise<void>;
  let db: Awaited<ReturnType<typeof testDatabase>>;

  before(async () => {
    db = await testDatabase();
    const config = testPlatformConfig({ logLevel: 'info' });
    app = createApp(createPlatform(config, db, new FakeClock().now), {
      logStream: { write: (line: string) => void lines.push(line) },
    });
    close = async () => {
      await app.close();
      await db.close();
    };
  });
  after(() => close());

  test('emailed links, set-password links, code, claim_account_code and state are blanked', async () => {
    const secrets = [
      'EMAILTOKEN0123456789abcdefghij',
      'RESETTOKEN0123456789abcdefghij',
      'THECODE',
      'THECLAIM',
      'THESTATE',
    ];
    await app.inject(`/oauth/email-code/${secrets[0]}`);
    await app.inject(`/account/set-password/${secrets[1]}?x=1`);
    await app.inject(
      `/oauth/authorize?client_id=c&code=${secrets[2]}&claim_account_code=${secrets[3]}&state=${secrets[4]}`,
    );
    const log = lines.join('');
    assert.ok(log.includes('/oauth/email-code/[redacted]'), log);
    assert.ok(log.includes('/account/set-password/[redacted]?x=1'));
    assert.ok(log.includes('client_id=c&code=[redacted]&claim_account_code=[redacted]&state=[redacted]'));
    for (const secret of secrets) assert.ok(!log.includes(secret), `${secret} in the log`);
  });

  test('one JSON line per request: id, route pattern, method, status, duration, client; never a secret (issue 15)', async () => {
    const { registerClient } = await import('../src/clients/register.js');
    const platform = createPlatform(testPlatformConfig(), db, new FakeClock().now);
    const { clientId, clientSecret } = await registerClient(platform, {
      name: 'Log Bank',
      redirectUris: ['https://bank.example/callback'],
    });
    lines.length = 0;
    const token = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'grant_type=client_credentials',
    });
    assert.equal(token.statusCode, 200);
    const accessToken = token.json().access_token as string;
    await app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${accessToken}` } });
    for (const url of ['/ready', '/metrics', '/health']) await app.inject(url);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(records.length, 5, lines.join(''));
    const [tokenLine, meLine, readyLine, metricsLine] = records;
    assert.equal(tokenLine!['route'], '/oauth/token');
    assert.equal(tokenLine!['method'], 'POST');
    assert.equal(tokenLine!['status'], 200);
    assert.equal(tokenLine!['clientId'], clientId);
    assert.equal(typeof tokenLine!['reqId'], 'string');
    assert.equal(typeof tokenLine!['durationMs'], 'number');
    assert.equal(meLine!['clientId'], clientId);
    assert.equal(readyLine!['route'], '/ready');
    assert.equal(metricsLine!['route'], '/metrics');
    const log = lines.join('');
    for (const secret of [clientSecret ?? '', accessToken])
      assert.ok(!log.includes(secret), 'a secret in the log');
  });

  test('percent-encoded names are recognised too; other parameters are kept', () => {
    assert.equal(
      redactUrl('/oauth/authorize?%73tate=x&client_id=y'),
      '/oauth/authorize?%73tate=[redacted]&client_id=y',
    );
    assert.equal(redactUrl('/health'), '/health');
    assert.equal(redactUrl('/2026Q3/oauth/email-code/abc'), '/2026Q3/oauth/email-code/[redacted]');
  });
});
