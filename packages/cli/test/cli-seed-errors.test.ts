import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, runInProcess } from './support.js';

describe('account-access platform serve with a seed it cannot use', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'account-access-cli-seed-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
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

  // Through `run` in this process (issue 14): the test above proves the same path as a process; the file is
  // read before the database opens, so nothing is left open here.
  test('a seed file that cannot be read: exit 1, one line', async () => {
    const res = await runInProcess([
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
