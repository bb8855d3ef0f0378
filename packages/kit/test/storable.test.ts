import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstUnstorable, unstorable } from '../src/storable.js';

test('unstorable: NUL and lone surrogates, not surrogate pairs or ordinary text', () => {
  for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\udc00\ud800', 'a\ud83d'])
    assert.equal(unstorable(bad), true, JSON.stringify(bad));
  for (const good of ['', 'plain', '😀', 'é\u200b', '\ufffd', '%00'])
    assert.equal(unstorable(good), false, good);
});

test('firstUnstorable: the name of the first bad entry, of objects, repeated values and iterables', () => {
  assert.equal(firstUnstorable({ a: 'ok', b: 'x\u0000', c: '\u0000' }), 'b');
  assert.equal(firstUnstorable({ a: ['ok', '\ud800'] }), 'a');
  assert.equal(firstUnstorable({ 'a\u0000': 'ok' }), '', 'a bad name is not shown');
  assert.equal(firstUnstorable(new URLSearchParams('a=1&b=%00')), 'b');
  assert.equal(firstUnstorable({ a: 1, b: null, c: 'ok' }), null);
  assert.equal(firstUnstorable(undefined), null);
});
