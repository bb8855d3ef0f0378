import type { FastifyInstance } from 'fastify';
import { seedCredentials } from '../auth/seed-step.js';
import type { Platform } from '../context.js';
import { TooManyRequests, ValidationError } from '../errors/errors.js';
import { jsonObject } from '../http/json.js';
import { seedProfiles } from '../profiles/seed.js';
import { applySeed, SeedError, type SeedFile } from '../seed.js';
import { KEPT_TABLES, StateMismatch, type StateRows } from '../store/sandbox-state.js';

/**
 * The sandbox's state as one JSON document, a snapshot to start every test from (issue 11):
 * `{"version": 1, "migration": "<newest migration>", "tables": {"<table>": [rows…]}, "sequences": {…}}`.
 * Every table of the database is in it except those store/sandbox-state.ts keeps out (migration bookkeeping,
 * the request journal, the clock, the webhook signing key). Secrets are as stored: keyed hashes under this
 * platform's server secret, sealed envelopes, argon2id strings; so a snapshot works on a platform with the
 * same server secret, and gives nothing away that the database did not.
 */
export const STATE_VERSION = 1;

/** Import bodies may be large (mail bodies, webhook history); the rest of the API keeps its 1 MiB. */
const STATE_BODY_LIMIT = 64 * 1024 * 1024;

export interface StateSnapshot extends StateRows {
  version: number;
  migration: string;
}

export async function exportState(platform: Platform): Promise<StateSnapshot> {
  const { sandboxState } = platform.stores;
  const migration = await sandboxState.migrationLevel();
  return { version: STATE_VERSION, migration, ...(await sandboxState.read()) };
}

const bad = (message: string, path: string) =>
  new ValidationError(400, [{ code: 'BAD_REQUEST', message, path, arguments: [] }]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the snapshot's fault. */
const isDataError = (error: unknown) => /^2[23]/.test(String((error as { code?: unknown }).code ?? ''));

/** A request held a table the replacement needed (55P03, the store never waits for it), or a deadlock. */
const isBusy = (error: unknown) => ['55P03', '40P01'].includes(String((error as { code?: unknown }).code));

/**
 * Runs a replacement until it finds every table free: requests in flight finish first (they are short),
 * and none of them ever waits in a cycle with it. After about 5 seconds of a busy database: 429 with
 * Retry-After.
 */
async function whenTablesFree<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (attempt === 200) throw new TooManyRequests(1);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 45));
    }
  }
}

/** Checks a snapshot's shape against this database: the version, the migration level, every table and column. */
async function parseSnapshot(platform: Platform, body: unknown): Promise<StateRows> {
  const input = jsonObject(body);
  if (input['version'] !== STATE_VERSION)
    throw bad(
      `version must be ${STATE_VERSION}: this platform reads snapshots of version ${STATE_VERSION} only.`,
      'version',
    );
  const level = await platform.stores.sandboxState.migrationLevel();
  if (input['migration'] !== level)
    throw bad(
      `migration must be "${level}": the snapshot is of a database at another migration level.`,
      'migration',
    );
  const tables = input['tables'];
  if (!isObject(tables)) throw bad('tables must be an object of table names to lists of rows.', 'tables');
  const shapes = await platform.stores.sandboxState.tables();
  const unknown = Object.keys(tables).find((t) => !shapes.some((s) => s.name === t));
  if (unknown !== undefined)
    throw bad(
      KEPT_TABLES.includes(unknown)
        ? `${unknown} is not part of the state.`
        : `There is no table ${unknown}.`,
      `tables.${unknown}`,
    );
  for (const shape of shapes) {
    const rows = tables[shape.name];
    const path = `tables.${shape.name}`;
    if (!Array.isArray(rows)) throw bad(`${path} is missing: it must be a list of rows.`, path);
    for (const [i, row] of rows.entries()) {
      if (!isObject(row)) throw bad(`${path}[${i}] must be an object.`, `${path}[${i}]`);
      const missing = shape.columns.find((c) => !(c in row));
      if (missing !== undefined) throw bad(`${path}[${i}] has no ${missing}.`, `${path}[${i}].${missing}`);
      const extra = Object.keys(row).find((c) => !shape.columns.includes(c));
      if (extra !== undefined)
        throw bad(`${path}[${i}].${extra} is not a column of ${shape.name}.`, `${path}[${i}].${extra}`);
      // PostgreSQL would store an object or a list given for a plain column as its JSON text, silently.
      const plain = shape.columns.find(
        (c) => !shape.structured.includes(c) && row[c] !== null && typeof row[c] === 'object',
      );
      if (plain !== undefined)
        throw bad(
          `${path}[${i}].${plain} must be a string, a number, true, false or null, as the export has it.`,
          `${path}[${i}].${plain}`,
        );
    }
  }
  const sequences = input['sequences'];
  if (!isObject(sequences))
    throw bad('sequences must be an object of sequence names to values.', 'sequences');
  const names = await platform.stores.sandboxState.sequenceNames();
  for (const name of names) {
    const v = sequences[name];
    if (v !== null && !(typeof v === 'number' && Number.isSafeInteger(v) && v > 0))
      throw bad(`sequences.${name} must be a positive whole number or null.`, `sequences.${name}`);
  }
  const extra = Object.keys(sequences).find((n) => !names.includes(n));
  if (extra !== undefined) throw bad(`There is no sequence ${extra} in the state.`, `sequences.${extra}`);
  return { tables: tables as StateRows['tables'], sequences: sequences as StateRows['sequences'] };
}

/** Replaces the whole sandbox with a snapshot, in one transaction: a row that does not fit applies nothing. */
export async function importState(
  platform: Platform,
  body: unknown,
): Promise<{ tables: number; rows: number }> {
  const rows = await parseSnapshot(platform, body);
  try {
    await whenTablesFree(() =>
      platform.stores.transaction(async (stores) => {
        await stores.sandboxState.lock();
        await stores.sandboxState.replace(rows);
      }),
    );
  } catch (error) {
    if (error instanceof StateMismatch) throw bad(error.message, 'sequences');
    if (isDataError(error)) throw bad(`The snapshot does not fit: ${(error as Error).message}.`, 'tables');
    throw error;
  }
  const tables = Object.values(rows.tables);
  return { tables: tables.length, rows: tables.reduce((n, list) => n + list.length, 0) };
}

/**
 * Back to the seed the platform started with (`seed`, the CLI's seed file), without a restart: every state
 * table emptied, its sequences restarted, and the seed applied again, in one transaction. Resets run one at
 * a time (the state's lock), so parallel ones each leave exactly the seed.
 */
export async function resetSandbox(
  platform: Platform,
  seed: SeedFile | null,
): Promise<{ clients: number; users: number }> {
  await whenTablesFree(() =>
    platform.stores.transaction(async (stores) => {
      await stores.sandboxState.lock();
      await stores.sandboxState.replace(null);
      if (seed) await applySeed({ ...platform, stores }, seed, [seedCredentials, seedProfiles]);
    }),
  ).catch((error: unknown) => {
    // The seed was applied at start, so this is a platform whose seed no longer fits its rules.
    if (error instanceof SeedError) throw bad(`The seed cannot be applied again: ${error.message}`, 'seed');
    throw error;
  });
  return { clients: seed?.clients?.length ?? 0, users: seed?.users?.length ?? 0 };
}

/** `GET`/`POST /_sandbox/state` and `POST /_sandbox/reset`. */
export function registerSandboxState(
  app: FastifyInstance,
  platform: Platform,
  options: { seed?: SeedFile | null } = {},
): void {
  const seed = options.seed ?? null;
  app.get('/_sandbox/state', async () => exportState(platform));
  app.post('/_sandbox/state', { bodyLimit: STATE_BODY_LIMIT }, async (request) => ({
    imported: await importState(platform, request.body),
  }));
  app.post('/_sandbox/reset', async () => ({ reset: await resetSandbox(platform, seed) }));
}
