import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  boolean,
  ConfigError,
  defineSchema,
  environmentNames,
  environmentTable,
  formatEnvironment,
  integer,
  loadSettings,
  oneOf,
  string,
} from '../src/index.js';

const SCHEMA = defineSchema({
  mode: { env: 'APP_MODE', kind: oneOf(['a', 'b']), default: 'a', doc: 'the mode' },
  port: {
    env: 'APP_PORT',
    kind: integer,
    default: 80,
    doc: 'the port',
    check: (n: number) => (n > 0 ? undefined : 'must be positive'),
  },
  name: { env: 'APP_NAME', kind: string, doc: 'a name' },
  secret: { env: 'APP_SECRET', kind: string, secret: true, doc: 'a secret' },
  flag: { kind: boolean, default: false, doc: 'file and flags only' },
});

const dir = mkdtempSync(join(tmpdir(), 'kit-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (content: unknown) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('the config loader', () => {
  test('defaults, then the file, then the environment, then overrides; frozen', () => {
    assert.deepEqual({ ...loadSettings(SCHEMA, { env: {} }) }, { mode: 'a', port: 80, flag: false });
    const s = loadSettings(SCHEMA, {
      env: { APP_PORT: '8080', APP_NAME: '' },
      file: file({ mode: 'b', port: 81, name: 'file', flag: true }),
      overrides: { name: 'flag' },
    });
    assert.deepEqual({ ...s }, { mode: 'b', port: 8080, name: 'flag', flag: true });
    assert.ok(Object.isFrozen(s));
  });

  test('each bad value names where it came from, on one line', () => {
    const f = file({ port: 0 });
    const cases: [() => unknown, string][] = [
      [() => loadSettings(SCHEMA, { env: { APP_MODE: 'c' } }), 'APP_MODE must be one of a, b, got "c"'],
      [() => loadSettings(SCHEMA, { env: { APP_PORT: '8o' } }), 'APP_PORT must be a whole number, got "8o"'],
      [() => loadSettings(SCHEMA, { env: {}, file: f }), `port in ${f} must be positive`],
      [() => loadSettings(SCHEMA, { env: {}, overrides: { port: -1 } }), 'port must be positive'],
    ];
    for (const [load, message] of cases) {
      assert.throws(load, (e: unknown) => e instanceof ConfigError && e.message === message, message);
    }
  });

  test('a secret of the wrong type is not echoed', () => {
    const f = file({ secret: 1234567 });
    assert.throws(
      () => loadSettings(SCHEMA, { env: {}, file: f }),
      (e: unknown) => e instanceof ConfigError && e.message === `secret in ${f} must be a string`,
    );
  });

  test('the documentation table comes from the declaration', () => {
    assert.deepEqual(environmentNames(SCHEMA), {
      mode: 'APP_MODE',
      port: 'APP_PORT',
      name: 'APP_NAME',
      secret: 'APP_SECRET',
      flag: 'flag',
    });
    assert.deepEqual(
      environmentTable(SCHEMA).map((r) => [r.name, r.key, r.default]),
      [
        ['APP_MODE', 'mode', 'a'],
        ['APP_PORT', 'port', '80'],
        ['APP_NAME', 'name', ''],
        ['APP_SECRET', 'secret', ''],
      ],
    );
    assert.match(formatEnvironment(SCHEMA), /^ {2}APP_MODE {18}the mode \(default a\)$/m);
  });
});
