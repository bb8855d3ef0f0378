import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The platform's layers, bottom first (docs/architecture.md "Layers"). A unit is a folder of src/, or a file
 * at its root. A unit may import only units of lower layers; inside a layer, `sideways` says whether its
 * units may use each other ('acyclic': yes, without a cycle; 'none': never, e.g. two features).
 */
const LAYERS: readonly { name: string; units: readonly string[]; sideways: 'none' | 'acyclic' }[] = [
  { name: 'foundations', units: ['config', 'crypto', 'errors'], sideways: 'none' },
  { name: 'store', units: ['store'], sideways: 'none' },
  { name: 'platform', units: ['context.ts'], sideways: 'none' },
  {
    name: 'services',
    units: ['clients', 'seed.ts', 'profiles', 'verification', 'auth', 'mail'],
    sideways: 'acyclic',
  },
  // Views are pure functions of plain data; they may use a service's rules (the profile module's limits).
  { name: 'views', units: ['views'], sideways: 'none' },
  { name: 'http', units: ['http'], sideways: 'none' },
  {
    name: 'features',
    units: ['oauth', 'interaction', 'email-code', 'account', 'api', 'sandbox'],
    sideways: 'none',
  },
  { name: 'app', units: ['app.ts'], sideways: 'none' },
  { name: 'entry points', units: ['server.ts', 'index.ts', 'testing'], sideways: 'acyclic' },
];

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const unitOf = (file: string) => relative(SRC, file).split(sep)[0]!;
const layerOf = new Map(LAYERS.flatMap((layer, rank) => layer.units.map((unit) => [unit, rank] as const)));

/** Relative specifiers of static imports, re-exports and dynamic imports (statements never span a `;`). */
function importsOf(source: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

interface Edge {
  from: string;
  to: string;
  where: string;
}

/** Every import from one unit into another, with the file and specifier that make it. */
function crossUnitImports(): Edge[] {
  return files.flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ file, target: resolve(dirname(file), spec) }))
      .filter(({ target }) => !relative(SRC, target).startsWith('..'))
      .map(({ file, target }) => ({
        from: unitOf(file),
        to: unitOf(target).replace(/\.js$/, '.ts'),
        where: `${relative(SRC, file)} → ${relative(SRC, target)}`,
      }))
      .filter((edge) => edge.from !== edge.to),
  );
}

/** The units on a cycle of the unit graph, as `a → b → a` strings (one per cycle found). */
function cyclesOf(edges: readonly Pick<Edge, 'from' | 'to'>[]): string[] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (unit: string) => {
    state.set(unit, 'open');
    path.push(unit);
    for (const to of next.get(unit) ?? []) {
      if (state.get(to) === 'open') found.push([...path.slice(path.indexOf(to)), to].join(' → '));
      else if (!state.has(to)) visit(to);
    }
    path.pop();
    state.set(unit, 'done');
  };
  for (const unit of [...next.keys()].sort()) if (!state.has(unit)) visit(unit);
  return found;
}

describe('architecture: layers that only point down (docs/architecture.md "Layers")', () => {
  const edges = crossUnitImports();

  test('every folder and root file of src/ has a place in the layer table', () => {
    const unplaced = [...new Set(files.map(unitOf))].filter((unit) => !layerOf.has(unit));
    assert.deepEqual(unplaced, [], 'add each new folder to LAYERS and to docs/architecture.md');
  });

  test('no unit imports a unit of a higher layer', () => {
    const upward = edges.filter((e) => (layerOf.get(e.to) ?? -1) > (layerOf.get(e.from) ?? -1));
    assert.deepEqual(
      upward.map((e) => e.where),
      [],
    );
  });

  test('no unit imports another of its own layer where the layer forbids it (features never)', () => {
    const sideways = edges.filter((e) => {
      const rank = layerOf.get(e.from);
      return rank !== undefined && rank === layerOf.get(e.to) && LAYERS[rank]!.sideways === 'none';
    });
    assert.deepEqual(
      sideways.map((e) => e.where),
      [],
    );
  });

  test('no cycle between units', () => {
    assert.deepEqual(cyclesOf(edges), []);
  });

  test('the checks see what they look for', () => {
    assert.deepEqual(
      importsOf(
        "import type { A } from '../a.js';\nimport {\n  b,\n} from './b.js';\nexport { c } from './c.js';\nimport './d.js';\nconst e = await import('./e.js');",
      ),
      ['../a.js', './b.js', './c.js', './d.js', './e.js'],
    );
    assert.deepEqual(
      cyclesOf([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
        { from: 'c', to: 'd' },
      ]),
      ['a → b → c → a'],
    );
  });
});

/** What SQL looks like in this code base: a driver call, or a statement in a string literal. */
const SQL_PATTERNS: readonly RegExp[] = [
  /\.query\s*(?:<[^>]*>)?\s*\(/,
  /\b(?:select|SELECT)\s[^;'"`]*?\b(?:from|FROM)\s+[a-z_]+\b/,
  /\b(?:insert into|INSERT INTO|delete from|DELETE FROM)\s+[a-z_]+\b/,
  /\b(?:update|UPDATE)\s+[a-z_]+\s+(?:set|SET)\s/,
];

describe('architecture: no SQL outside src/store/ (docs/architecture.md "Layers")', () => {
  test('the patterns find SQL and only SQL', () => {
    const sql = [
      "await db.query<{ n: number }>('x')",
      '`select id, email from users where id = $1`',
      "'insert into grants (id) values ($1)'",
      '`update users set active = false`',
      "'delete from sessions where id = $1'",
    ];
    const prose = ['Choose a profile from the list', 'We sent you an email. Update your details', 'queryKey'];
    for (const text of sql)
      assert.ok(
        SQL_PATTERNS.some((p) => p.test(text)),
        text,
      );
    for (const text of prose) assert.ok(!SQL_PATTERNS.some((p) => p.test(text)), text);
  });

  test('every statement is behind a store interface', () => {
    const offenders = files
      .filter((file) => unitOf(file) !== 'store')
      .filter((file) => {
        const source = readFileSync(file, 'utf8');
        return SQL_PATTERNS.some((pattern) => pattern.test(source));
      })
      .map((file) => relative(SRC, file));
    assert.deepEqual(offenders, []);
  });
});
