import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SeedFile } from '../../src/seed.js';
import { clientToken, enqueue, message, registrationCode, signup } from '../mail/helpers.js';
import {
  basic,
  bearer,
  get,
  postForm,
  postJson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';

const SEED: SeedFile = {
  clients: [
    {
      clientId: 'seed-bank',
      clientSecret: 'seed-bank-secret-for-tests',
      name: 'Seed Bank',
      redirectUris: ['https://bank.example/callback'],
    },
  ],
  users: [
    {
      email: 'seeded@example.com',
      password: 'seeded person password',
      totpSecret: 'JBSWY3DPEHPK3PXP',
      profiles: [
        {
          type: 'PERSONAL',
          firstName: 'Sam',
          lastName: 'Seed',
          dateOfBirth: '1980-01-01',
          address: {
            addressFirstLine: '1 Seed St',
            city: 'London',
            countryIso3Code: 'gbr',
            postCode: 'N1 1AA',
          },
        },
      ],
    },
  ],
};
const PARTNER = { clientId: 'seed-bank', clientSecret: 'seed-bank-secret-for-tests' };

type Snapshot = {
  version: number;
  migration: string;
  tables: Record<string, Record<string, unknown>[]>;
  sequences: Record<string, number | null>;
};

/**
 * What must differ between two platforms seeded alike: argon2id salts and TOTP envelopes' IVs are random,
 * profile public ids are random UUIDs, and timestamps the database stamps itself (`default now()`) are the
 * wall clock's. Everything else of a reset platform equals a fresh one.
 */
function comparable(s: Snapshot) {
  const drop = (k: string) => k.endsWith('_at') || ['password_hash', 'totp_secret', 'public_id'].includes(k);
  return {
    ...s,
    tables: Object.fromEntries(
      Object.entries(s.tables).map(([t, rows]) => [
        t,
        rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop(k)))),
      ]),
    ),
  };
}

describe('sandbox state: export, import, reset', () => {
  let p: TestPlatform;
  let fresh: Snapshot;
  const exported = async () => {
    const res = await get<Snapshot>(`${p.url}/_sandbox/state`);
    assert.equal(res.status, 200);
    return res.body;
  };
  const importing = (body: unknown) => postJson(`${p.url}/_sandbox/state`, body);
  const me = (token: string) => get(`${p.url}/v1/me`, bearer(token));

  /** Things a partner does: a user of its own, a grant, tokens; the access token. */
  async function activity() {
    const email = `made${Math.random().toString(36).slice(2)}@example.com`;
    const code = registrationCode();
    assert.equal(
      (await signup(p, await clientToken(p, PARTNER), { email, registrationCode: code })).status,
      200,
    );
    const res = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'registration_code', client_id: PARTNER.clientId, email, registration_code: code },
      { authorization: basic(PARTNER.clientId, PARTNER.clientSecret) },
    );
    assert.equal(res.status, 200);
    return { email, access: res.body.access_token as string };
  }

  before(async () => {
    p = await startTestPlatform({ seed: SEED });
    fresh = await exported();
  });
  after(() => p.close());

  test('the export: a version, the migration level, every state table, no secret in the clear', async () => {
    assert.equal(fresh.version, 1);
    assert.match(fresh.migration, /^\d{3}_[a-z0-9_]+$/);
    for (const t of ['clients', 'users', 'profiles', 'grants', 'access_tokens', 'mail_outbox'])
      assert.ok(Array.isArray(fresh.tables[t]), t);
    for (const t of ['schema_migrations', 'request_journal', 'webhook_signing_keys', 'sandbox_clock'])
      assert.equal(fresh.tables[t], undefined, t);
    assert.equal(fresh.tables['users']!.length, 1);
    assert.equal(fresh.sequences['users_id_seq'], 1000001);
    const text = JSON.stringify(fresh);
    for (const secret of [PARTNER.clientSecret, 'seeded person password', 'JBSWY3DPEHPK3PXP'])
      assert.equal(text.includes(secret), false, secret);
  });

  test('export → change things → import → the same export, and tokens of then work again', async () => {
    const before = await activity();
    const snapshot = await exported();
    const later = await activity();
    await postJson(`${p.url}/_sandbox/tokens/revoke`, { accessToken: before.access });
    assert.equal((await me(before.access)).status, 401);
    const res = await importing(snapshot);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(await exported(), snapshot);
    assert.equal((await me(before.access)).status, 200, 'the revoke is undone');
    assert.equal((await me(later.access)).status, 401, 'what came after the snapshot is gone');
    // New rows get the ids the snapshot's sequences say come next.
    const next = await activity();
    const users = (await exported()).tables['users']!.map((u) => u['id'] as number);
    assert.equal(Math.max(...users), snapshot.sequences['users_id_seq']! + 1);
    assert.equal((await me(next.access)).status, 200);
  });

  test('reset: back to the seed; the export equals a fresh platform’s (but for what must differ)', async () => {
    await activity();
    await postJson(`${p.url}/_sandbox/users`, {
      email: 'extra@example.com',
      password: 'extra password here',
    });
    const res = await postJson(`${p.url}/_sandbox/reset`, {});
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { reset: { clients: 1, users: 1 } });
    assert.deepEqual(comparable(await exported()), comparable(fresh));
    assert.equal(typeof (await clientToken(p, PARTNER)), 'string', 'the seeded client works');
  });

  test('parallel resets: each answers 200 and the state is exactly the seed once', async () => {
    await activity();
    const calls = await Promise.all(Array.from({ length: 5 }, () => postJson(`${p.url}/_sandbox/reset`, {})));
    assert.deepEqual(
      calls.map((c) => c.status),
      [200, 200, 200, 200, 200],
    );
    assert.deepEqual(comparable(await exported()), comparable(fresh));
  });

  test('resets while the partner keeps asking for tokens: every reset and every token request succeeds', async () => {
    const calls = await Promise.all([
      ...Array.from({ length: 3 }, () => postJson(`${p.url}/_sandbox/reset`, {})),
      ...Array.from({ length: 20 }, () =>
        postForm(
          `${p.url}/oauth/token`,
          { grant_type: 'client_credentials' },
          { authorization: basic(PARTNER.clientId, PARTNER.clientSecret) },
        ),
      ),
    ]);
    assert.deepEqual(
      calls.map((c) => c.status),
      Array(23).fill(200),
    );
  });

  test('an import that does not fit is a 400 naming what is wrong, and changes nothing', async () => {
    await activity();
    const now = await exported();
    const copy = () => structuredClone(now);
    const cases: [unknown, RegExp][] = [
      [[], /JSON object/],
      [{ ...copy(), version: 2 }, /version must be 1/],
      [{ ...copy(), migration: '001_foundation' }, /another migration level/],
      [{ ...copy(), tables: [] }, /tables must be an object/],
      [{ ...copy(), tables: { ...copy().tables, nope: [] } }, /no table nope/],
      [{ ...copy(), tables: { ...copy().tables, schema_migrations: [] } }, /not part of the state/],
      [{ ...copy(), sequences: { ...copy().sequences, users_id_seq: 'x' } }, /users_id_seq must be/],
      [{ ...copy(), sequences: { ...copy().sequences, users_id_seq: 1 } }, /below the largest users\.id/],
    ];
    const { users: _missing, ...withoutUsers } = copy().tables;
    cases.push([{ ...copy(), tables: withoutUsers }, /tables\.users is missing/]);
    const noEmail = copy();
    delete noEmail.tables['users']![0]!['email'];
    cases.push([noEmail, /has no email/]);
    const extra = copy();
    extra.tables['users']![0]!['colour'] = 'blue';
    cases.push([extra, /colour is not a column/]);
    const wrongType = copy();
    wrongType.tables['users']![0]!['id'] = 'not a number';
    cases.push([wrongType, /does not fit/]);
    // An object or a list in a plain column is refused, not stored as its JSON text.
    for (const value of [{ nested: true }, ['a']]) {
      const structured = copy();
      structured.tables['clients']![0]!['name'] = value;
      cases.push([structured, /tables\.clients\[0\]\.name must be a string, a number/]);
    }
    const dangling = copy();
    dangling.tables['grants']![0]!['client_id'] = 'no-such-client';
    cases.push([dangling, /does not fit/]);
    const duplicate = copy();
    duplicate.tables['clients']!.push(duplicate.tables['clients']![0]!);
    cases.push([duplicate, /does not fit/]);
    for (const [body, message] of cases) {
      const res = await importing(body);
      assert.equal(res.status, 400, `${message}: ${res.text}`);
      assert.match(res.body.errors[0].message, message);
    }
    assert.deepEqual(await exported(), now, 'nothing was applied');
  });

  test('a snapshot larger than the 1 MiB body limit of the API imports', async () => {
    await enqueue(p, {
      ...message('big@example.com'),
      html: `<!doctype html><p>${'x'.repeat(1_500_000)}</p>`,
    });
    const big = await exported();
    assert.ok(JSON.stringify(big).length > 1024 * 1024);
    await postJson(`${p.url}/_sandbox/reset`, {});
    assert.equal((await importing(big)).status, 200);
    assert.deepEqual(await exported(), big);
  });

  test('a platform started without a seed resets to empty', async () => {
    const bare = await startTestPlatform();
    try {
      await bare.addClient();
      assert.equal((await postJson(`${bare.url}/_sandbox/reset`, {})).status, 200);
      const state = (await get<Snapshot>(`${bare.url}/_sandbox/state`)).body;
      for (const [table, rows] of Object.entries(state.tables)) assert.deepEqual(rows, [], table);
    } finally {
      await bare.close();
    }
  });
});
