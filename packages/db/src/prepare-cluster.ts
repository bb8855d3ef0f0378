/**
 * `npm start`'s step beside the build (scripts/prestart.mjs): makes the PGlite cluster that new data
 * folders are copied from, unless it is made already. Run from source, since the build runs at the same time.
 */

import { pgliteStartParams } from './pglite.js';
import { preparePgliteCluster } from './pglite-template.js';

await preparePgliteCluster(pgliteStartParams());
