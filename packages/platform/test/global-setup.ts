// Builds the migrated template database every platform test clones, and prints the environment variables
// that name it as one JSON line (see scripts/test.mjs).
import { buildTemplate } from '@account-access/db/testing';
import { PLATFORM_MIGRATIONS } from '../src/store/open.js';

console.log(
  JSON.stringify(await buildTemplate('PLATFORM', PLATFORM_MIGRATIONS, process.env['DATABASE_URL'])),
);
