import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  linkAccount,
  PageClient,
  PERSONAL,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';

const REDIRECT = 'https://bank.example/callback';

describe('a failure at the end of the hosted flow (contract §4)', () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };
  const person = { email: 'ada@example.com', password: 'correct horse battery staple' };

  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ redirectUris: [REDIRECT] });
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
  });
  after(() => p.close());

  test('goes back to the partner as server_error, with state and iss, and no internals', async () => {
    await p.db.query('alter table authorization_codes rename to authorization_codes_unavailable');
    try {
      const callback = await linkAccount(p, new PageClient(p.url), {
        client,
        redirectUri: REDIRECT,
        ...person,
        state: 'st',
      });
      assert.equal(callback.origin + callback.pathname, REDIRECT);
      assert.equal(callback.searchParams.get('error'), 'server_error');
      assert.equal(callback.searchParams.get('state'), 'st');
      assert.equal(callback.searchParams.get('iss'), p.platform.config.issuer);
      assert.equal(callback.searchParams.get('code'), null);
      assert.doesNotMatch(callback.href, /unavailable|relation/);
    } finally {
      await p.db.query('alter table authorization_codes_unavailable rename to authorization_codes');
    }
  });
});
