// Every export of the package, and every member of `WiseClient`, names in its TSDoc the contract section
// it implements (`contract §N`) and a Wise documentation page (`@see https://docs.wise.com/...`). Checked
// on the source text, without the TypeScript compiler: the comment block right before each declaration.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const SRC = new URL('./', import.meta.url);
const CONTRACT = /\bcontract §\d/;
// What Wise documents nothing of (contract §12: revocation, introspection, metadata, ours) cites its RFC instead.
const WISE_PAGE = /@see https:\/\/(?:docs\.wise\.com|www\.rfc-editor\.org)\/\S+/;

function read(file: string): string {
  return readFileSync(new URL(file, SRC), 'utf8');
}

/** `[name, module file]` for every name of `export { … } from './x.js'` and `export type { … } from …`. */
function exportsOf(index: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of index.matchAll(/^export (?:type )?\{([^}]*)\} from '\.\/([\w-]+)\.js';/gm)) {
    for (const item of (m[1] as string).split(',')) {
      const name = item
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop();
      if (name) out.push([name, `${m[2]}.ts`]);
    }
  }
  return out;
}

/** The text of the `/** … *\/` block that ends right before `at` (whitespace aside), lines joined. */
function docBefore(source: string, at: number): string | undefined {
  const before = source.slice(0, at).trimEnd();
  if (!before.endsWith('*/')) return undefined;
  const start = before.lastIndexOf('/**');
  if (start < 0) return undefined;
  return before
    .slice(start + 3, -2)
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .join(' ');
}

/** The TSDoc of the top-level declaration of `name`, `null` when there is none. */
function declarationDoc(source: string, name: string): string | undefined | null {
  const keyword = '(?:function|class|interface|type|const|let|enum)';
  const declaration = new RegExp(
    `^export (?:declare )?(?:abstract )?(?:async )?${keyword} ${name}\\b`,
    'm',
  ).exec(source);
  return declaration ? docBefore(source, declaration.index) : null;
}

/** The members (properties and methods, two-space indent) of `export interface <name> [extends …] { … }`. */
function interfaceMembers(source: string, name: string): Array<[string, string | undefined]> {
  const open =
    new RegExp(`^export interface ${name}(?: extends [\\w, ]+)? \\{`, 'm').exec(source)?.index ?? -1;
  const close = source.indexOf('\n}\n', open);
  assert.ok(open >= 0 && close > open, `interface ${name} not found`);
  const body = source.slice(0, close);
  const out: Array<[string, string | undefined]> = [];
  for (const m of body.slice(open).matchAll(/^ {2}(?:readonly )?(\w+)[(<:?]/gm)) {
    out.push([m[1] as string, docBefore(body, open + m.index)]);
  }
  return out;
}

/** What is missing from a doc, as a readable list; empty when the doc is complete. */
function missing(doc: string | undefined | null): string[] {
  if (doc === null) return ['declaration not found'];
  if (doc === undefined) return ['no TSDoc'];
  const gaps: string[] = [];
  if (!CONTRACT.test(doc)) gaps.push('no "contract §N"');
  if (!WISE_PAGE.test(doc)) gaps.push('no "@see https://docs.wise.com/…"');
  return gaps;
}

describe('documentation of the exports', () => {
  const exported = exportsOf(read('index.ts'));

  it('reads every export of index.ts', () => {
    // A guard on the parser itself: were it to find nothing, the checks below would pass vacuously.
    const names = exported.map(([name]) => name);
    assert.ok(names.length >= 80, `only ${names.length} exports found`);
    for (const name of ['createClient', 'WiseClient', 'WiseApiError', 'TokenStore', 'ENVIRONMENTS']) {
      assert.ok(names.includes(name), `${name} not found among the exports`);
    }
    assert.equal(new Set(names).size, names.length, 'an export is listed twice');
  });

  it('cites the contract section and a Wise page for every export', () => {
    const failures = exported.flatMap(([name, file]) =>
      missing(declarationDoc(read(file), name)).map((gap) => `${file} ${name}: ${gap}`),
    );
    assert.deepEqual(failures, []);
  });

  it('cites the contract section and a Wise page for every member of WiseClient', () => {
    const members = interfaceMembers(read('wise-client.ts'), 'WiseClient');
    assert.ok(members.length >= 19, `only ${members.length} members of WiseClient found`);
    const failures = members.flatMap(([name, doc]) =>
      missing(doc).map((gap) => `WiseClient.${name}: ${gap}`),
    );
    assert.deepEqual(failures, []);
  });

  it('cites the contract section and a Wise page for every member of ProfileClient', () => {
    // `WiseClient` extends it: its members are the client's profile, address, user and simulation calls.
    const members = interfaceMembers(read('profile-client.ts'), 'ProfileClient');
    assert.ok(members.length >= 22, `only ${members.length} members of ProfileClient found`);
    const failures = members.flatMap(([name, doc]) =>
      missing(doc).map((gap) => `ProfileClient.${name}: ${gap}`),
    );
    assert.deepEqual(failures, []);
  });

  it('catches a declaration without the citations', () => {
    const source = [
      '/**',
      ' * Documented (contract §2).',
      ' * @see https://docs.wise.com/api-reference/user/usercreate',
      ' */',
      'export function good(): void {}',
      '/** No section, no page. */',
      'export function vague(): void {}',
      'export const bare = 1;',
      '/** A page only. @see https://docs.wise.com/x */',
      'export interface Half {}',
      '/** Ours (contract §12). @see https://www.rfc-editor.org/rfc/rfc7009#section-2 */',
      'export function standard(): void {}',
    ].join('\n');
    assert.deepEqual(missing(declarationDoc(source, 'standard')), []);
    assert.deepEqual(missing(declarationDoc(source, 'good')), []);
    assert.deepEqual(missing(declarationDoc(source, 'vague')), [
      'no "contract §N"',
      'no "@see https://docs.wise.com/…"',
    ]);
    assert.deepEqual(missing(declarationDoc(source, 'bare')), ['no TSDoc']);
    assert.deepEqual(missing(declarationDoc(source, 'Half')), ['no "contract §N"']);
    assert.deepEqual(missing(declarationDoc(source, 'absent')), ['declaration not found']);
  });
});
