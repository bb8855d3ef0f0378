import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadPartnerConfig, PartnerConfigError } from '../src/config/config.js';
import { DEMO_SEED } from '../src/seed.js';
import { startPartner } from '../src/server.js';
import { Browser } from './support/browser.js';
import { key } from './support/partner.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'partner-config-'));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('partner configuration', () => {
  test('reads PARTNER_* variables, validates and freezes', () => {
    const k = key();
    const config = loadPartnerConfig({
      env: {
        NODE_ENV: 'test',
        PARTNER_PORT: '3100',
        PARTNER_PLATFORM_URL: 'http://platform.test:4000/',
        PARTNER_CLIENT_ID: 'bank',
        PARTNER_CLIENT_SECRET: 'secret',
        PARTNER_VAULT_KEYS: `k2:${k}, k1:${key()}`,
        PARTNER_SESSION_SECRET: randomBytes(32).toString('base64url'),
        PARTNER_LINK_METHOD: 'email',
        PARTNER_STATE_TTL: '300',
      },
    });
    assert.equal(config.port, 3100);
    assert.equal(config.wise.apiUrl, 'http://platform.test:4000');
    assert.equal(config.wise.authorizeUrl, 'http://platform.test:4000/oauth/authorize');
    assert.equal(config.wise.redirectUri, 'http://localhost:3100/wise/callback');
    assert.deepEqual(
      config.vaultKeys.map((v) => v.id),
      ['k2', 'k1'],
    );
    assert.equal(config.vaultKeys[0]!.key.toString('base64'), k);
    assert.equal(config.linkMethod, 'email');
    assert.equal(config.stateTtlSeconds, 300);
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.wise) && Object.isFrozen(config.vaultKeys));
  });

  test('production requires the vault keys, the session secret and the client credentials', () => {
    const base = {
      NODE_ENV: 'production',
      PARTNER_CLIENT_ID: 'bank',
      PARTNER_CLIENT_SECRET: 'secret',
      PARTNER_SESSION_SECRET: randomBytes(32).toString('base64url'),
      PARTNER_VAULT_KEYS: `k1:${key()}`,
    };
    assert.ok(loadPartnerConfig({ env: base }));
    for (const missing of ['PARTNER_VAULT_KEYS', 'PARTNER_SESSION_SECRET', 'PARTNER_CLIENT_SECRET']) {
      const env: Record<string, string> = { ...base };
      delete env[missing];
      assert.throws(
        () => loadPartnerConfig({ env }),
        (e: Error) => e instanceof PartnerConfigError && e.message.includes(missing),
      );
    }
    assert.throws(() => loadPartnerConfig({ env: { ...base, PARTNER_DEMO: 'true' } }), /demo/);
    assert.throws(() => loadPartnerConfig({ env: { ...base, PARTNER_LINK_METHOD: 'pigeon' } }), /linkMethod/);
    assert.throws(() => loadPartnerConfig({ env: { ...base, PARTNER_PORT: 'x' } }), /PARTNER_PORT/);
  });

  test('in development the vault key is generated once and kept in the data folder', () => {
    const dataDir = tempDir();
    const first = loadPartnerConfig({ env: {}, overrides: { dataDir } });
    const again = loadPartnerConfig({ env: {}, overrides: { dataDir } });
    assert.equal(first.vaultKeys[0]!.key.length, 32);
    assert.ok(first.vaultKeys[0]!.key.equals(again.vaultKeys[0]!.key));
    assert.match(readFileSync(join(dataDir, 'vault-keys'), 'utf8'), /^dev1:/);
  });
});

describe('startPartner on the embedded database', () => {
  test('migrates its own data folder, applies the seed and serves the sign-in page', async () => {
    const dataDir = tempDir();
    const config = loadPartnerConfig({
      env: {},
      overrides: { mode: 'test', port: 0, dataDir, seedFile: fileURLToPath(DEMO_SEED), databaseUrl: null },
    });
    const running = await startPartner(config);
    try {
      const page = await new Browser(running.url).get('/');
      assert.equal(page.status, 200);
      for (const name of ['Amelia Hughes', 'Joao Pereira', 'John Smith', 'Ana Silva', 'Sofia Costa']) {
        assert.ok(page.text.includes(name), name);
      }
      const { rows } = await running.partner.db.query<{ version: string }>(
        'select version from partner_schema_migrations',
      );
      assert.deepEqual(
        rows.map((r) => r.version),
        ['001_partner'],
      );
    } finally {
      await running.close();
    }
  });
});
