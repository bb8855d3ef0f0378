import type { Queryable } from '@account-access/db';

/**
 * Contract §5 "Rotation": `never` keeps the refresh token for the grant's life (Wise), `always` replaces it
 * on every refresh. Public clients always rotate (RFC 9700 §4.14.2); the database refuses otherwise.
 */
export type RefreshTokenRotation = 'never' | 'always';
export const REFRESH_TOKEN_ROTATIONS: readonly RefreshTokenRotation[] = ['never', 'always'];

/** A partner, as registered (contract §1, §4). */
export interface ClientRecord {
  clientId: string;
  name: string;
  /** Keyed hash of the client secret; null for public clients. */
  secretHash: string | null;
  /** Exactly as registered: redirect_uri is compared byte for byte (contract §4). */
  redirectUris: string[];
  isPublic: boolean;
  refreshTokenTtlSeconds: number | null;
  rotate: RefreshTokenRotation;
}

export interface ClientStore {
  find(clientId: string): Promise<ClientRecord | null>;
  /**
   * The client as this instance read it at most `CLIENT_CACHE_MS` ago (issue 14: client authentication on the
   * token path), else as `find`. Only for a caller whose write confirms what it relied on, in the same
   * statement (`GrantStore.createClientToken`: the secret's hash, confidential): another instance's change is
   * not seen here, and must be refused by that write. A save on this instance forgets its entry at once.
   */
  findRecent(clientId: string): Promise<ClientRecord | null>;
  /** Forgets this instance's recent copy of a client (its write found it changed). */
  forget(clientId: string): void;
  /** Inserts, or replaces the client of the same id (seed files are applied on every start). */
  save(client: ClientRecord): Promise<void>;
}

/** A `clients` row as the database returns it (also as `to_jsonb(clients)`, which keeps these types). */
export interface ClientRow {
  client_id: string;
  name: string;
  secret_hash: string | null;
  redirect_uris: string[];
  is_public: boolean;
  refresh_token_ttl_seconds: number | null;
  refresh_token_rotation: RefreshTokenRotation;
}

export function clientRecord(row: ClientRow): ClientRecord {
  return {
    clientId: row.client_id,
    name: row.name,
    secretHash: row.secret_hash,
    redirectUris: row.redirect_uris,
    isPublic: row.is_public,
    refreshTokenTtlSeconds: row.refresh_token_ttl_seconds,
    rotate: row.refresh_token_rotation,
  };
}

/** How long a client read for `findRecent` is reused. */
export const CLIENT_CACHE_MS = 5_000;

/** The recent client reads of one database, shared by its stores (`sqlStores`). */
export type ClientCache = Map<string, { record: ClientRecord | null; readAt: number }>;

export function sqlClientStore(db: Queryable, cache: ClientCache = new Map()): ClientStore {
  const store: ClientStore = {
    async findRecent(clientId) {
      const hit = cache.get(clientId);
      if (hit && performance.now() - hit.readAt < CLIENT_CACHE_MS && hit.record) return hit.record;
      const readAt = performance.now();
      const record = await store.find(clientId);
      if (record) {
        // Bounded: a flood of unknown or many client ids never grows it past this.
        if (cache.size >= 1000) cache.clear();
        cache.set(clientId, { record, readAt });
      }
      return record;
    },
    forget(clientId) {
      cache.delete(clientId);
    },
    async find(clientId) {
      const { rows } = await db.query<ClientRow>('select * from clients where client_id = $1', [clientId]);
      return rows[0] ? clientRecord(rows[0]) : null;
    },
    async save(c) {
      cache.delete(c.clientId);
      await db.query(
        `insert into clients (client_id, name, secret_hash, redirect_uris, is_public, refresh_token_ttl_seconds,
                              refresh_token_rotation)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (client_id) do update set name = excluded.name, secret_hash = excluded.secret_hash,
           redirect_uris = excluded.redirect_uris, is_public = excluded.is_public,
           refresh_token_ttl_seconds = excluded.refresh_token_ttl_seconds,
           refresh_token_rotation = excluded.refresh_token_rotation`,
        [c.clientId, c.name, c.secretHash, c.redirectUris, c.isPublic, c.refreshTokenTtlSeconds, c.rotate],
      );
      cache.delete(c.clientId);
    },
  };
  return store;
}
