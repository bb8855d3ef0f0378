import type { Queryable } from '@account-access/db';
import type { Sql } from './sql.js';

/**
 * The sandbox's whole state as rows (issue 11, `GET`/`POST /_sandbox/state`, `POST /_sandbox/reset`). Generic
 * on purpose: the tables, their columns, foreign keys, triggers and sequences are read from the catalog, so a
 * table another feature adds is part of the state without a change here. Rows travel as PostgreSQL's own
 * JSON of them (`to_jsonb`, `jsonb_populate_recordset`), so every type round-trips exactly as stored; secrets
 * stay what they are at rest (keyed hashes, sealed envelopes, argon2id strings).
 *
 * Kept out of the state, neither exported, replaced nor emptied:
 * - `schema_migrations`: which migrations ran is the schema's, not the sandbox's;
 * - `request_journal`: the history of what was asked, including the import or reset itself;
 * - `sandbox_clock`: time is not data, and has its own reset (`POST /_sandbox/clock {"reset": true}`);
 * - `webhook_signing_keys`: the platform's signing identity, like the server secret (which no export holds):
 *   partners keep verifying webhooks with the public key they fetched.
 * A migration that fills a table with rows a fresh platform needs must add that table here.
 */
export const KEPT_TABLES: readonly string[] = [
  'schema_migrations',
  'request_journal',
  'sandbox_clock',
  'webhook_signing_keys',
];

/** A snapshot that does not fit this database (its rows or sequences); nothing of it is applied. */
export class StateMismatch extends Error {}

export interface TableShape {
  name: string;
  /** The columns a row is made of (generated columns excluded: the database computes them). */
  columns: string[];
  /** Those whose values are JSON objects or lists in an export (json, jsonb and array columns). */
  structured: string[];
}

/** Each state table's rows, and each of their sequences' last value (null: never used). */
export interface StateRows {
  tables: Record<string, Record<string, unknown>[]>;
  sequences: Record<string, number | null>;
}

export interface SandboxStateStore {
  /** The newest migration applied: a snapshot fits only a database at the same level. */
  migrationLevel(): Promise<string>;
  /** The state tables in an order where every table comes after those its non-deferrable keys name. */
  tables(): Promise<TableShape[]>;
  /**
   * Every state table's rows (in primary-key order) and every sequence they own, from one consistent
   * snapshot (its own repeatable-read transaction: call it outside any other).
   */
  read(): Promise<StateRows>;
  /**
   * Replaces the whole state: every state table emptied (sequences restarted), then `rows` inserted with
   * triggers off (the snapshot already holds what they derive) and the sequences set. Run it in a
   * transaction (`Stores.transaction`): a row that does not fit throws and nothing is applied. Takes every
   * table's lock without waiting: throws SQLSTATE 55P03 when a request holds one (try again).
   */
  replace(rows: StateRows | null): Promise<void>;
  /** The sequences the state owns, by name. */
  sequenceNames(): Promise<string[]>;
  /** Serializes replacements: every reset and import takes it first, in its transaction. */
  lock(): Promise<void>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** The column that carries each row's place in the export (no table has a column of this name). */
const ORDER = '__state_row_order';

async function tablesOn(db: Queryable): Promise<TableShape[]> {
  const { rows } = await db.query<{ name: string; columns: string[]; structured: string[] }>(
    `select c.relname as name,
              array_agg(a.attname::text order by a.attnum) as columns,
              coalesce(array_agg(a.attname::text order by a.attnum)
                         filter (where ty.typname in ('json', 'jsonb') or ty.typcategory = 'A'),
                       '{}') as structured
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
         join pg_type ty on ty.oid = a.atttypid
        where c.relkind in ('r', 'p') and not (c.relname = any($1::text[]))
        group by c.relname order by c.relname`,
    [KEPT_TABLES],
  );
  const { rows: keys } = await db.query<{ child: string; parent: string }>(
    `select ch.relname as child, pa.relname as parent
         from pg_constraint k
         join pg_class ch on ch.oid = k.conrelid
         join pg_class pa on pa.oid = k.confrelid
        where k.contype = 'f' and not k.condeferrable and ch.oid <> pa.oid`,
  );
  // Kahn's algorithm over the non-deferrable keys; deferrable ones are checked at commit.
  const names = new Set(rows.map((r) => r.name));
  const parents = new Map(rows.map((r) => [r.name, new Set<string>()]));
  for (const k of keys) if (names.has(k.child) && names.has(k.parent)) parents.get(k.child)!.add(k.parent);
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  while (ordered.length < rows.length) {
    const next = rows.filter(
      (r) => !placed.has(r.name) && [...parents.get(r.name)!].every((p) => placed.has(p)),
    );
    if (next.length === 0) throw new Error('The state tables have a cycle of non-deferrable foreign keys.');
    for (const r of next) {
      ordered.push({ name: r.name, columns: r.columns, structured: r.structured });
      placed.add(r.name);
    }
  }
  return ordered;
}

/** The sequences owned by state tables' columns (serial and identity). */
async function sequencesOn(db: Queryable, names: string[]) {
  const { rows } = await db.query<{ seq: string; table: string; column: string; last: string | null }>(
    `select s.relname as seq, t.relname as table, a.attname::text as column, q.last_value::text as last
         from pg_class s
         join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass
              and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
         join pg_class t on t.oid = d.refobjid
         join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
         join pg_sequences q on q.schemaname = current_schema() and q.sequencename = s.relname
        where s.relkind = 'S' and t.relname = any($1::text[])
        order by s.relname`,
    [names],
  );
  return rows;
}

export function sqlSandboxStateStore(db: Sql): SandboxStateStore {
  return {
    async migrationLevel() {
      const { rows } = await db.query<{ version: string | null }>(
        'select max(version) as version from schema_migrations',
      );
      return rows[0]?.version ?? '';
    },

    tables: () => tablesOn(db),

    read: () =>
      db.transaction(async (tx) => {
        await tx.query('set transaction isolation level repeatable read');
        const shapes = await tablesOn(tx);
        const out: StateRows = { tables: {}, sequences: {} };
        for (const t of shapes.slice().sort((a, b) => a.name.localeCompare(b.name))) {
          const { rows: pk } = await tx.query<{ column: string }>(
            `select a.attname::text as column
               from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
              where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`,
            [ident(t.name)],
          );
          const order = [...pk.map((c) => ident(c.column)), 'to_jsonb(t)'].join(', ');
          const cols = t.columns.map(ident).join(', ');
          const { rows } = await tx.query<{ rows: Record<string, unknown>[] }>(
            `select coalesce(jsonb_agg(to_jsonb(r) - '${ORDER}' order by r.${ORDER}), '[]'::jsonb) as rows
               from (select ${cols}, row_number() over (order by ${order}) as ${ORDER}
                       from ${ident(t.name)} t) r`,
          );
          out.tables[t.name] = rows[0]!.rows;
        }
        for (const s of await sequencesOn(
          tx,
          shapes.map((t) => t.name),
        ))
          out.sequences[s.seq] = s.last === null ? null : Number(s.last);
        return out;
      }),

    async replace(state) {
      const shapes = await tablesOn(db);
      const list = shapes.map((t) => ident(t.name)).join(', ');
      // Every table at once, or none: a replacement never waits holding a lock, so it is never part of a
      // deadlock with a request (which would then fail). When a request holds one, this throws 55P03
      // (lock_not_available) and the caller tries the whole transaction again.
      await db.query(`lock table ${list} in access exclusive mode nowait`);
      await db.query('set constraints all deferred');
      await db.query(`truncate table ${list} restart identity`);
      if (state === null) return;
      const { rows: triggered } = await db.query<{ name: string }>(
        `select distinct c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
          where not g.tgisinternal and c.relname = any($1::text[])`,
        [shapes.map((t) => t.name)],
      );
      // DDL inside the transaction: nobody else ever sees the triggers off, and a rollback restores them.
      for (const t of triggered) await db.query(`alter table ${ident(t.name)} disable trigger user`);
      for (const t of shapes) {
        const rows = state.tables[t.name] ?? [];
        if (rows.length === 0) continue;
        const cols = t.columns.map(ident).join(', ');
        await db.query(
          `insert into ${ident(t.name)} (${cols}) overriding system value
           select ${cols} from jsonb_populate_recordset(null::${ident(t.name)}, $1::jsonb)`,
          [JSON.stringify(rows)],
        );
      }
      // Deferred keys are checked now that every row is in; a table with pending checks cannot be altered.
      await db.query('set constraints all immediate');
      for (const t of triggered) await db.query(`alter table ${ident(t.name)} enable trigger user`);
      for (const s of await sequencesOn(
        db,
        shapes.map((t) => t.name),
      )) {
        const value = state.sequences[s.seq] ?? null;
        if (value !== null) await db.query('select setval($1::regclass, $2)', [ident(s.seq), value]);
        // A sequence behind its own column would hand out taken ids later: refused now, not a 500 then.
        const { rows } = await db.query<{ behind: boolean }>(
          `select coalesce(max(${ident(s.column)}) > $1, false) as behind from ${ident(s.table)}`,
          [value ?? 0],
        );
        if (rows[0]?.behind)
          throw new StateMismatch(`sequences.${s.seq} is below the largest ${s.table}.${s.column}`);
      }
    },

    async sequenceNames() {
      const shapes = await tablesOn(db);
      return (
        await sequencesOn(
          db,
          shapes.map((t) => t.name),
        )
      ).map((s) => s.seq);
    },

    async lock() {
      // One key for every replacement of the state (reset and import), held to the end of the transaction.
      await db.query("select pg_advisory_xact_lock(hashtext('account-access sandbox state'))");
    },
  };
}
