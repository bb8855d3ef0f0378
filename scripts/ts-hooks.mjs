// Module hooks that run this repository's TypeScript in node (see ts-loader.mjs): a relative `./x.js` import
// from a .ts file finds `./x.ts`, and a .ts file is compiled by esbuild (types stripped, nothing else changed:
// the sources are written for `isolatedModules` and `verbatimModuleSyntax`; tsx's options, whose hooks these
// replace in tests), cached on disk by content.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const CACHE = fileURLToPath(new URL('../node_modules/.cache/ts-hooks/', import.meta.url));
const OPTIONS = {
  loader: 'ts',
  format: 'esm',
  target: `node${process.versions.node}`,
  keepNames: true,
  sourcemap: 'inline',
  sourcesContent: false,
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: true } },
};
const VERSION = createHash('sha1').update(JSON.stringify(OPTIONS)).digest('hex').slice(0, 8);
const exists = new Map();

export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (
    parent?.endsWith('.ts') &&
    specifier.endsWith('.js') &&
    (specifier.startsWith('./') || specifier.startsWith('../'))
  ) {
    const url = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    const path = fileURLToPath(url);
    if (!exists.has(path)) exists.set(path, existsSync(path));
    if (exists.get(path)) return { url: url.href, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const source = readFileSync(path, 'utf8');
  const key = createHash('sha1').update(VERSION).update(path).update(source).digest('hex');
  const cached = `${CACHE}${key}.js`;
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    code = (await transform(source, { ...OPTIONS, sourcefile: path })).code;
    mkdirSync(CACHE, { recursive: true });
    const temp = `${cached}.${process.pid}`;
    writeFileSync(temp, code);
    renameSync(temp, cached);
  }
  return { format: 'module', source: code, shortCircuit: true };
}
