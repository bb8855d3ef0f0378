/**
 * `npm start`'s step beside the build (scripts/prestart.mjs): makes the PGlite cluster that new data
 * folders are copied from, and its migrated copies for the schemas named by the arguments (pairs of a
 * migrations folder and its table), unless they are made already. Run from source, since the build runs at
 * the same time.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pgliteStartParams } from './pglite.js';
import { preparePgliteCluster } from './pglite-template.js';

const args = process.argv.slice(2);
const params = pgliteStartParams();
await preparePgliteCluster(params);
const schemas = [];
for (let i = 0; i + 1 < args.length; i += 2) {
  schemas.push({ migrations: pathToFileURL(`${resolve(args[i]!)}/`), migrationsTable: args[i + 1]! });
}
await Promise.all(schemas.map((schema) => preparePgliteCluster(params, schema)));
