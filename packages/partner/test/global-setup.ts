// Builds the migrated template database every partner test clones, and prints the environment variables
// that name it as one JSON line (see scripts/test.mjs).
import { buildTemplate } from '@account-access/db/testing';
import { PARTNER_MIGRATIONS, PARTNER_MIGRATIONS_TABLE } from '../src/store/open.js';

console.log(
  JSON.stringify(
    await buildTemplate('PARTNER', PARTNER_MIGRATIONS, process.env['DATABASE_URL'], PARTNER_MIGRATIONS_TABLE),
  ),
);
