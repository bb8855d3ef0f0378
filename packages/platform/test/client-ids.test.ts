import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ClientRegistrationError, registerClient } from '../src/clients/register.js';
import { applySeed } from '../src/seed.js';
import { emailKey } from '../src/store/users.js';
import { startTestPlatform, type TestPlatform } from './support/index.js';

const BACKEND = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';
const ALL_DIGITS = /is all digits, as user ids are/;

/** RFC 9700 §4.15: a client id can never be taken for a user id, and user ids are numbers. */
describe(`client ids never equal a user id (${BACKEND})`, () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform();
  });
  after(() => p.close());

  const register = (clientId: string) =>
    registerClient(p.platform, { name: 'Bank', redirectUris: ['https://bank.example/cb'], clientId });

  test('the id of an existing user is refused as a client id, with a clear message', async () => {
    const user = await p.platform.stores.users.create({
      email: 'first@example.com',
      emailKey: emailKey('first@example.com'),
      language: 'EN',
      createdByClientId: null,
      registrationCodeHash: null,
    });
    assert.notEqual(user, 'conflict');
    const id = String((user as { id: number }).id);
    await assert.rejects(register(id), (error: Error) => {
      assert.ok(error instanceof ClientRegistrationError);
      assert.match(error.message, ALL_DIGITS);
      assert.match(error.message, new RegExp(`bank-${id}`), 'it suggests one that works');
      return true;
    });
    assert.equal(await p.platform.stores.clients.find(id), null);
  });

  test('any all-digit id is refused; ids with a letter or a separator are fine', async () => {
    for (const id of ['1000001', '0', '007', '9'.repeat(100)])
      await assert.rejects(register(id), ALL_DIGITS, id);
    for (const id of ['bank-1000001', '1000001a', '1.0', '-1', 'x'])
      assert.equal((await register(id)).clientId, id);
  });

  test('generated ids are never all digits, even from a name of digits', async () => {
    for (const name of ['1000001', '42', '!!!']) {
      const { clientId } = await registerClient(p.platform, { name, redirectUris: [] });
      assert.doesNotMatch(clientId, /^[0-9]+$/, clientId);
      assert.match(clientId, /^[a-z0-9-]+-[0-9a-f]{8}$/);
    }
  });

  test('a seed with an all-digit client id is refused before anything is saved', async () => {
    const seed = {
      clients: [
        { clientId: 'seed-ok', name: 'Fine', redirectUris: [] },
        { clientId: '1000002', name: 'Colliding', redirectUris: [] },
      ],
    };
    await assert.rejects(applySeed(p.platform, seed), ALL_DIGITS);
    const numeric = {
      clients: [{ clientId: 1000003 as unknown as string, name: 'Number', redirectUris: [] }],
    };
    await assert.rejects(applySeed(p.platform, numeric), ALL_DIGITS);
    assert.equal(await p.platform.stores.clients.find('seed-ok'), null, 'nothing half-applied');
  });

  test('the database holds the rule too (migration 092)', async () => {
    await assert.rejects(
      p.db.query(`insert into clients (client_id, name, redirect_uris) values ('1000004', 'Raw', '{}')`),
      /clients_id_not_numeric/,
    );
  });
});
