import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { environmentTable } from '@account-access/kit';
import { PLATFORM_SETTINGS } from '../src/config/settings.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

test('the README configuration table lists exactly the declared variables and their settings-file keys', () => {
  const documented = [...README.matchAll(/^\| `([A-Z_]+)` +\| `([A-Za-z]+)` +\|/gm)].map((m) => [m[1], m[2]]);
  const declared = environmentTable(PLATFORM_SETTINGS).map((r) => [r.name, r.key]);
  assert.deepEqual(documented, declared);
});
