import { integer, nullableString, oneOf, string } from './kinds.js';
import type { Setting } from './loader.js';

// The settings both servers (platform and partner) declare alike, each under its own variable names; a
// package's schema spreads them in beside its own (docs/architecture.md "Layers": config/settings.ts).

export const MODES = ['development', 'production', 'test'] as const;
export type Mode = (typeof MODES)[number];

/** Returns what is wrong with a lifetime or a count: it must be a positive whole number. */
export const positive = (n: number) => (n > 0 ? undefined : 'must be a positive whole number');

/** The mode, from NODE_ENV; an unknown one (`staging`) is an error, never a quiet fallback. */
export const modeSetting = {
  env: 'NODE_ENV',
  kind: oneOf(MODES),
  default: 'development' as Mode,
  doc: 'development, production or test; anything else is an error',
} satisfies Setting<Mode>;

export const hostSetting = (env: string) =>
  ({
    env,
    kind: string,
    doc: 'address to listen on (0.0.0.0 in production, else 127.0.0.1)',
  }) satisfies Setting<string>;

export const portSetting = (env: string, port: number) =>
  ({
    env,
    kind: integer,
    default: port,
    doc: 'port to listen on; 0 lets the system choose',
    check: (n: number) => (n >= 0 && n <= 65535 ? undefined : 'must be 0-65535'),
  }) satisfies Setting<number>;

export const databaseUrlSetting = (env: string) =>
  ({
    env,
    kind: nullableString,
    secret: true,
    doc: 'a PostgreSQL server; the embedded database in the data folder otherwise',
    check: (v: string | null) =>
      v === null || /^postgres(ql)?:\/\//.test(v)
        ? undefined
        : 'must start with postgres:// or postgresql://',
  }) satisfies Setting<string | null>;

export const dataDirSetting = (env: string, dataDir: string) =>
  ({ env, kind: string, default: dataDir, doc: 'embedded database folder' }) satisfies Setting<string>;

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const logLevelSetting = {
  env: 'LOG_LEVEL',
  kind: oneOf(LOG_LEVELS),
  doc: 'silent, error, warn, info or debug (silent in test, else info)',
} satisfies Setting<LogLevel>;

export const METRICS_EXPOSURES = ['off', 'public', 'port'] as const;
export type MetricsExposure = (typeof METRICS_EXPOSURES)[number];

/**
 * Where `/metrics` is served (issue 15): not at all, on the public port, or alone on a port of its own
 * (`metricsPortSetting`). Its default depends on the mode (config.ts): `public` outside production or in the
 * sandbox, `off` in production, where a dashboard is the operator's choice and never on by surprise.
 */
export const metricsSetting = (env: string) =>
  ({
    env,
    kind: oneOf(METRICS_EXPOSURES),
    doc: 'where /metrics is served: off, public (the main port) or port (its own); public outside production or with the sandbox, else off',
  }) satisfies Setting<MetricsExposure>;

export const metricsPortSetting = (env: string, port: number) =>
  ({
    env,
    kind: integer,
    default: port,
    doc: 'port of /metrics when the metrics setting is port; 0 lets the system choose',
    check: (n: number) => (n >= 0 && n <= 65535 ? undefined : 'must be 0-65535'),
  }) satisfies Setting<number>;
