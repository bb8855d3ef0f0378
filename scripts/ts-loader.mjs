// `node --import ./scripts/ts-loader.mjs` runs the repository's TypeScript (the tests, scripts, the CLI from source).
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('./ts-hooks.mjs', import.meta.url);
