import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadPlatformConfig, openPlatformDatabase } from '@account-access/platform';
import { serve, stop } from './support.js';

describe('the demo seed through account-access platform serve', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'account-access-platform-seed-cli-'));
  });
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('platform serve --seed applies passwords, TOTP secrets and profiles of the demo seed', async () => {
    const dataDir = join(dir, 'platform');
    const seed = fileURLToPath(new URL('../../platform/seed/demo.json', import.meta.url));
    const { child } = await serve([
      'platform',
      'serve',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--seed',
      seed,
    ]);
    children.push(child);
    assert.equal(await stop(child), 0);
    const db = await openPlatformDatabase(
      loadPlatformConfig({ env: {}, overrides: { dataDir, databaseUrl: null } }),
    );
    try {
      const { rows } = await db.query<{
        email: string;
        password: boolean;
        totp: boolean;
        born: string | null;
      }>(
        `select u.email, u.password_hash is not null as password, u.totp_secret is not null as totp,
                (select p.date_of_birth::text from profiles p where p.user_id = u.id and p.type = 'PERSONAL') as born
           from users u order by u.email`,
      );
      assert.deepEqual(rows, [
        { email: 'ana.silva@example.com', password: true, totp: false, born: '1990-02-28' },
        { email: 'john.smith@example.com', password: true, totp: true, born: '1985-07-14' },
        { email: 'no.profile@example.com', password: true, totp: false, born: null },
        { email: 'sofia.costa@example.com', password: true, totp: false, born: '1993-11-30' },
      ]);
    } finally {
      await db.close();
    }
  });
});
