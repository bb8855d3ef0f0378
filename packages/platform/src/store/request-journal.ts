import type { Queryable } from '@account-access/db';

/** One answered request, as the journal keeps it: headers and bodies already redacted by the caller. */
export interface JournalEntry {
  at: Date;
  method: string;
  path: string;
  status: number;
  clientId: string | null;
  durationMs: number;
  request: { headers: Record<string, string>; body: unknown };
  response: { headers: Record<string, string>; body: unknown };
}

export interface JournalRecord extends JournalEntry {
  id: number;
}

export interface JournalFilter {
  clientId?: string | undefined;
  /** A prefix of the path (its query included, as recorded). */
  path?: string | undefined;
  status?: number | undefined;
  limit: number;
}

/** The sandbox request journal (issue 11): written after each response, read by `GET /_sandbox/requests`. */
export interface RequestJournalStore {
  /** Records one request, then forgets all but the newest `keep`. */
  record(entry: JournalEntry, keep: number): Promise<void>;
  /** Newest first. */
  list(filter: JournalFilter): Promise<JournalRecord[]>;
}

interface Row {
  id: number | string;
  at: Date;
  method: string;
  path: string;
  status: number;
  client_id: string | null;
  duration_ms: number;
  request_headers: Record<string, string>;
  request_body: unknown;
  response_headers: Record<string, string>;
  response_body: unknown;
}

/** A LIKE pattern matching what starts with `prefix` literally. */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function sqlRequestJournalStore(db: Queryable): RequestJournalStore {
  return {
    async record(entry, keep) {
      const { rows } = await db.query<{ id: number | string }>(
        `insert into request_journal (at, method, path, status, client_id, duration_ms, request_headers,
           request_body, response_headers, response_body)
         values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10::jsonb) returning id`,
        [
          entry.at,
          entry.method,
          entry.path,
          entry.status,
          entry.clientId,
          Math.max(0, Math.round(entry.durationMs)),
          JSON.stringify(entry.request.headers),
          entry.request.body === undefined ? null : JSON.stringify(entry.request.body),
          JSON.stringify(entry.response.headers),
          entry.response.body === undefined ? null : JSON.stringify(entry.response.body),
        ],
      );
      // Bounded: the newest `keep` rows stay (ids only grow); at most one small index scan per request.
      await db.query(
        `delete from request_journal where id < (
           select id from request_journal where id <= $1 order by id desc offset $2 limit 1)`,
        [rows[0]!.id, keep - 1],
      );
    },
    async list(filter) {
      const { rows } = await db.query<Row>(
        `select * from request_journal
          where ($1::text is null or client_id = $1)
            and ($2::text is null or path like $2)
            and ($3::int is null or status = $3)
          order by id desc limit $4`,
        [
          filter.clientId ?? null,
          filter.path === undefined ? null : likePrefix(filter.path),
          filter.status ?? null,
          filter.limit,
        ],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        method: r.method,
        path: r.path,
        status: r.status,
        clientId: r.client_id,
        durationMs: r.duration_ms,
        request: { headers: r.request_headers, body: r.request_body ?? null },
        response: { headers: r.response_headers, body: r.response_body ?? null },
      }));
    },
  };
}
