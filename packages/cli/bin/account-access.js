#!/usr/bin/env node
// The `account-access` command; the code lives in the built dist/main.js.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('account-access: not built yet; run `npm run build` in the repository first.');
  process.exit(1);
}
await import(main.href);
