import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PageClient } from '@account-access/platform/testing';
import { cliEnv, NODE_ARGS, stop } from './support.js';

describe('account-access dev', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'account-access-dev-cli-'));
  });
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Runs `dev` on ports the system picks, makes one request to each server (and `visit`'s), stops it,
   * returns its output.
   */
  async function runDev(
    logLevel: string | undefined,
    visit?: (platform: string, partner: string) => Promise<void>,
  ): Promise<string> {
    const env: NodeJS.ProcessEnv = {
      ...cliEnv(),
      PLATFORM_PORT: '0',
      PARTNER_PORT: '0',
      PLATFORM_DATA_DIR: join(dir, `platform-${logLevel ?? 'default'}`),
      PARTNER_DATA_DIR: join(dir, `partner-${logLevel ?? 'default'}`),
    };
    delete env['LOG_LEVEL'];
    delete env['PLATFORM_NAME'];
    delete env['PARTNER_PROVIDER_NAME'];
    if (logLevel !== undefined) env['LOG_LEVEL'] = logLevel;
    const child = spawn(process.execPath, [...NODE_ARGS, 'dev'], { env });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', () => out.includes('Press Ctrl-C to stop.') && resolve());
      child.on('exit', (code) => reject(new Error(`dev exited ${code}: ${out}`)));
    });
    const urls = [...out.matchAll(/^ {2}(?:platform|partner) +(http:\/\/\S+)$/gm)].map((m) => m[1]!);
    assert.equal(urls.length, 2, out);
    for (const url of urls) assert.equal((await fetch(`${url}/nowhere`)).status, 404);
    const inspector = /^ {2}inspector +(http:\/\/\S+\/_sandbox)$/m.exec(out)?.[1];
    assert.equal(inspector, `${urls[0]}/_sandbox`, 'the inspector URL is printed');
    assert.match(await (await fetch(inspector!)).text(), /Sandbox inspector/);
    await visit?.(urls[0]!, urls[1]!);
    assert.equal(await stop(child), 0);
    return out;
  }

  test('warn by default: no request lines, and the demo logins come last, after both servers listen', async () => {
    const out = await runDev(undefined);
    assert.doesNotMatch(out, /incoming request|request completed|"msg":"request"/);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.at(-1), 'Press Ctrl-C to stop.');
    assert.match(out, /^ {2}platform +http:.*\n {2}partner +http:/m);
    assert.ok(out.indexOf('Platform logins') > out.indexOf('  partner '), 'logins after both URLs');
    assert.match(out, /sofia\.costa@example\.com +demo-password-sofia/);
    // Issue 16: the local OpenID provider standing in for Google, its URL and logins.
    const provider = /^ {2}provider +(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
    assert.ok(provider, out);
    assert.match(out, /Continue with Google \(local sandbox\)/);
    assert.match(out, /ana\.silva@example\.com +google-demo \(a demo user/);
  });

  test('LOG_LEVEL still decides; both servers call the platform by one name, "Wise Sandbox"', async () => {
    const out = await runDev('info', async (platform, partner) => {
      // The platform's name: its terms page (contract §7) and what its mail says are PLATFORM_NAME.
      assert.match(
        await (await fetch(`${platform}/v1/terms/default`)).text(),
        /<title>Wise Sandbox terms of use/,
      );
      // The bank's: a customer's account page names the provider the same (issue 13).
      const bank = new PageClient(partner);
      const home = (await bank.get('/')).text;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? '';
      const signIn = await bank.post('/sign-in', { customerId: 'cus-amelia', _csrf: csrf });
      assert.equal(signIn.location, '/account');
      const account = (await bank.get('/account')).text;
      assert.match(account, /Connect your Wise Sandbox account/);
      assert.doesNotMatch(account, /\bWise\b(?! Sandbox)/, 'no bare "Wise" left on the page');
    });
    // Issue 15: each request is one log line, `"msg":"request"`, at info.
    assert.match(out, /"msg":"request"/);
    assert.match(out, /then "Connect your Wise Sandbox account"/);
  });
});
