import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { environmentTable } from '@account-access/kit';
import { loadPartnerConfig, PARTNER_SETTINGS, PartnerConfigError } from '../src/config/config.js';
import { DEMO_SEED } from '../src/seed.js';
import { startPartner } from '../src/server.js';
import { key } from '../src/testing/index.js';
import { Browser } from './support/browser.js';

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
    assert.throws(
      () => loadPartnerConfig({ env: { ...base, PARTNER_LINK_METHOD: 'pigeon' } }),
      /PARTNER_LINK_METHOD must be one of redirect, email, got "pigeon"$/,
    );
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

describe('partner configuration: what is refused', () => {
  const oneLine = (message: RegExp) => (e: unknown) => {
    assert.ok(e instanceof PartnerConfigError, String(e));
    assert.match((e as Error).message, message);
    assert.doesNotMatch((e as Error).message, /\n/);
    return true;
  };

  test('an unknown mode is an error, not development (which would turn on the demo sign-in)', () => {
    assert.throws(
      () => loadPartnerConfig({ env: { NODE_ENV: 'staging' }, overrides: { dataDir: tempDir() } }),
      oneLine(/^NODE_ENV must be one of development, production, test, got "staging"$/),
    );
  });

  test('the settings file: wrong types, unknown keys and malformed JSON name the key and the file', () => {
    const dir = tempDir();
    const file = join(dir, 'partner.json');
    const cases: [string, RegExp][] = [
      [JSON.stringify({ demo: 'false' }), /^demo in .*partner\.json must be true or false, got "false"$/],
      [JSON.stringify({ port: '3000' }), /^port in .*partner\.json must be a whole number, got "3000"$/],
      [
        JSON.stringify({ linkMethod: 'pigeon' }),
        /^linkMethod in .*partner\.json must be one of redirect, email/,
      ],
      [JSON.stringify({ clientSecret: 42 }), /^clientSecret in .*partner\.json must be a string$/],
      [JSON.stringify({ demoo: true }), /^demoo in .*partner\.json: unknown setting$/],
      ['{ demo: true', /^Cannot read the config file .*partner\.json: /],
      ['[]', /^The config file .*partner\.json must hold a JSON object of settings$/],
    ];
    for (const [content, message] of cases) {
      writeFileSync(file, content);
      assert.throws(
        () => loadPartnerConfig({ env: {}, file, overrides: { dataDir: dir } }),
        oneLine(message),
      );
    }
    writeFileSync(file, JSON.stringify({ port: 3200, demo: false, seedFile: null }));
    const config = loadPartnerConfig({ env: { PARTNER_CONFIG: file }, overrides: { dataDir: dir } });
    assert.equal(config.port, 3200);
    assert.equal(config.demo, false);
    assert.equal(config.seedFile, null);
  });
});

test('the README table documents every declared PARTNER_* variable, and no other', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const table = readme.split('\n').filter((line) => /^\| `PARTNER_/.test(line));
  const documented = new Set(
    table.flatMap((line) => [...line.matchAll(/`(PARTNER_[A-Z_]+)`/g)].map((m) => m[1])),
  );
  const declared = environmentTable(PARTNER_SETTINGS)
    .map((r) => r.name)
    .filter((name) => name.startsWith('PARTNER_'));
  assert.deepEqual([...documented].sort(), declared.sort());
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
      for (const name of ['Amelia Hughes', 'Test User', 'John Smith', 'Ana Silva', 'Sofia Costa']) {
        assert.ok(page.text.includes(name), name);
      }
      const { rows } = await running.partner.db.query<{ version: string }>(
        'select version from partner_schema_migrations',
      );
      assert.deepEqual(
        rows.map((r) => r.version),
        ['001_partner', '006_webhooks', '007_link_history'],
      );
    } finally {
      await running.close();
    }
  });
});
