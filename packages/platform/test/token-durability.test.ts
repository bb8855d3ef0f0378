import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { postgresDatabase } from '@account-access/db';
import pg from 'pg';
import { HASH, hashSecret } from '../src/crypto/hashes.js';
import { openPlatformDatabase } from '../src/store/open.js';
import { sqlStores } from '../src/store/stores.js';
import { BACKEND } from './store/support.js';
import { basic, postForm } from './support/index.js';

/** The child's TypeScript runs as this test process runs its own (npm test: scripts/ts-loader.mjs). */
const TS_ARGS = process.execArgv.filter((a) => !/^--(test|inspect)/.test(a));
const SERVER = fileURLToPath(new URL('./support/token-server.ts', import.meta.url));

/** Starts the platform in its own process and resolves with what it prints once it listens. */
function startChild(target: string, secret: string) {
  const child = spawn(process.execPath, [...TS_ARGS, SERVER, target, secret], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<{ child: ChildProcess; url: string; clientId: string; clientSecret: string }>(
    (resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve({ child, ...JSON.parse(line) });
      });
      child.stderr.on('data', (d) => (out += d));
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    },
  );
}

/** A database of its own for the child on PostgreSQL (a clone of the run's template), or a data folder. */
async function freshTarget(): Promise<{ target: string; cleanup(): Promise<void> }> {
  const adminUrl = process.env['DATABASE_URL'];
  const template = process.env['PLATFORM_TEST_PG_TEMPLATE'];
  if (adminUrl && template) {
    const name = `aa_crash_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      target: url.toString(),
      async cleanup() {
        const drop = new pg.Client({ connectionString: adminUrl });
        await drop.connect();
        await drop.query(`drop database if exists ${name} with (force)`);
        await drop.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'account-access-crash-'));
  return { target: dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

describe(`client-credentials tokens survive kill -9 (${BACKEND})`, () => {
  test('the platform killed with SIGKILL mid-load: every token it answered is in the database after', async () => {
    const { target, cleanup } = await freshTarget();
    const secret = randomBytes(32).toString('hex');
    let child: ChildProcess | null = null;
    try {
      const server = await startChild(target, secret);
      child = server.child;
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      const answered: string[] = [];
      const auth = { authorization: basic(server.clientId, server.clientSecret) };
      // Requests keep coming in parallel; the process dies (no shutdown, no flush) once 30 are answered,
      // with batches still queued and in flight.
      const one = async (): Promise<void> => {
        const res = await postForm(
          `${server.url}/oauth/token`,
          { grant_type: 'client_credentials' },
          auth,
        ).catch(() => null);
        if (res?.status !== 200) return;
        answered.push(res.body.access_token);
        if (answered.length >= 30) server.child.kill('SIGKILL');
        else return one();
      };
      await Promise.all(Array.from({ length: 10 }, one));
      await exited;
      assert.ok(answered.length >= 30);

      const db = target.startsWith('postgres://')
        ? postgresDatabase(target, 2)
        : await openPlatformDatabase({ database: { url: null, dataDir: target } });
      try {
        const stores = sqlStores(db);
        const key = Buffer.from(secret, 'hex');
        for (const access of answered) {
          const found = await stores.grants.findAccessToken(
            hashSecret(key, HASH.accessToken, access),
            new Date(),
          );
          assert.equal(found?.clientId, server.clientId, 'a token answered before the crash was lost');
        }
      } finally {
        await db.close();
      }
    } finally {
      child?.kill('SIGKILL');
      await cleanup();
    }
  });
});
