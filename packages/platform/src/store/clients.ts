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
  /** Inserts, or replaces the client of the same id (seed files are applied on every start). */
  save(client: ClientRecord): Promise<void>;
}

interface Row {
  client_id: string;
  name: string;
  secret_hash: string | null;
  redirect_uris: string[];
  is_public: boolean;
  refresh_token_ttl_seconds: number | null;
  refresh_token_rotation: RefreshTokenRotation;
}

export function sqlClientStore(db: Queryable): ClientStore {
  return {
    async find(clientId) {
      const { rows } = await db.query<Row>('select * from clients where client_id = $1', [clientId]);
      const row = rows[0];
      return row
        ? {
            clientId: row.client_id,
            name: row.name,
            secretHash: row.secret_hash,
            redirectUris: row.redirect_uris,
            isPublic: row.is_public,
            refreshTokenTtlSeconds: row.refresh_token_ttl_seconds,
            rotate: row.refresh_token_rotation,
          }
        : null;
    },
    async save(c) {
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
    },
  };
}
