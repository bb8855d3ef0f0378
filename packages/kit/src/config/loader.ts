import { readFileSync } from 'node:fs';
import { type Kind, Mismatch } from './kinds.js';

/** A setting that cannot be used: one line naming the key (or variable) and the file it came from. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** One setting, declared once: the loader, the validation and the documentation tables all read this. */
export interface Setting<T, In = T> {
  /** The environment variable that sets it; none for file-and-flag-only settings. */
  readonly env?: string;
  readonly kind: Kind<T, In>;
  /** A fixed default. Defaults that depend on other settings (the mode, the port) are the package's. */
  readonly default?: T;
  /** One line for the README and `--help`. */
  readonly doc: string;
  /** Never echoed in a message (keys, passwords, URLs holding credentials). */
  readonly secret?: boolean;
  /** Returns what is wrong with a well-typed value (e.g. "must be 0-65535"), or nothing. */
  readonly check?: (value: T) => string | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: a schema holds settings of every type
export type Schema = Record<string, Setting<any, any>>;

type ValueOf<S> = S extends Setting<infer T, infer _> ? T : never;
type InputOf<S> = S extends Setting<infer _, infer In> ? In : never;

/** What a file, the environment or a caller may set: every key optional. */
export type SettingsOf<S extends Schema> = { [K in keyof S]?: InputOf<S[K]> };

/** The merged settings: a key with a fixed default is always there. */
export type Loaded<S extends Schema> = {
  readonly [K in keyof S]: S[K] extends { default: unknown } ? ValueOf<S[K]> : ValueOf<S[K]> | undefined;
};

/** Keeps the literal type of a schema, so `Loaded` knows which keys have defaults. */
export function defineSchema<const S extends Schema>(schema: S): S {
  return schema;
}

export interface LoadSettingsOptions<S extends Schema> {
  env: NodeJS.ProcessEnv;
  /** A JSON file holding one object of settings; keys are the schema's. */
  file?: string | undefined;
  /** Explicit settings (CLI flags, tests): the last word. */
  overrides?: SettingsOf<S> | undefined;
}

const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

function read<T>(setting: Setting<T, unknown>, value: unknown, fromEnv: boolean, where: string): T {
  let parsed: T;
  try {
    parsed = fromEnv ? setting.kind.fromEnv(value as string) : setting.kind.fromJson(value);
  } catch (error) {
    if (error instanceof Mismatch) {
      const got = setting.secret || error.got === undefined ? '' : `, got ${shown(error.got)}`;
      throw new ConfigError(`${where} ${error.message}${got}`);
    }
    throw error;
  }
  const problem = setting.check?.(parsed);
  if (problem !== undefined) throw new ConfigError(`${where} ${problem}`);
  return parsed;
}

function fromObject<S extends Schema>(
  schema: S,
  object: object,
  source: (key: string) => string,
): SettingsOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (!Object.hasOwn(schema, key)) throw new ConfigError(`${source(key)}: unknown setting`);
    if (value !== undefined) out[key] = read(schema[key]!, value, false, source(key));
  }
  return out as SettingsOf<S>;
}

export function readSettingsFile<S extends Schema>(schema: S, file: string): SettingsOf<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new ConfigError(`Cannot read the config file ${file}: ${reason}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`The config file ${file} must hold a JSON object of settings`);
  }
  return fromObject(schema, parsed, (key) => `${key} in ${file}`);
}

function fromEnvironment<S extends Schema>(schema: S, env: NodeJS.ProcessEnv): SettingsOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(schema)) {
    const raw = setting.env === undefined ? undefined : env[setting.env];
    // An empty variable means unset, as shells and compose files write it.
    if (raw === undefined || raw === '') continue;
    out[key] = read(setting, raw, true, setting.env!);
  }
  return out as SettingsOf<S>;
}

/**
 * Defaults → settings file → environment → overrides, each value type-checked and validated where it is
 * read (so the message names its source), merged and frozen. Cross-setting rules and derived defaults
 * belong to the package that owns the settings.
 */
export function loadSettings<S extends Schema>(schema: S, options: LoadSettingsOptions<S>): Loaded<S> {
  const defaults = Object.fromEntries(
    Object.entries(schema)
      .filter(([, setting]) => setting.default !== undefined)
      .map(([key, setting]) => [key, setting.default]),
  );
  const merged = {
    ...defaults,
    ...(options.file !== undefined ? readSettingsFile(schema, options.file) : {}),
    ...fromEnvironment(schema, options.env),
    ...fromObject(schema, options.overrides ?? {}, (key) => key),
  };
  return Object.freeze(merged) as Loaded<S>;
}

/** key → environment variable, for code that names the variable in a message. */
export function environmentNames<S extends Schema>(schema: S): { readonly [K in keyof S]: string } {
  return Object.freeze(
    Object.fromEntries(Object.entries(schema).map(([key, setting]) => [key, setting.env ?? key])),
  ) as { readonly [K in keyof S]: string };
}

export interface EnvironmentRow {
  readonly name: string;
  readonly key: string;
  readonly type: string;
  readonly default: string;
  readonly doc: string;
}

/** The documented environment variables, in declaration order: the README table and `--help` come from it. */
export function environmentTable(schema: Schema): readonly EnvironmentRow[] {
  return Object.entries(schema)
    .filter(([, setting]) => setting.env !== undefined)
    .map(([key, setting]) => ({
      name: setting.env!,
      key,
      type: setting.kind.describe,
      default: setting.default === undefined || setting.default === null ? '' : String(setting.default),
      doc: setting.doc,
    }));
}

/** The table as text for `--help`: a name longer than the column gets its description on the next line. */
export function formatEnvironment(schema: Schema, column = 28): string {
  return environmentTable(schema)
    .map((r) => {
      const doc = `${r.doc}${r.default === '' ? '' : ` (default ${r.default})`}`;
      const name = `  ${r.name}`;
      return name.length + 2 <= column
        ? `${name.padEnd(column)}${doc}`
        : `${name}\n${' '.repeat(column)}${doc}`;
    })
    .join('\n');
}
