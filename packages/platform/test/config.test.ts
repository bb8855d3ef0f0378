import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadPlatformConfig } from '../src/config/config.js';

const SECRET = 'ab'.repeat(32);

describe('platform config', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'account-access-config-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const load = (env: NodeJS.ProcessEnv = {}, overrides = {}, file?: string) =>
    loadPlatformConfig({ env: { PLATFORM_DATA_DIR: dir, ...env }, overrides, ...(file ? { file } : {}) });

  test('defaults: the contract lifetimes and compat settings', () => {
    const c = load({ PLATFORM_SERVER_SECRET: SECRET });
    assert.equal(c.mode, 'development');
    assert.equal(c.port, 4000);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.issuer, 'http://localhost:4000');
    assert.deepEqual(c.database, { url: null, dataDir: resolve(dir) });
    assert.deepEqual(c.tokens, {
      accessTokenTtlSeconds: 43200,
      refreshTokenTtlSeconds: 20 * 365 * 24 * 3600,
      authorizationCodeTtlSeconds: 1800,
      publicRefreshTokenTtlSeconds: 180 * 24 * 3600,
      publicRefreshTokenIdleSeconds: 30 * 24 * 3600,
      refreshTokenIdleSeconds: 0,
      refreshGraceSeconds: 10,
      authorizationCodeRetrySeconds: 10,
    });
    assert.deepEqual(c.compat, { createUserStatus: 200, registrationCodeFailureStatus: 401 });
    assert.equal(c.sandbox, false);
    assert.equal(c.bodyLimitBytes, 1024 * 1024);
    assert.deepEqual(c.serverSecret, Buffer.from(SECRET, 'hex'));
  });

  test('the environment: every documented variable is read', () => {
    const c = load({
      NODE_ENV: 'production',
      PLATFORM_HOST: '0.0.0.0',
      PLATFORM_PORT: '8080',
      PLATFORM_PUBLIC_URL: 'https://platform.example/',
      DATABASE_URL: 'postgres://u@db:5432/x',
      PLATFORM_SERVER_SECRET: SECRET,
      PLATFORM_ACCESS_TOKEN_TTL: '60',
      PLATFORM_REFRESH_TOKEN_TTL: '120',
      PLATFORM_AUTHORIZATION_CODE_TTL: '30',
      PLATFORM_PUBLIC_REFRESH_TOKEN_TTL: '90',
      PLATFORM_PUBLIC_REFRESH_TOKEN_IDLE_TTL: '45',
      PLATFORM_REFRESH_TOKEN_IDLE_TTL: '75',
      PLATFORM_REFRESH_GRACE_SECONDS: '0',
      PLATFORM_AUTHORIZATION_CODE_RETRY_SECONDS: '5',
      PLATFORM_COMPAT_CREATE_USER_STATUS: '201',
      PLATFORM_COMPAT_REGISTRATION_CODE_FAILURE_STATUS: '400',
      PLATFORM_SANDBOX: 'true',
      PLATFORM_SANDBOX_KEY: 'sandbox-key-0123456789',
      PLATFORM_SANDBOX_IN_PRODUCTION: 'true',
      PLATFORM_JOURNAL_SIZE: '50',
      SMTP_URL: 'smtp://localhost:2525',
      PLATFORM_MAIL_FROM: 'x@example.com',
      LOG_LEVEL: 'warn',
    });
    assert.equal(c.mode, 'production');
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.port, 8080);
    assert.equal(c.issuer, 'https://platform.example');
    assert.equal(c.database.url, 'postgres://u@db:5432/x');
    assert.deepEqual(c.tokens, {
      accessTokenTtlSeconds: 60,
      refreshTokenTtlSeconds: 120,
      authorizationCodeTtlSeconds: 30,
      publicRefreshTokenTtlSeconds: 90,
      publicRefreshTokenIdleSeconds: 45,
      refreshTokenIdleSeconds: 75,
      refreshGraceSeconds: 0,
      authorizationCodeRetrySeconds: 5,
    });
    assert.deepEqual(c.compat, { createUserStatus: 201, registrationCodeFailureStatus: 400 });
    assert.equal(c.sandbox, true);
    assert.equal(c.sandboxKey, 'sandbox-key-0123456789');
    assert.equal(c.journalSize, 50);
    assert.equal(c.smtpUrl, 'smtp://localhost:2525');
    assert.equal(c.mailFrom, 'x@example.com');
    assert.equal(c.logLevel, 'warn');
  });

  test('precedence: file < environment < overrides', () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ port: 1111, issuer: 'https://file.example', sandbox: true }));
    const c = load(
      { PLATFORM_SERVER_SECRET: SECRET, PLATFORM_PORT: '2222' },
      { issuer: 'https://flag.example' },
      file,
    );
    assert.equal(c.port, 2222);
    assert.equal(c.issuer, 'https://flag.example');
    assert.equal(c.sandbox, true);
  });

  test('frozen, all the way down', () => {
    const c = load({ PLATFORM_SERVER_SECRET: SECRET });
    assert.ok(Object.isFrozen(c));
    assert.ok(Object.isFrozen(c.tokens));
    assert.ok(Object.isFrozen(c.compat));
    assert.ok(Object.isFrozen(c.database));
    assert.throws(() => {
      (c as { port: number }).port = 1;
    }, TypeError);
  });

  test('validation: clear errors for bad values', () => {
    const bad: [NodeJS.ProcessEnv, RegExp][] = [
      [{ PLATFORM_PORT: 'eighty' }, /PLATFORM_PORT must be a whole number/],
      [{ PLATFORM_PORT: '70000' }, /^PLATFORM_PORT must be 0-65535$/],
      [{ PLATFORM_PUBLIC_URL: 'not a url' }, /is not an absolute URL/],
      [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
      [{ PLATFORM_SERVER_SECRET: 'short' }, /at least 32 bytes/],
      [{ PLATFORM_ACCESS_TOKEN_TTL: '0' }, /^PLATFORM_ACCESS_TOKEN_TTL must be a positive whole number$/],
      [{ PLATFORM_ACCESS_TOKEN_TTL: '1.5' }, /must be a whole number/],
      [
        { PLATFORM_COMPAT_CREATE_USER_STATUS: '202' },
        /^PLATFORM_COMPAT_CREATE_USER_STATUS must be one of 200, 201, got 202$/,
      ],
      [
        { PLATFORM_COMPAT_REGISTRATION_CODE_FAILURE_STATUS: '403' },
        /PLATFORM_COMPAT_REGISTRATION_CODE_FAILURE_STATUS must be one of 401, 400/,
      ],
      [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of silent, error, warn, info, debug, got "loud"$/],
      // An unknown mode is an error: it must not quietly become development (contract of the README).
      [{ NODE_ENV: 'staging' }, /^NODE_ENV must be one of development, production, test, got "staging"$/],
      [{ PLATFORM_SANDBOX: 'maybe' }, /^PLATFORM_SANDBOX must be true or false/],
    ];
    for (const [env, message] of bad) {
      assert.throws(
        () => load({ PLATFORM_SERVER_SECRET: SECRET, ...env }),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError, String(e));
          assert.match((e as Error).message, message);
          return true;
        },
      );
    }
  });

  test('production requires the server secret', () => {
    assert.throws(
      () => load({ NODE_ENV: 'production' }),
      (e: unknown) =>
        e instanceof ConfigError &&
        /PLATFORM_SERVER_SECRET is required in production/.test((e as Error).message),
    );
    const c = load({
      NODE_ENV: 'production',
      PLATFORM_SERVER_SECRET: Buffer.alloc(32, 7).toString('base64url'),
    });
    assert.deepEqual(c.serverSecret, Buffer.alloc(32, 7));
  });

  test('development: the server secret is made once and kept in the data folder', () => {
    const folder = join(dir, 'dev');
    const first = loadPlatformConfig({ env: {}, overrides: { dataDir: folder } });
    const file = join(folder, 'server-secret');
    assert.equal(readFileSync(file, 'utf8').trim(), first.serverSecret.toString('hex'));
    assert.equal(first.serverSecret.length, 32);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const second = loadPlatformConfig({ env: {}, overrides: { dataDir: folder } });
    assert.deepEqual(second.serverSecret, first.serverSecret);
    const other = loadPlatformConfig({ env: {}, overrides: { dataDir: join(dir, 'dev2') } });
    assert.notDeepEqual(other.serverSecret, first.serverSecret);
  });

  test('a corrupt persisted secret is an error, not silently replaced', () => {
    const folder = join(dir, 'corrupt');
    loadPlatformConfig({ env: {}, overrides: { dataDir: folder } });
    writeFileSync(join(folder, 'server-secret'), 'abc\n');
    assert.throws(() => loadPlatformConfig({ env: {}, overrides: { dataDir: folder } }), ConfigError);
  });

  test('an unreadable or malformed config file is a ConfigError', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ port: 1 }');
    const list = join(dir, 'list.json');
    writeFileSync(list, '[1]');
    for (const file of [bad, list, join(dir, 'missing.json')]) {
      assert.throws(
        () => load({ PLATFORM_SERVER_SECRET: SECRET }, {}, file),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError, String(e));
          assert.ok((e as Error).message.includes(file));
          return true;
        },
      );
    }
  });

  test('the settings file: wrong types, unknown keys and bad values name the key and the file', () => {
    const cases: [unknown, RegExp][] = [
      [{ port: '4000' }, /^port in .*settings-bad\.json must be a whole number, got "4000"$/],
      [{ sandbox: 'yes' }, /^sandbox in .*settings-bad\.json must be true or false, got "yes"$/],
      [{ mode: 'staging' }, /^mode in .*settings-bad\.json must be one of development, production, test/],
      [{ prot: 4000 }, /^prot in .*settings-bad\.json: unknown setting$/],
      [{ port: 70000 }, /^port in .*settings-bad\.json must be 0-65535$/],
      [{ mailFrom: 'nobody' }, /^mailFrom in .*settings-bad\.json must be "Name <address@example.com>"/],
      [{ accessTokenTtlSeconds: 1.5 }, /^accessTokenTtlSeconds in .* must be a whole number, got 1.5$/],
    ];
    const file = join(dir, 'settings-bad.json');
    for (const [settings, message] of cases) {
      writeFileSync(file, JSON.stringify(settings));
      assert.throws(
        () => load({ PLATFORM_SERVER_SECRET: SECRET }, {}, file),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError, String(e));
          assert.match((e as Error).message, message);
          assert.doesNotMatch((e as Error).message, /\n/);
          return true;
        },
      );
    }
  });

  test('a secret of the wrong type in the file is refused without echoing it', () => {
    const file = join(dir, 'secret-number.json');
    writeFileSync(file, JSON.stringify({ serverSecret: 123456789 }));
    assert.throws(
      () => load({}, {}, file),
      (e: unknown) =>
        e instanceof ConfigError &&
        /^serverSecret in .* must be a string$/.test(e.message) &&
        !e.message.includes('123456789'),
    );
  });

  test('overrides are checked like the file: an unknown key or a wrong type is an error', () => {
    assert.throws(
      () => load({ PLATFORM_SERVER_SECRET: SECRET }, { prot: 1 }),
      /ConfigError: prot: unknown setting$/,
    );
    assert.throws(
      () => load({ PLATFORM_SERVER_SECRET: SECRET }, { port: '1' }),
      /ConfigError: port must be a whole number, got "1"$/,
    );
  });
});
