import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { seedCredentials } from '../src/auth/seed-step.js';
import { seedProfiles } from '../src/profiles/seed.js';
import { applySeed, DEMO_SEED, readSeedFile } from '../src/seed.js';
import { basic, postForm, startTestPlatform, type TestPlatform } from './support/index.js';

let p: TestPlatform;
before(async () => {
  p = await startTestPlatform();
});
after(() => p.close());

test('the demo seed applies idempotently: the demo client works with its documented secret', async () => {
  const seed = await readSeedFile(fileURLToPath(DEMO_SEED));
  // The steps `platform serve --seed` and `npm start` apply: credentials, then profiles.
  await applySeed(p.platform, seed, [seedCredentials, seedProfiles]);
  await applySeed(p.platform, seed, [seedCredentials, seedProfiles]);

  const { rows: clients } = await p.db.query<{
    client_id: string;
    secret_hash: string;
    redirect_uris: string[];
  }>('select client_id, secret_hash, redirect_uris from clients');
  assert.deepEqual(
    clients.map((c) => [c.client_id, c.redirect_uris]),
    [['demo-bank', ['http://localhost:3000/wise/callback', 'bank://wise/callback']]],
  );
  assert.notEqual(clients[0]!.secret_hash, 'demo-bank-secret-for-local-use-only');

  const { rows: users } = await p.db.query<{ email: string; created_by_client_id: string | null }>(
    'select email, created_by_client_id from users order by id',
  );
  assert.deepEqual(users, [
    { email: 'ana.silva@example.com', created_by_client_id: null },
    { email: 'john.smith@example.com', created_by_client_id: null },
    { email: 'sofia.costa@example.com', created_by_client_id: null },
    { email: 'no.profile@example.com', created_by_client_id: null },
  ]);
  const { rows: profiles } = await p.db.query<{ email: string; type: string; date_of_birth: string }>(
    `select u.email, p.type, p.date_of_birth::text as date_of_birth
       from profiles p join users u on u.id = p.user_id order by u.id`,
  );
  assert.deepEqual(profiles, [
    { email: 'ana.silva@example.com', type: 'PERSONAL', date_of_birth: '1990-02-28' },
    { email: 'john.smith@example.com', type: 'PERSONAL', date_of_birth: '1985-07-14' },
    { email: 'sofia.costa@example.com', type: 'PERSONAL', date_of_birth: '1993-11-30' },
  ]);

  const res = await postForm(
    `${p.url}/oauth/token`,
    { grant_type: 'client_credentials' },
    { authorization: basic('demo-bank', 'demo-bank-secret-for-local-use-only') },
  );
  assert.equal(res.status, 200);
  // Seeded people are not the partner's API-created users: the registration_code grant does not reach them.
  const grant = await postForm(
    `${p.url}/oauth/token`,
    {
      grant_type: 'registration_code',
      client_id: 'demo-bank',
      email: 'ana.silva@example.com',
      registration_code: 'x'.repeat(32),
    },
    { authorization: basic('demo-bank', 'demo-bank-secret-for-local-use-only') },
  );
  assert.equal(grant.status, 401);
});

test('a seed file that is not a JSON object is refused with a clear message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'account-access-seed-'));
  try {
    writeFileSync(join(dir, 'list.json'), '[]');
    await assert.rejects(readSeedFile(join(dir, 'list.json')), /must hold a JSON object/);
    writeFileSync(join(dir, 'bad.json'), '{');
    await assert.rejects(readSeedFile(join(dir, 'bad.json')), /Cannot read the seed file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('refreshTokenRotation: a seeded client rotates when asked, a public one always, anything else refused', async () => {
  const client = (clientId: string, over: Record<string, unknown>) => ({
    clientId,
    name: clientId,
    redirectUris: ['https://bank.example/callback'],
    ...over,
  });
  await applySeed(p.platform, {
    clients: [
      client('seed-rotating', { clientSecret: 's'.repeat(32), refreshTokenRotation: 'always' }),
      client('seed-keeping', { clientSecret: 's'.repeat(32) }),
      client('seed-public', { public: true }),
    ],
  });
  const rotate = async (id: string) => (await p.platform.stores.clients.find(id))?.rotate;
  assert.deepEqual(
    [await rotate('seed-rotating'), await rotate('seed-keeping'), await rotate('seed-public')],
    ['always', 'never', 'always'],
  );
  await assert.rejects(
    applySeed(p.platform, { clients: [client('seed-bad', { refreshTokenRotation: 'sometimes' } as never)] }),
    /refreshTokenRotation is "never" or "always"/,
  );
  await assert.rejects(
    applySeed(p.platform, { clients: [client('seed-bad', { public: true, refreshTokenRotation: 'never' })] }),
    /always rotates/,
  );
});
