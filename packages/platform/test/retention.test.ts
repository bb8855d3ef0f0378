import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { purgeExpired } from '../src/server.js';
import { PERSONAL, seedPerson, startTestPlatform, type TestPlatform } from './support/index.js';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('purgeExpired: expired and used rows go, live rows stay', () => {
  let p: TestPlatform;
  let clientId: string;
  let userId: number;
  let profileId: number;

  before(async () => {
    p = await startTestPlatform();
    ({ clientId } = await p.addClient({ redirectUris: ['https://bank.example/callback'] }));
    userId = await seedPerson(p, {
      email: 'ada@example.com',
      password: 'correct horse battery staple',
      profiles: [PERSONAL],
    });
    const { rows } = await p.db.query<{ id: number }>('select id from profiles where user_id = $1', [userId]);
    profileId = rows[0]!.id;
  });
  after(() => p.close());

  /** A time `seconds` from the fake clock's now. */
  const at = (seconds: number) => new Date(p.clock.now().getTime() + seconds * 1000);
  const q = (sql: string, params: unknown[]) => p.db.query(sql, params);
  const keys = async (sql: string) => (await p.db.query<{ k: string }>(sql)).rows.map((r) => r.k).sort();

  async function grant(revoked: boolean): Promise<string> {
    const { rows } = await p.db.query<{ id: string }>(
      `insert into grants (client_id, user_id, grant_type, refresh_expires_at, revoked_at)
       values ($1, $2, 'authorization_code', $3, $4) returning id`,
      [clientId, userId, at(365 * DAY), revoked ? at(0) : null],
    );
    return rows[0]!.id;
  }

  test('after three days, what expired (plus a day of grace) is gone', async () => {
    // Short-lived rows expire in an hour; long-lived ones outlast the three days.
    for (const [key, expires] of [
      ['s-old', HOUR],
      ['s-live', 10 * DAY],
      ['s-grace', 2.5 * DAY],
    ] as const) {
      await q('insert into platform_sessions values ($1, $2, $3, $4)', [key, userId, at(0), at(expires)]);
    }
    for (const [key, expires, completed] of [
      ['i-old', HOUR, null],
      ['i-done', 10 * DAY, at(60)],
      ['i-live', 10 * DAY, null],
    ] as const) {
      await q(
        `insert into interactions (uid, browser_hash, client_id, created_at, expires_at, completed_at)
         values ($1, 'b', $2, $3, $4, $5)`,
        [key, clientId, at(0), at(expires), completed],
      );
    }
    for (const [key, start] of [
      ['a-old', 0],
      ['a-live', 3 * DAY],
    ] as const) {
      await q(`insert into attempt_counters (scope, key, attempts, window_start) values ('t', $1, 3, $2)`, [
        key,
        at(start),
      ]);
    }

    const live = await grant(false);
    const revoked = await grant(true);
    for (const [key, expires, consumed, grantId] of [
      ['c-unused', HOUR, null, null],
      ['c-live-grant', HOUR, at(60), live],
      ['c-revoked-grant', HOUR, at(60), revoked],
      ['c-live', 10 * DAY, null, null],
    ] as const) {
      await q(
        `insert into authorization_codes (code_hash, client_id, user_id, profile_id, created_at, expires_at,
           consumed_at, grant_id) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [key, clientId, userId, profileId, at(0), at(expires), consumed, grantId],
      );
    }
    for (const table of ['email_authorizations', 'claim_account_codes', 'password_reset_links']) {
      const column = table === 'claim_account_codes' ? 'code_hash' : 'token_hash';
      const clientColumn = table === 'password_reset_links' ? '' : ', client_id';
      for (const [key, expires, consumed] of [
        [`${table}-old`, HOUR, null],
        [`${table}-used`, 10 * DAY, at(60)],
        [`${table}-live`, 10 * DAY, null],
      ] as const) {
        await q(
          `insert into ${table} (${column}, user_id, created_at, expires_at, consumed_at${clientColumn})
           values ($1, $2, $3, $4, $5${clientColumn ? ', $6' : ''})`,
          [key, userId, at(0), at(expires), consumed, ...(clientColumn ? [clientId] : [])],
        );
      }
    }
    for (const [key, delivered] of [
      ['m-delivered', at(0)],
      ['m-pending', null],
    ] as const) {
      await q(
        `insert into mail_outbox (template, to_address, subject, text_body, html_body, message_id, created_at,
           next_attempt_at, delivered_at) values ('t', 'ada@example.com', 's', 't', 'h', $1, $2, $2, $3)`,
        [key, at(0), delivered],
      );
    }

    p.clock.advance(3 * DAY);
    const counts = await purgeExpired(p.platform);
    assert.equal(counts['platformSessions'], 1);

    assert.deepEqual(await keys('select token_hash as k from platform_sessions'), ['s-grace', 's-live']);
    assert.deepEqual(await keys('select uid as k from interactions'), ['i-live']);
    assert.deepEqual(await keys('select key as k from attempt_counters'), ['a-live']);
    // A consumed code whose grant lives stays for replay detection; the others go.
    assert.deepEqual(await keys('select code_hash as k from authorization_codes'), [
      'c-live',
      'c-live-grant',
    ]);
    assert.deepEqual(await keys('select token_hash as k from email_authorizations'), [
      'email_authorizations-live',
    ]);
    assert.deepEqual(await keys('select code_hash as k from claim_account_codes'), [
      'claim_account_codes-live',
    ]);
    assert.deepEqual(await keys('select token_hash as k from password_reset_links'), [
      'password_reset_links-live',
    ]);
    assert.deepEqual(await keys('select message_id as k from mail_outbox'), ['m-delivered', 'm-pending']);

    // A month later the code kept for replay detection and the delivered mail go too; pending mail stays.
    p.clock.advance(30 * DAY);
    await purgeExpired(p.platform);
    assert.deepEqual(await keys('select code_hash as k from authorization_codes'), []);
    assert.deepEqual(await keys('select message_id as k from mail_outbox'), ['m-pending']);
    assert.equal((await purgeExpired(p.platform))['authorizationCodes'], 0, 'a second run finds nothing');
  });
});
