import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli, cliEnv, serve, stop } from './support.js';

describe('account-access partner', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'account-access-partner-cli-'));
  });
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('partner serve: the bank listens with its seeded customers; SIGTERM stops it cleanly', async () => {
    const dataDir = join(dir, 'partner');
    const seed = fileURLToPath(new URL('../../partner/seed/demo.json', import.meta.url));
    const { child, url } = await serve([
      'partner',
      'serve',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--platform-url',
      'http://127.0.0.1:9',
      '--client-id',
      'cli-bank',
      '--client-secret',
      'cli-bank-secret',
      '--seed',
      seed,
    ]);
    children.push(child);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    const text = await page.text();
    for (const name of ['Amelia Hughes', 'Test User', 'John Smith', 'Ana Silva', 'Sofia Costa'])
      assert.match(text, new RegExp(name));
    assert.equal(await stop(child), 0);
    assert.equal(existsSync(join(dataDir, 'data.lock')), false, 'SIGTERM released the folder');
  });

  test('partner keys rotate: a JSON report under the newest key; a bad key ring is one line, exit 1', async () => {
    const dataDir = join(dir, 'partner');
    const old = readFileSync(join(dataDir, 'vault-keys'), 'utf8').trim();
    const ring = `k2:${randomBytes(32).toString('base64')},${old}`;
    const rotated = await cli(['partner', 'keys', 'rotate', '--data-dir', dataDir], {
      ...cliEnv(),
      PARTNER_VAULT_KEYS: ring,
    });
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.deepEqual(Object.keys(JSON.parse(rotated.stdout)), ['rotated', 'current', 'skipped']);

    const bad = await cli(['partner', 'keys', 'rotate', '--data-dir', dataDir], {
      ...cliEnv(),
      PARTNER_VAULT_KEYS: 'k3:short',
    });
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr, 'account-access: PARTNER_VAULT_KEYS: key "k3" must be 32 bytes (base64)\n');
  });
});
