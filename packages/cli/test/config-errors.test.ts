import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, cliEnv } from './support.js';

/**
 * A setting that cannot be used stops `serve` before anything opens: one line on stderr naming the key (and
 * the file), exit status 1, never a stack trace. The same for the platform and the partner, whose shared
 * loader reads both.
 */
describe('serve with a bad configuration: one line, exit 1', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'account-access-config-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  for (const command of ['platform', 'partner'] as const) {
    const serve = (args: string[], env = cliEnv()) =>
      cli([command, 'serve', '--data-dir', join(dir, `${command}-data`), '--port', '0', ...args], env);
    const failsWith = (res: { status: number | null; stdout: string; stderr: string }, line: RegExp) => {
      assert.equal(res.status, 1, res.stderr);
      assert.equal(res.stdout, '');
      assert.match(res.stderr, line);
      assert.equal(res.stderr.split('\n').length, 2, `one line: ${res.stderr}`);
      assert.doesNotMatch(res.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
    };

    test(`${command}: NODE_ENV=staging is refused, not taken for development`, async () => {
      const res = await serve([], { ...cliEnv(), NODE_ENV: 'staging' });
      failsWith(
        res,
        /^account-access: NODE_ENV must be one of development, production, test, got "staging"\n$/,
      );
    });

    if (command === 'platform')
      test('platform: production with --sandbox and no sandbox key does not start (issue 11 "Locked")', async () => {
        const secret = 'ab'.repeat(32);
        const env = { ...cliEnv(), NODE_ENV: 'production', PLATFORM_SERVER_SECRET: secret };
        failsWith(
          await serve(['--sandbox'], env),
          /^account-access: PLATFORM_SANDBOX is on in production: set PLATFORM_SANDBOX_KEY and PLATFORM_SANDBOX_IN_PRODUCTION=true .*\n$/,
        );
      });

    test(`${command}: a wrongly typed value in the settings file names the key and the file`, async () => {
      const path = file(`${command}-typed.json`, JSON.stringify({ port: 'eighty' }));
      const res = await serve(['--config', path]);
      failsWith(res, /^account-access: port in .*-typed\.json must be a whole number, got "eighty"\n$/);
    });

    test(`${command}: an unknown key in the settings file is refused`, async () => {
      const path = file(`${command}-unknown.json`, JSON.stringify({ prot: 4000 }));
      const res = await serve(['--config', path]);
      failsWith(res, /^account-access: prot in .*-unknown\.json: unknown setting\n$/);
    });

    test(`${command}: a malformed settings file, named by its variable`, async () => {
      const path = file(`${command}-bad.json`, '{ nope');
      const variable = command === 'platform' ? 'PLATFORM_CONFIG' : 'PARTNER_CONFIG';
      const res = await serve([], { ...cliEnv(), [variable]: path });
      failsWith(res, /^account-access: Cannot read the config file .*-bad\.json: [^\n]*\n$/);
    });
  }
});
