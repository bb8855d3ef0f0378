import type { Address } from '../store/profiles.js';
import { isAlpha3, STATES, stateOf } from './countries.js';
import { Fields } from './fields.js';

/** (ours) The longest address line or city accepted. */
const MAX_LINE = 100;

/** A country code field: ISO 3166-1 alpha-3 in either case, kept in lower case as Wise returns it. */
export function country(
  f: Fields,
  input: Record<string, unknown>,
  key: string,
  required: boolean,
): string | undefined {
  const value = f.string(input, key, { required });
  if (value === undefined) return undefined;
  if (!isAlpha3(value)) return f.fail('ERROR', key, `${key} must be an ISO 3166-1 alpha-3 country code`);
  // Stored and returned in lower case, as Wise returns it (`"countryIso3Code": "bra"`).
  return value.toLowerCase();
}

/**
 * Contract §8 `address{addressFirstLine*, city*, countryIso3Code*, postCode, stateCode}`. With `strictState`
 * (personal profiles, as §8 states it) the stateCode is required for, and only allowed for, the countries in
 * STATES, normalised to the subdivision code; otherwise (business addresses) it is optional and kept in
 * upper case as given.
 */
export function address(
  f: Fields,
  input: Record<string, unknown>,
  rules: { required: boolean; strictState: boolean; key?: string },
): Address | undefined {
  const key = rules.key ?? 'address';
  const raw = f.object(input, key, rules.required);
  if (!raw) return undefined;
  const a = new Fields(f.path(`${key}.`));
  const addressFirstLine = a.string(raw, 'addressFirstLine', { required: true, max: MAX_LINE });
  const city = a.string(raw, 'city', { required: true, max: MAX_LINE });
  const countryIso3Code = country(a, raw, 'countryIso3Code', true);
  const postCode = a.string(raw, 'postCode', { max: 30 });
  let stateCode = a.string(raw, 'stateCode', { max: 10 });
  if (!rules.strictState) stateCode = stateCode?.toUpperCase();
  else if (countryIso3Code !== undefined) {
    const needsState = STATES[countryIso3Code.toUpperCase()] !== undefined;
    if (needsState && stateCode === undefined && !a.errors.some((e) => e.path === a.path('stateCode'))) {
      a.fail('MISSING', 'stateCode', `stateCode is required for ${countryIso3Code.toUpperCase()}`);
    } else if (needsState && stateCode !== undefined) {
      const normalised = stateOf(countryIso3Code, stateCode);
      if (normalised === null) {
        stateCode = a.fail(
          'ERROR',
          'stateCode',
          `stateCode is not a state of ${countryIso3Code.toUpperCase()}`,
        );
      } else stateCode = normalised;
    } else if (!needsState && stateCode !== undefined) {
      stateCode = a.fail(
        'UNEXPECTED',
        'stateCode',
        `${countryIso3Code.toUpperCase()} addresses have no stateCode`,
      );
    }
  }
  f.errors.push(...a.errors);
  if (a.errors.length > 0) return undefined;
  return {
    addressFirstLine: addressFirstLine!,
    city: city!,
    countryIso3Code: countryIso3Code!,
    postCode: postCode ?? null,
    stateCode: stateCode ?? null,
  };
}
