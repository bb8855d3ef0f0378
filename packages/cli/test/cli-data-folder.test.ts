import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, cliEnv, NODE_ARGS } from './support.js';

describe('account-access platform on a data folder', () => {
  let dir: string;
  let server: ChildProcess | null = null;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'account-access-cli-'));
  });
  after(() => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('clients create, serve, a second process refused, SIGTERM releases the folder', async () => {
    const dataDir = join(dir, 'data');
    const created = await cli([
      'platform',
      'clients',
      'create',
      '--data-dir',
      dataDir,
      '--name',
      'CLI Bank',
      '--redirect-uri',
      'https://cli.example/cb?x=1',
      '--redirect-uri',
      'bank://wise/callback',
    ]);
    assert.equal(created.status, 0, created.stderr);
    const credentials = JSON.parse(created.stdout);
    assert.deepEqual(Object.keys(credentials), ['clientId', 'clientSecret', 'refreshTokenRotation']);
    assert.equal(credentials.refreshTokenRotation, 'never');
    assert.match(credentials.clientId, /^cli-bank-[0-9a-f]{8}$/);
    assert.match(credentials.clientSecret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(existsSync(join(dataDir, 'data.lock')), false, 'the CLI released the folder');

    const bad = await cli([
      'platform',
      'clients',
      'create',
      '--data-dir',
      dataDir,
      '--name',
      'X',
      '--redirect-uri',
      'http://evil.example/cb',
    ]);
    assert.equal(bad.status, 1);
    assert.equal(
      bad.stderr,
      'account-access: Redirect URI http://evil.example/cb: http is allowed only for loopback addresses\n',
    );

    // Contract §5 "Rotation": the setting is printed; a public client always rotates.
    const create = (...more: string[]) =>
      cli([
        'platform',
        'clients',
        'create',
        '--data-dir',
        dataDir,
        '--name',
        'R',
        '--redirect-uri',
        'bank://r',
        ...more,
      ]);
    const rotating = await create('--refresh-token-rotation', 'always');
    assert.equal(rotating.status, 0, rotating.stderr);
    assert.equal(JSON.parse(rotating.stdout).refreshTokenRotation, 'always');
    const publicClient = await create('--public');
    assert.equal(publicClient.status, 0, publicClient.stderr);
    assert.equal(JSON.parse(publicClient.stdout).refreshTokenRotation, 'always');
    assert.equal(JSON.parse(publicClient.stdout).clientSecret, null);
    for (const wrong of [
      ['--refresh-token-rotation', 'sometimes'],
      ['--public', '--refresh-token-rotation', 'never'],
    ]) {
      const refused = await create(...wrong);
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, /--refresh-token-rotation|always rotates/);
    }

    const seed = join(dir, 'seed.json');
    writeFileSync(
      seed,
      JSON.stringify({
        clients: [{ clientId: 'seeded', clientSecret: 'seeded-secret', name: 'Seeded', redirectUris: [] }],
      }),
    );
    server = spawn(
      process.execPath,
      [...NODE_ARGS, 'platform', 'serve', '--data-dir', dataDir, '--port', '0', '--seed', seed],
      {
        env: cliEnv(),
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      server!.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });

    for (const [id, secret] of [
      [credentials.clientId, credentials.clientSecret],
      ['seeded', 'seeded-secret'],
    ]) {
      const res = await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      assert.equal(res.status, 200, id);
    }

    const refused = await cli([
      'platform',
      'clients',
      'create',
      '--data-dir',
      dataDir,
      '--name',
      'Y',
      '--redirect-uri',
      'https://y.example/cb',
    ]);
    assert.equal(refused.status, 1);
    assert.equal(
      refused.stderr,
      `account-access: The data folder ${dataDir} is in use by process ${server.pid}. Stop that process first, ` +
        'or run every process against a PostgreSQL server with DATABASE_URL.\n',
    );
    assert.equal(refused.stdout, '');

    const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    assert.equal(await exited, 0);
    server = null;
    assert.equal(existsSync(join(dataDir, 'data.lock')), false, 'SIGTERM released the folder');

    const afterwards = await cli([
      'platform',
      'clients',
      'create',
      '--data-dir',
      dataDir,
      '--name',
      'Z',
      '--redirect-uri',
      'https://z.example/cb',
    ]);
    assert.equal(afterwards.status, 0, afterwards.stderr);
  });
});
