import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient } from './client.js';
import { ENVIRONMENTS, resolveEnvironment } from './environments.js';
import { fakeFetch, json } from './testing/fake-fetch.js';

describe('environments', () => {
  it('names the hosts of the contract', () => {
    assert.deepEqual(resolveEnvironment('production'), {
      apiUrl: 'https://api.wise.com',
      authorizeUrl: 'https://wise.com/oauth/authorize/',
    });
    assert.deepEqual(resolveEnvironment('sandbox'), {
      apiUrl: 'https://api.wise-sandbox.com',
      authorizeUrl: 'https://wise-sandbox.com/oauth/authorize/',
    });
    assert.deepEqual(resolveEnvironment('local'), {
      apiUrl: 'http://localhost:4000',
      authorizeUrl: 'http://localhost:4000/oauth/authorize',
    });
    assert.ok(Object.isFrozen(ENVIRONMENTS.production));
  });

  it('takes explicit URLs, dropping trailing slashes of the API base (a path prefix is kept)', () => {
    assert.deepEqual(
      resolveEnvironment({
        apiUrl: 'http://127.0.0.1:5123/2026Q3/',
        authorizeUrl: 'http://127.0.0.1:5123/oauth/authorize/',
      }),
      { apiUrl: 'http://127.0.0.1:5123/2026Q3', authorizeUrl: 'http://127.0.0.1:5123/oauth/authorize/' },
    );
  });

  it('rejects unknown names and unusable URLs', () => {
    assert.throws(() => resolveEnvironment('staging' as 'local'), TypeError);
    assert.throws(
      () => resolveEnvironment({ apiUrl: 'api.wise.com', authorizeUrl: 'https://wise.com/' }),
      TypeError,
    );
    assert.throws(
      () => resolveEnvironment({ apiUrl: 'ftp://x', authorizeUrl: 'https://wise.com/' }),
      TypeError,
    );
    assert.throws(
      () => resolveEnvironment({ apiUrl: 'https://x/?a=1', authorizeUrl: 'https://wise.com/' }),
      TypeError,
    );
  });
});

describe('createClient', () => {
  it('requires client credentials', () => {
    assert.throws(() => createClient({ environment: 'local', clientId: '', clientSecret: 's' }), TypeError);
    assert.throws(() => createClient({ environment: 'local', clientId: 'c', clientSecret: '' }), TypeError);
    assert.throws(
      () => createClient({ environment: 'local', clientId: 'c', clientSecret: 's', timeoutMs: 0 }),
      TypeError,
    );
  });

  it('exposes its id and endpoints', () => {
    const client = createClient({ environment: 'sandbox', clientId: 'c', clientSecret: 's' });
    assert.equal(client.clientId, 'c');
    assert.equal(client.endpoints.apiUrl, 'https://api.wise-sandbox.com');
  });

  it('sends every request to the explicit base URL through the injected fetch', async () => {
    const fake = fakeFetch(json(200, []));
    const client = createClient({
      environment: { apiUrl: 'http://127.0.0.1:5999', authorizeUrl: 'http://127.0.0.1:5999/oauth/authorize' },
      clientId: 'c',
      clientSecret: 's',
      fetch: fake.fetch,
    });
    await client.listProfiles('t');
    assert.equal(fake.requests[0]?.url, 'http://127.0.0.1:5999/v2/profiles');
  });

  it('takes a retry count or a full retry policy', async () => {
    const fail = () => fakeFetch(json(503, {}));
    const a = fail();
    const noRetry = createClient({
      environment: 'local',
      clientId: 'c',
      clientSecret: 's',
      fetch: a.fetch,
      retries: 0,
    });
    await assert.rejects(noRetry.listProfiles('t'));
    assert.equal(a.requests.length, 1);
    const b = fail();
    const sleeps: number[] = [];
    const policy = createClient({
      environment: 'local',
      clientId: 'c',
      clientSecret: 's',
      fetch: b.fetch,
      retries: { limit: 3, baseDelayMs: 10, maxDelayMs: 15 },
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    await assert.rejects(policy.listProfiles('t'));
    assert.equal(b.requests.length, 4);
    assert.deepEqual(sleeps, [5, 7, 7]);
  });

  it('keeps defaults for omitted retry fields and refuses negative ones', async () => {
    const fake = fakeFetch(json(503, {}));
    const client = createClient({
      environment: 'local',
      clientId: 'c',
      clientSecret: 's',
      fetch: fake.fetch,
      retries: { limit: undefined, baseDelayMs: 1 },
      sleep: async () => {},
    });
    await assert.rejects(client.listProfiles('t'));
    assert.equal(fake.requests.length, 3);
    assert.throws(
      () => createClient({ environment: 'local', clientId: 'c', clientSecret: 's', retries: -1 }),
      TypeError,
    );
  });
});
