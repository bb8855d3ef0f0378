import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containsSql, cyclesOf, importsOf } from '../src/testing/architecture.js';

describe('the architecture checks see what they look for', () => {
  test('imports: static, multi-line, re-exports, side-effect and dynamic', () => {
    assert.deepEqual(
      importsOf(
        "import type { A } from '../a.js';\nimport {\n  b,\n} from './b.js';\nexport { c } from './c.js';\nimport './d.js';\nconst e = await import('./e.js');",
      ),
      ['../a.js', './b.js', './c.js', './d.js', './e.js'],
    );
  });

  test('cycles: the one cycle of a graph, not its tail', () => {
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

  test('SQL and only SQL', () => {
    const sql = [
      "await db.query<{ n: number }>('x')",
      '`select id, email from users where id = $1`',
      "'insert into grants (id) values ($1)'",
      '`update users set active = false`',
      "'delete from sessions where id = $1'",
    ];
    const prose = ['Choose a profile from the list', 'We sent you an email. Update your details', 'queryKey'];
    for (const text of sql) assert.ok(containsSql(text), text);
    for (const text of prose) assert.ok(!containsSql(text), text);
  });
});
