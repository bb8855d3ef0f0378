import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKEND, storeFixture } from './support.js';

const f = storeFixture();

describe(`ContactEmailStore (${BACKEND})`, () => {
  const now = new Date('2026-11-23T10:00:00Z');

  test('get before any set is null', async () => {
    const user = await f.newUser();
    assert.equal(await f.stores.contactEmails.get(user.id), null);
  });

  test('set then get; a second set replaces it; users do not share one', async () => {
    const a = await f.newUser();
    const b = await f.newUser();
    await f.stores.contactEmails.set(a.id, 'first@example.com', now);
    await f.stores.contactEmails.set(a.id, 'second@example.com', now);
    assert.equal(await f.stores.contactEmails.get(a.id), 'second@example.com');
    assert.equal(await f.stores.contactEmails.get(b.id), null);
  });

  test('ten concurrent sets: no error, one row, one of the values', async () => {
    const user = await f.newUser();
    const emails = Array.from({ length: 10 }, (_, i) => `c${i}@example.com`);
    await Promise.all(emails.map((e) => f.stores.contactEmails.set(user.id, e, now)));
    assert.ok(emails.includes((await f.stores.contactEmails.get(user.id))!));
    const { rows } = await f.db.query<{ n: number }>(
      'select count(*)::int as n from user_contact_emails where user_id = $1',
      [user.id],
    );
    assert.equal(rows[0]!.n, 1);
  });

  test('inside a rolled-back transaction nothing is kept', async () => {
    const user = await f.newUser();
    await assert.rejects(
      f.stores.transaction(async (tx) => {
        await tx.contactEmails.set(user.id, 'gone@example.com', now);
        throw new Error('roll back');
      }),
    );
    assert.equal(await f.stores.contactEmails.get(user.id), null);
  });
});
