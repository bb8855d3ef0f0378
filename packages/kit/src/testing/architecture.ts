import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * One layer of a package's src/ (docs/architecture.md "Layers"). A unit is a folder of src/, or a file at its
 * root. A unit may import only units of lower layers; inside a layer, `sideways` says whether its units may
 * use each other ('acyclic': yes, without a cycle; 'none': never, e.g. two features).
 */
export interface Layer {
  name: string;
  units: readonly string[];
  sideways: 'none' | 'acyclic';
}

export interface ArchitectureSpec {
  /** The package's src/ folder. */
  src: URL;
  /** The layers, bottom first. */
  layers: readonly Layer[];
  /** Units other than `store` allowed to hold SQL, each with the reason (shown in the test's name). */
  sqlAllowed?: Readonly<Record<string, string>>;
}

/** Every .ts file below `dir`. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative specifiers of static imports, re-exports and dynamic imports (statements never span a `;`). */
export function importsOf(source: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

export interface Edge {
  from: string;
  to: string;
  where: string;
}

/** Every import from one unit of `src` into another, with the file and specifier that make it. */
export function crossUnitImports(src: string, files: readonly string[]): Edge[] {
  const unitOf = (file: string) => relative(src, file).split(sep)[0]!;
  return files.flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ file, target: resolve(dirname(file), spec) }))
      .filter(({ target }) => !relative(src, target).startsWith('..'))
      .map(({ file, target }) => ({
        from: unitOf(file),
        to: unitOf(target).replace(/\.js$/, '.ts'),
        where: `${relative(src, file)} → ${relative(src, target)}`,
      }))
      .filter((edge) => edge.from !== edge.to),
  );
}

/** The units on a cycle of the unit graph, as `a → b → a` strings (one per cycle found). */
export function cyclesOf(edges: readonly Pick<Edge, 'from' | 'to'>[]): string[] {
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

/** What SQL looks like in this code base: a driver call, or a statement in a string literal. */
export const SQL_PATTERNS: readonly RegExp[] = [
  /\.query\s*(?:<[^>]*>)?\s*\(/,
  /\b(?:select|SELECT)\s[^;'"`]*?\b(?:from|FROM)\s+[a-z_]+\b/,
  /\b(?:insert into|INSERT INTO|delete from|DELETE FROM)\s+[a-z_]+\b/,
  /\b(?:update|UPDATE)\s+[a-z_]+\s+(?:set|SET)\s/,
];

export const containsSql = (source: string) => SQL_PATTERNS.some((pattern) => pattern.test(source));

/**
 * The architecture tests of one package: every unit placed in the table, no import upward, none sideways
 * where the layer forbids it, no cycle, and no SQL outside `store/` (docs/architecture.md "Layers").
 */
export function describeArchitecture({ src: srcUrl, layers, sqlAllowed = {} }: ArchitectureSpec): void {
  const src = fileURLToPath(srcUrl);
  const files = sourceFiles(src);
  const unitOf = (file: string) => relative(src, file).split(sep)[0]!;
  const layerOf = new Map(layers.flatMap((layer, rank) => layer.units.map((unit) => [unit, rank] as const)));

  describe('architecture: layers that only point down (docs/architecture.md "Layers")', () => {
    const edges = crossUnitImports(src, files);

    test('every folder and root file of src/ has a place in the layer table', () => {
      const unplaced = [...new Set(files.map(unitOf))].filter((unit) => !layerOf.has(unit));
      assert.deepEqual(unplaced, [], 'add each new folder to the layer table and to docs/architecture.md');
    });

    test('no unit imports a unit of a higher layer', () => {
      const upward = edges.filter((e) => (layerOf.get(e.to) ?? -1) > (layerOf.get(e.from) ?? -1));
      assert.deepEqual(
        upward.map((e) => e.where),
        [],
      );
    });

    test('no unit imports another of its own layer where the layer forbids it', () => {
      const sideways = edges.filter((e) => {
        const rank = layerOf.get(e.from);
        return rank !== undefined && rank === layerOf.get(e.to) && layers[rank]!.sideways === 'none';
      });
      assert.deepEqual(
        sideways.map((e) => e.where),
        [],
      );
    });

    test('no cycle between units', () => {
      assert.deepEqual(cyclesOf(edges), []);
    });
  });

  const allowed = Object.entries(sqlAllowed)
    .map(([unit, why]) => `${unit}/: ${why}`)
    .join('; ');
  describe('architecture: no SQL outside src/store/ (docs/architecture.md "Layers")', () => {
    test(`every statement is behind a store interface${allowed ? ` (except ${allowed})` : ''}`, () => {
      const offenders = files
        .filter((file) => unitOf(file) !== 'store' && !(unitOf(file) in sqlAllowed))
        .filter((file) => containsSql(readFileSync(file, 'utf8')))
        .map((file) => relative(src, file));
      assert.deepEqual(offenders, []);
    });
  });
}
