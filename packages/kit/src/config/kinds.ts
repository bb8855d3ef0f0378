/**
 * The types a setting may have. Each reads the two shapes a value arrives in: a string from the environment,
 * and a JSON value from the settings file or a caller's overrides. A mismatch throws a `Mismatch` carrying
 * what was expected; the loader adds where the value came from.
 */
export class Mismatch extends Error {
  constructor(
    /** What the value must be: "a whole number". */
    readonly expected: string,
    readonly got: unknown,
  ) {
    super(`must be ${expected}`);
  }
}

/** `In` is what a file or a caller may give when it is wider than the value (a list as one string). */
export interface Kind<T, In = T> {
  /** Type-level only: what overrides may hold. */
  readonly input?: In;
  /** What a value must be, for messages and the environment table: "a whole number". */
  readonly describe: string;
  fromEnv(raw: string): T;
  fromJson(value: unknown): T;
}

export function mismatch(describe: string, value: unknown): never {
  throw new Mismatch(describe, value);
}

export const string: Kind<string> = {
  describe: 'a string',
  fromEnv: (raw) => raw,
  fromJson: (value) => (typeof value === 'string' ? value : mismatch('a string', value)),
};

/** A string, or `null` in the file for "none" (an empty environment variable already means "unset"). */
export const nullableString: Kind<string | null> = {
  describe: 'a string',
  fromEnv: (raw) => raw,
  fromJson: (value) =>
    value === null || typeof value === 'string' ? value : mismatch('a string or null', value),
};

export const integer: Kind<number> = {
  describe: 'a whole number',
  fromEnv: (raw) => (/^-?\d+$/.test(raw.trim()) ? Number(raw) : mismatch('a whole number', raw)),
  fromJson: (value) => (Number.isInteger(value) ? (value as number) : mismatch('a whole number', value)),
};

const TRUE = ['1', 'true', 'yes'];
const FALSE = ['0', 'false', 'no'];

export const boolean: Kind<boolean> = {
  describe: 'true or false',
  fromEnv: (raw) => {
    const v = raw.trim().toLowerCase();
    if (TRUE.includes(v)) return true;
    if (FALSE.includes(v)) return false;
    return mismatch('true or false (or 1, 0)', raw);
  },
  fromJson: (value) => (typeof value === 'boolean' ? value : mismatch('true or false', value)),
};

/** One of a fixed list of strings or numbers: an unknown mode is an error, never a quiet fallback. */
export function oneOf<const T extends string | number>(allowed: readonly T[]): Kind<T> {
  const describe = `one of ${allowed.join(', ')}`;
  const check = (value: unknown): T =>
    allowed.includes(value as T) ? (value as T) : mismatch(describe, value);
  return {
    describe,
    fromEnv: (raw) => check(typeof allowed[0] === 'number' && /^\d+$/.test(raw) ? Number(raw) : raw),
    fromJson: check,
  };
}

/** A kind of its own: one function reads both shapes (a string from the environment, JSON otherwise). */
export function custom<T, In = T>(describe: string, parse: (value: unknown) => T): Kind<T, In> {
  return { describe, fromEnv: parse, fromJson: parse };
}
