import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Database, Transaction } from '@account-access/db';
import { countingDatabase } from '../src/statements.js';

/** A database that runs nothing and records what reaches it. */
function recording(): { db: Database; sent: string[] } {
  const sent: string[] = [];
  const tx: Transaction = {
    query: async (sql) => {
      sent.push(sql);
      return { rows: [], rowCount: 0 };
    },
    exec: async (sql) => {
      sent.push(sql);
    },
  };
  const db: Database = {
    dialect: 'postgres',
    query: tx.query,
    async transaction(fn) {
      sent.push('BEGIN');
      const value = await fn(tx);
      sent.push('COMMIT');
      return value;
    },
    close: async () => {},
    poolStats: () => ({ total: 0, idle: 0, waiting: 0, max: 1 }),
  };
  return { db, sent };
}

test('every statement is counted: queries, scripts, and a transaction with its BEGIN and COMMIT', async () => {
  const { db, sent } = recording();
  const counted = countingDatabase(db);
  assert.equal(counted.statements(), 0);
  await counted.query('select 1');
  const answer = await counted.transaction(async (tx) => {
    await tx.query('update a set b = 1');
    await tx.exec('select 2; select 3');
    return 'done';
  });
  assert.equal(answer, 'done');
  assert.deepEqual(sent, ['select 1', 'BEGIN', 'update a set b = 1', 'select 2; select 3', 'COMMIT']);
  assert.equal(counted.statements(), sent.length);
});

test('what the platform gets is the same database, passed through', async () => {
  const { db } = recording();
  const counted = countingDatabase(db);
  assert.equal(counted.dialect, 'postgres');
  assert.deepEqual(counted.poolStats(), db.poolStats());
  await assert.rejects(
    counted.transaction(async () => {
      throw new Error('rolled back');
    }),
    /rolled back/,
  );
  assert.equal(counted.statements(), 2);
});
