import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, cliEnv, NODE_ARGS } from './support.js';

describe('account-access --help and usage errors', () => {
  const commands = [
    [],
    ['dev'],
    ['platform'],
    ['platform', 'serve'],
    ['platform', 'clients'],
    ['platform', 'clients', 'create'],
    ['partner'],
    ['partner', 'serve'],
    ['partner', 'keys'],
    ['partner', 'keys', 'rotate'],
  ];

  test('--help on every command and sub-command: usage on stdout, exit 0', async () => {
    const results = await Promise.all(commands.map((command) => cli([...command, '--help'])));
    for (const [i, command] of commands.entries()) {
      const res = results[i]!;
      assert.equal(res.status, 0, command.join(' '));
      assert.match(
        res.stdout,
        new RegExp(`^Usage: account-access ${command.join(' ')}`.replace(/ +$/, '')),
        command.join(' '),
      );
      assert.equal(res.stderr, '');
    }
  });

  test('an unknown option: exit 2 with the usage on stderr', async () => {
    const commands = [
      ['platform', 'serve'],
      ['platform', 'clients', 'create'],
      ['dev'],
      ['partner', 'serve'],
      ['partner', 'keys', 'rotate'],
    ];
    const results = await Promise.all(commands.map((command) => cli([...command, '--bogus'])));
    for (const [i, command] of commands.entries()) {
      const res = results[i]!;
      assert.equal(res.status, 2, command.join(' '));
      assert.match(res.stderr, /^account-access: unknown option: --bogus\n\nUsage: account-access /);
      assert.equal(res.stdout, '');
    }
  });

  test('unknown commands, missing commands and stray arguments: exit 2', async () => {
    const cases = [
      ['launch'],
      ['platform', 'nope'],
      ['platform'],
      [],
      ['platform', 'serve', 'extra'],
      ['partner'],
      ['partner', 'keys'],
      ['partner', 'keys', 'spin'],
    ];
    const results = await Promise.all(cases.map((args) => cli(args)));
    for (const [i, args] of cases.entries()) {
      const res = results[i]!;
      assert.equal(res.status, 2, args.join(' '));
      assert.match(res.stderr, /^account-access: .+\n\nUsage: /);
    }
  });

  test('bad option values: exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['platform', 'serve', '--port', 'http'], /--port must be a number from 0 to 65535/],
      [['platform', 'serve', '--port', '70000'], /--port must be a number/],
      [['platform', 'serve', '--port'], /argument missing/],
      [['partner', 'serve', '--port', 'web'], /--port must be a number from 0 to 65535/],
      [['partner', 'serve', '--link-method', 'pigeon'], /--link-method must be redirect or email/],
      [
        ['partner', 'serve', '--data-dir', 'd', '--database-url', 'postgres://x'],
        /either --database-url or --data-dir/,
      ],
      [
        ['partner', 'keys', 'rotate', '--data-dir', 'd', '--database-url', 'postgres://x'],
        /either --database-url or --data-dir/,
      ],
      [['platform', 'clients', 'create', '--redirect-uri', 'https://a.example/cb'], /--name is required/],
      [['platform', 'clients', 'create', '--name', 'A'], /at least one --redirect-uri is required/],
      [
        [
          'platform',
          'clients',
          'create',
          '--name',
          'A',
          '--redirect-uri',
          'x',
          '--data-dir',
          'd',
          '--database-url',
          'postgres://x',
        ],
        /either --database-url or --data-dir/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args)));
    for (const [i, [args, message]] of cases.entries()) {
      const res = results[i]!;
      assert.equal(res.status, 2, args.join(' '));
      assert.match(res.stderr, message);
    }
  });
});

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
    assert.deepEqual(Object.keys(credentials), ['clientId', 'clientSecret']);
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

  test('a seed whose client id is all digits, as user ids are (RFC 9700 §4.15): exit 1, one line', async () => {
    const seed = join(dir, 'numeric-seed.json');
    writeFileSync(seed, JSON.stringify({ clients: [{ clientId: '1000001', name: 'N', redirectUris: [] }] }));
    const res = await cli([
      'platform',
      'serve',
      '--data-dir',
      join(dir, 'numeric-data'),
      '--port',
      '0',
      '--seed',
      seed,
    ]);
    assert.equal(res.status, 1);
    assert.match(
      res.stderr,
      /^account-access: The seed file .*numeric-seed\.json cannot be used: The client id 1000001 is all digits, as user ids are: .*bank-1000001.*\n$/,
    );
  });

  test('a seed file that cannot be read: exit 1, one line', async () => {
    const res = await cli([
      'platform',
      'serve',
      '--data-dir',
      join(dir, 'data'),
      '--port',
      '0',
      '--seed',
      join(dir, 'missing.json'),
    ]);
    assert.equal(res.status, 1);
    assert.match(res.stderr, /^account-access: Cannot read the seed file .*missing\.json: .*\n$/);
  });
});
