import type { Queryable } from '@account-access/db';

/** What a partner asked the sandbox to answer (issue 11, `POST /_sandbox/faults`), already validated. */
export interface FaultSpec {
  method: string;
  /** An exact path, or a prefix ending in `*`. */
  path: string;
  status: number | null;
  body: unknown;
  headers: Record<string, string>;
  delayMs: number;
  drop: boolean;
  count: number;
}

export interface FaultRecord extends FaultSpec {
  id: number;
  remaining: number;
  createdAt: Date;
}

/** The faults, shared by every instance through the database. */
export interface FaultStore {
  add(spec: FaultSpec, now: Date): Promise<FaultRecord>;
  /** Faults that still have requests to answer, oldest first. */
  listActive(): Promise<FaultRecord[]>;
  /** Deletes every fault; answers how many there were. */
  clear(): Promise<number>;
  /**
   * Takes one use of the oldest live fault matching this request: one conditional decrement, so however
   * many requests race, exactly `count` of them get a fault. Null when none matches.
   */
  take(method: string, path: string): Promise<FaultRecord | null>;
}

interface Row {
  id: number | string;
  method: string;
  path: string;
  status: number | null;
  body: unknown;
  headers: Record<string, string>;
  delay_ms: number;
  drop_connection: boolean;
  count: number;
  remaining: number;
  created_at: Date;
}

const record = (r: Row): FaultRecord => ({
  id: Number(r.id),
  method: r.method,
  path: r.path,
  status: r.status,
  body: r.body,
  headers: r.headers,
  delayMs: r.delay_ms,
  drop: r.drop_connection,
  count: r.count,
  remaining: r.remaining,
  createdAt: r.created_at,
});

/** A path pattern matches its exact path, or, ending in `*`, every path that starts with what precedes it. */
const MATCHES = `(path = $2 or (right(path, 1) = '*' and starts_with($2, left(path, -1))))`;

export function sqlFaultStore(db: Queryable): FaultStore {
  return {
    async add(spec, now) {
      const { rows } = await db.query<Row>(
        `insert into sandbox_faults (method, path, status, body, headers, delay_ms, drop_connection, count,
           remaining, created_at)
         values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $8, $9) returning *`,
        [
          spec.method,
          spec.path,
          spec.status,
          spec.body === undefined ? null : JSON.stringify(spec.body),
          JSON.stringify(spec.headers),
          spec.delayMs,
          spec.drop,
          spec.count,
          now,
        ],
      );
      return record(rows[0]!);
    },
    async listActive() {
      const { rows } = await db.query<Row>('select * from sandbox_faults where remaining > 0 order by id');
      return rows.map(record);
    },
    async clear() {
      const { rowCount } = await db.query('delete from sandbox_faults');
      return rowCount ?? 0;
    },
    async take(method, path) {
      // The outer `remaining > 0` is evaluated again on the row's latest version once its lock is ours
      // (PostgreSQL's read-committed update re-check), so a row is never taken below zero. `raced` (from the
      // statement's snapshot) says a match existed but another request took its last use first: try again.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { rows } = await db.query<{ hit: Row | null; raced: boolean }>(
          `with hit as (
             update sandbox_faults set remaining = remaining - 1
              where remaining > 0 and id = (
                select id from sandbox_faults where remaining > 0 and method = $1 and ${MATCHES}
                 order by id limit 1)
             returning *)
           select (select row_to_json(hit) from hit) as hit,
                  exists (select 1 from sandbox_faults where remaining > 0 and method = $1 and ${MATCHES}) as raced`,
          [method, path],
        );
        const row = rows[0];
        if (row?.hit) return record({ ...row.hit, created_at: new Date(row.hit.created_at) });
        if (!row?.raced) return null;
      }
      return null;
    },
  };
}
