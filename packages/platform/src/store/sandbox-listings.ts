import type { Queryable } from '@account-access/db';

/**
 * What the sandbox lists (issue 11, `GET /_sandbox/users|clients|grants`): everything about the people,
 * partners and grants a developer needs to see, and never a secret or a hash of one (no password, TOTP seed,
 * registration code, client secret or token hash leaves this file). Sandbox mode only.
 */
export interface ListedProfile {
  id: number;
  publicId: string;
  type: string;
  /** First and last name of a personal profile, the business name of a business one. */
  name: string | null;
  createdByClientId: string | null;
  createdByGrantId: string | null;
  /** Contract "Verification": `not_verified` until verified. */
  verificationState: string;
  createdAt: Date;
}

export interface ListedUser {
  id: number;
  email: string;
  language: string;
  active: boolean;
  /** Wise's user state (contract "Verification"): ACTIVE unless moved. */
  state: string;
  createdByClientId: string | null;
  hasRegistrationCode: boolean;
  passwordSet: boolean;
  /** A TOTP seed is set (the hosted 2FA step is asked). */
  totp: boolean;
  /** The per-person sandbox option: 111111 is accepted as the second-factor code. */
  sandboxTotp: boolean;
  reclaimedAt: Date | null;
  createdAt: Date;
  profiles: ListedProfile[];
}

export interface ListedClient {
  clientId: string;
  name: string;
  redirectUris: string[];
  isPublic: boolean;
  /** Confidential clients have a secret; only that it exists is shown. */
  hasSecret: boolean;
  refreshTokenTtlSeconds: number | null;
  createdAt: Date;
}

export interface ListedAccessToken {
  /** The token's own id (migration 097), never its hash. */
  id: number;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface ListedGrant {
  id: string;
  clientId: string;
  userId: number | null;
  grantType: string;
  profileIds: number[];
  createdAt: Date;
  revokedAt: Date | null;
  /** Null for grants without a refresh token (client credentials). */
  refreshToken: { expiresAt: Date | null } | null;
  /** Live ones only, unless every grant was asked for; newest first. */
  accessTokens: ListedAccessToken[];
}

export interface GrantFilter {
  clientId?: string | undefined;
  userId?: number | undefined;
  /** Also revoked and expired grants (and their revoked and expired tokens). */
  all?: boolean | undefined;
}

export interface ListingStore {
  /** Every user, oldest first, with their profiles. */
  users(): Promise<ListedUser[]>;
  /** Every client, in id order. */
  clients(): Promise<ListedClient[]>;
  /** Grants, newest first: by default only live ones (not revoked, and a live refresh or access token). */
  grants(filter: GrantFilter, now: Date): Promise<ListedGrant[]>;
}

interface UserRow {
  id: number;
  email: string;
  language: string;
  active: boolean;
  state: string;
  created_by_client_id: string | null;
  has_registration_code: boolean;
  password_set: boolean;
  totp: boolean;
  sandbox_totp: boolean;
  reclaimed_at: Date | null;
  created_at: Date;
}

interface ProfileRow {
  id: number;
  public_id: string;
  user_id: number;
  type: string;
  name: string | null;
  created_by_client_id: string | null;
  created_by_grant_id: string | null;
  verification_state: string;
  created_at: Date;
}

interface GrantRow {
  id: string;
  client_id: string;
  user_id: number | null;
  grant_type: string;
  profile_ids: number[];
  created_at: Date;
  revoked_at: Date | null;
  has_refresh: boolean;
  refresh_expires_at: Date | null;
}

interface TokenRow {
  id: string;
  grant_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export function sqlListingStore(db: Queryable): ListingStore {
  return {
    async users() {
      const users = await db.query<UserRow>(
        `select u.id, u.email, u.language, u.active, coalesce(s.state, 'ACTIVE') as state,
                u.created_by_client_id, u.registration_code_hash is not null as has_registration_code,
                u.password_hash is not null as password_set, u.totp_secret is not null as totp,
                u.sandbox_totp, u.reclaimed_at, u.created_at
           from users u left join user_states s on s.user_id = u.id
          order by u.id`,
      );
      const profiles = await db.query<ProfileRow>(
        `select p.id, p.public_id::text as public_id, p.user_id, p.type,
                case when p.type = 'BUSINESS' then p.business ->> 'businessName'
                     else nullif(trim(concat_ws(' ', p.first_name, p.last_name)), '') end as name,
                p.created_by_client_id, p.created_by_grant_id::text as created_by_grant_id,
                coalesce(v.state, 'not_verified') as verification_state, p.created_at
           from profiles p left join profile_verifications v on v.profile_id = p.id
          order by p.id`,
      );
      const byUser = new Map<number, ListedProfile[]>();
      for (const p of profiles.rows) {
        const list = byUser.get(p.user_id) ?? [];
        list.push({
          id: p.id,
          publicId: p.public_id,
          type: p.type,
          name: p.name,
          createdByClientId: p.created_by_client_id,
          createdByGrantId: p.created_by_grant_id,
          verificationState: p.verification_state,
          createdAt: p.created_at,
        });
        byUser.set(p.user_id, list);
      }
      return users.rows.map((u) => ({
        id: u.id,
        email: u.email,
        language: u.language,
        active: u.active,
        state: u.state,
        createdByClientId: u.created_by_client_id,
        hasRegistrationCode: u.has_registration_code,
        passwordSet: u.password_set,
        totp: u.totp,
        sandboxTotp: u.sandbox_totp,
        reclaimedAt: u.reclaimed_at,
        createdAt: u.created_at,
        profiles: byUser.get(u.id) ?? [],
      }));
    },

    async clients() {
      const { rows } = await db.query<{
        client_id: string;
        name: string;
        redirect_uris: string[];
        is_public: boolean;
        has_secret: boolean;
        refresh_token_ttl_seconds: number | null;
        created_at: Date;
      }>(
        `select client_id, name, redirect_uris, is_public, secret_hash is not null as has_secret,
                refresh_token_ttl_seconds, created_at
           from clients order by client_id`,
      );
      return rows.map((c) => ({
        clientId: c.client_id,
        name: c.name,
        redirectUris: c.redirect_uris,
        isPublic: c.is_public,
        hasSecret: c.has_secret,
        refreshTokenTtlSeconds: c.refresh_token_ttl_seconds,
        createdAt: c.created_at,
      }));
    },

    async grants(filter, now) {
      const all = filter.all === true;
      const liveToken = 't.revoked_at is null and t.expires_at > $1';
      const grants = await db.query<GrantRow>(
        `select g.id::text as id, g.client_id, g.user_id, g.grant_type, g.profile_ids, g.created_at,
                g.revoked_at, g.refresh_token_hash is not null as has_refresh, g.refresh_expires_at
           from grants g
          where ($2::text is null or g.client_id = $2) and ($3::int is null or g.user_id = $3)
            and ($4 or g.revoked_at is null and (
                  g.refresh_token_hash is not null and (g.refresh_expires_at is null or g.refresh_expires_at > $1)
                  or exists (select 1 from access_tokens t where t.grant_id = g.id and ${liveToken})))
          order by g.created_at desc, g.id`,
        [now, filter.clientId ?? null, filter.userId ?? null, all],
      );
      const ids = grants.rows.map((g) => g.id);
      const tokens =
        ids.length === 0
          ? { rows: [] as TokenRow[] }
          : await db.query<TokenRow>(
              `select t.id::text as id, t.grant_id::text as grant_id, t.created_at, t.expires_at, t.revoked_at
                 from access_tokens t
                where t.grant_id = any($2::uuid[]) and ($3 or ${liveToken})
                order by t.created_at desc, t.id desc`,
              [now, ids, all],
            );
      const byGrant = new Map<string, ListedAccessToken[]>();
      for (const t of tokens.rows) {
        const list = byGrant.get(t.grant_id) ?? [];
        list.push({
          id: Number(t.id),
          createdAt: t.created_at,
          expiresAt: t.expires_at,
          revokedAt: t.revoked_at,
        });
        byGrant.set(t.grant_id, list);
      }
      return grants.rows.map((g) => ({
        id: g.id,
        clientId: g.client_id,
        userId: g.user_id,
        grantType: g.grant_type,
        profileIds: g.profile_ids,
        createdAt: g.created_at,
        revokedAt: g.revoked_at,
        refreshToken: g.has_refresh ? { expiresAt: g.refresh_expires_at } : null,
        accessTokens: byGrant.get(g.id) ?? [],
      }));
    },
  };
}
