/**
 * The grant store's records (store/grants.ts): what a grant and its tokens are, as the token endpoint,
 * revocation, introspection and the account pages see them. Apart from the store so each file reads in one go.
 */
/** What a bearer token stands for, once found valid. */
export interface TokenGrant {
  grantId: string;
  clientId: string;
  /** null for client-credentials tokens. */
  userId: number | null;
  grantType: string;
  /** The profiles this grant may see (contract §5: bound to the user and the granted profiles). */
  profileIds: number[];
  expiresAt: Date;
}

/** A user token: the grant of a person, bound to the user and the granted profiles (contract §5). */
export type UserGrant = TokenGrant & { userId: number };

export interface NewGrant {
  /** Chosen by the caller when it must be known before the grant exists (authorization codes); else generated. */
  id?: string;
  clientId: string;
  userId: number | null;
  grantType: string;
  profileIds: number[];
  accessTokenHash: string;
  accessExpiresAt: Date;
  refreshTokenHash: string | null;
  refreshExpiresAt: Date | null;
  /** Contract §5 "Rotation": a public client's grant ends here however often its refresh token rotates. */
  refreshAbsoluteExpiresAt?: Date | null;
}

/** A live grant found by one of its refresh tokens, current or retired, locked for the caller's transaction. */
export interface RefreshCandidate {
  grantId: string;
  userId: number | null;
  /** The keyed hash of the grant's current refresh token. */
  refreshTokenHash: string;
  /** When a rotation retired the presented token; null when it is the current one. */
  retiredAt: Date | null;
  refreshExpiresAt: Date | null;
  refreshAbsoluteExpiresAt: Date | null;
  /** How many refreshes the grant has had; the tokens of refresh n are derived from n. */
  generation: number;
  /** The last refresh: when, and the keyed hash of the refresh token it was given. */
  refreshedAt: Date | null;
  refreshedFromHash: string | null;
}

/**
 * What one refresh writes (contract §5): the next generation's access token, the refresh token's expiry and,
 * when rotating, the new refresh token.
 */
export interface RefreshIssue {
  presentedHash: string;
  generation: number;
  accessTokenHash: string;
  accessExpiresAt: Date;
  /** The grant's refresh token expiry from now on (renewed when it has an idle lifetime, else unchanged). */
  refreshExpiresAt: Date | null;
  rotateTo: { refreshTokenHash: string } | null;
}

/**
 * A live token, found by its hash, with what revocation (RFC 7009) and introspection (RFC 7662) need to know.
 * `issuedAt` is when this token was issued: the access token's own row, or the grant for its refresh token.
 */
export interface TokenDetails {
  grantId: string;
  clientId: string;
  /** null for client-credentials tokens. */
  userId: number | null;
  grantType: string;
  issuedAt: Date;
  /** null for a refresh token without an expiry. */
  expiresAt: Date | null;
}

export type TokenKind = 'access' | 'refresh';

/** One live grant of a person, as the account pages list it. */
export interface LiveUserGrant {
  grantId: string;
  clientId: string;
  clientName: string;
  userId: number;
  grantType: string;
  profileIds: number[];
  createdAt: Date;
}
