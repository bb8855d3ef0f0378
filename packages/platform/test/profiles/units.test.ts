import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { alpha2Of, isAlpha2, isAlpha3, stateOf } from '../../src/profiles/countries.js';
import { isRealDate } from '../../src/profiles/fields.js';
import { sandboxBureau } from '../../src/verification/bureau.js';
import { lastDigits } from '../../src/verification/documents.js';
import { isValidCnpj, isValidCpf, parseTaxId } from '../../src/verification/tax-ids.js';

describe('CPF and CNPJ check digits (contract §9)', () => {
  test('known numbers', () => {
    assert.deepEqual(parseTaxId('938.936.652-69'), { kind: 'CPF', digits: '93893665269' });
    assert.deepEqual(parseTaxId('93893665269'), { kind: 'CPF', digits: '93893665269' });
    assert.ok(isValidCpf('52998224725'));
    assert.ok(isValidCpf('11144477735'));
    assert.deepEqual(parseTaxId('11.222.333/0001-81'), { kind: 'CNPJ', digits: '11222333000181' });
    assert.ok(isValidCnpj('11444777000161'));
    for (const bad of ['93893665268', '00000000000', '99999999999', '1234567890', '11222333000180', '']) {
      assert.equal(parseTaxId(bad), null, bad);
    }
    // Only the two documented spellings.
    assert.equal(parseTaxId('938936652-69'), null);
    assert.equal(parseTaxId('11222333/0001-81'), null);
  });

  test('changing any one digit of a valid CPF breaks it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const digits = [...'93893665269'].map(Number);
        digits[position] = (digits[position]! + delta) % 10;
        assert.equal(isValidCpf(digits.join('')), false);
      }),
    );
  });
});

describe('dates, countries, states', () => {
  test('real dates only', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '1990-12-31', '0001-01-01']) assert.ok(isRealDate(ok), ok);
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '1990-04-31',
      '1990-00-10',
      '1990-01-00',
      '1990-1-1',
      '0000-01-01',
      ' 1990-01-01',
    ])
      assert.ok(!isRealDate(bad), bad);
  });

  test('country codes in either case', () => {
    assert.ok(isAlpha3('bra') && isAlpha3('BRA') && !isAlpha3('BR') && !isAlpha3('XYZ'));
    assert.ok(isAlpha2('br') && !isAlpha2('BRA'));
    assert.equal(alpha2Of('gbr'), 'GB');
    assert.equal(alpha2Of('xyz'), null);
  });

  test('state codes of the four countries that need one', () => {
    assert.equal(stateOf('BRA', 'sp'), 'SP');
    assert.equal(stateOf('usa', 'US-NY'), 'NY');
    assert.equal(stateOf('CAN', 'QC'), 'QC');
    assert.equal(stateOf('AUS', 'nsw'), 'NSW');
    assert.equal(stateOf('BRA', 'NY'), null);
    assert.equal(stateOf('GBR', 'LND'), null);
  });
});

describe('sandbox bureau and display digits', () => {
  test('the first digit decides a failure, for a CPF and a CNPJ alike (G-BR "CPF/CNPJ Errors in Sandbox")', async () => {
    const check = (kind: 'CPF' | 'CNPJ', digits: string) =>
      sandboxBureau.check({ kind, digits, firstName: 'Test', lastName: 'User', dateOfBirth: '2000-01-01' });
    assert.equal(await check('CPF', '01234567890'), 'NOT_ASSIGNED');
    assert.equal(await check('CPF', '51234567890'), 'BELONG_TO_MINOR');
    assert.equal(await check('CPF', '61234567890'), 'OK');
    assert.equal(await check('CNPJ', '01234567000195'), 'NOT_ASSIGNED');
    assert.equal(await check('CNPJ', '61222333000150'), 'OK');
  });

  test('never more than half of an identifier is kept', () => {
    assert.equal(lastDigits('93893665269'), '5269');
    assert.equal(lastDigits('AB'), 'B');
    assert.equal(lastDigits('A'), '');
  });
});
