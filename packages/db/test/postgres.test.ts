import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postgresDatabase } from '../src/index.js';

const adminUrl = process.env['DATABASE_URL'];
// Only where the run has a PostgreSQL server (`DATABASE_URL=… npm test`): PGlite has no named statements.
if (adminUrl)
  describe('statements on a PostgreSQL server', () => {
    test('a statement with parameters is prepared once per connection and then only bound', async () => {
      const db = postgresDatabase(adminUrl, 1);
      try {
        const text = 'select $1::int + 1 as n /* p14 named statement test */';
        for (const n of [1, 2, 3]) assert.equal((await db.query<{ n: number }>(text, [n])).rows[0]!.n, n + 1);
        // One connection: what it has prepared is what the three queries left there.
        const { rows } = await db.query<{ statement: string }>(
          'select statement from pg_prepared_statements where statement like $1',
          ['%p14 named statement test%'],
        );
        assert.deepEqual(
          rows.map((r) => r.statement),
          [text],
        );
        // A transaction's statements are named the same way, and an error in one leaves the next usable.
        await assert.rejects(
          db.transaction((tx) => tx.query('select 1 / $1::int as n', [0])),
          /division by zero/,
        );
        assert.equal((await db.query<{ n: number }>('select 1 / $1::int as n', [1])).rows[0]!.n, 1);
      } finally {
        await db.close();
      }
    });
  });
