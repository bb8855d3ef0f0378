import fc from 'fast-check';

/**
 * Any JSON-ish value for the never-500 property tests, strange strings included (lone surrogates, NUL, and
 * long ones of `long` characters); `doubles: false` keeps numbers to integers.
 */
export function anyValue(
  long: { minLength: number; maxLength: number },
  { doubles = true }: { doubles?: boolean } = {},
): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.string({ unit: 'binary' }),
    fc.string(long),
    fc.integer(),
    ...(doubles ? [fc.double()] : []),
    fc.boolean(),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  );
}

/** A field that is usually one of the plausible values and sometimes any of `anyOf`. */
export const fieldOf =
  (anyOf: fc.Arbitrary<unknown>) =>
  <T>(...plausible: T[]) =>
    fc.oneof(fc.constantFrom(...plausible), anyOf);
