import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cli, runEach } from './support.js';

/**
 * The variants run through `run` in this process (issue 14: a child costs ~1 s of CPU); the first test proves
 * on real processes that the status and the streams reach the shell as `run` returns and writes them.
 */
describe('account-access --help and usage errors', () => {
  test('as a process: --help exits 0 on stdout, usage errors exit 2 on stderr', async () => {
    const [help, unknown, badValue] = await Promise.all([
      cli(['--help']),
      cli(['launch']),
      cli(['platform', 'serve', '--port', 'http']),
    ]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: account-access <command>/);
    assert.equal(help.stderr, '');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^account-access: unknown command: launch\n\nUsage: account-access /);
    assert.equal(unknown.stdout, '');
    assert.equal(badValue.status, 2);
    assert.match(
      badValue.stderr,
      /^account-access: --port must be a number from 0 to 65535, got "http"\n\nUsage: /,
    );
    assert.equal(badValue.stdout, '');
  });

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
    const results = await runEach(commands.map((command) => [...command, '--help']));
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
    const results = await runEach(commands.map((command) => [...command, '--bogus']));
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
    const results = await runEach(cases);
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
    const results = await runEach(cases.map(([args]) => args));
    for (const [i, [args, message]] of cases.entries()) {
      const res = results[i]!;
      assert.equal(res.status, 2, args.join(' '));
      assert.match(res.stderr, message);
    }
  });
});
