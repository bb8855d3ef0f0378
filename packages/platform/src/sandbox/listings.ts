import type { FastifyInstance } from 'fastify';
import { isAccountLocked } from '../auth/throttle.js';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import type { GrantFilter } from '../store/sandbox-listings.js';

/**
 * The sandbox's listings (issue 11), as plain JSON for scripts and the inspector: every user with their
 * profiles, 2FA and lock state; every client; the live grants with their tokens by id. Never a secret or a
 * hash of one: the store selects none (store/sandbox-listings.ts).
 */

const iso = (d: Date | null) => d?.toISOString() ?? null;

export interface UserListing {
  id: number;
  email: string;
  language: string;
  active: boolean;
  state: string;
  createdByClientId: string | null;
  hasRegistrationCode: boolean;
  passwordSet: boolean;
  /** 2FA: a TOTP seed is set, or the sandbox's 111111 is this person's second factor. */
  twoFactor: boolean;
  sandboxTotp: boolean;
  /** Too many failed logins or codes: sign-in refused until the window passes or an unlock. */
  locked: boolean;
  reclaimed: boolean;
  reclaimedAt: string | null;
  createdAt: string;
  /** Issue 16: the OpenID provider identities linked to the account ("Continue with …"). */
  linkedIdentities: { provider: string; subject: string; email: string; linkedAt: string }[];
  profiles: {
    id: number;
    publicId: string;
    type: string;
    name: string | null;
    createdByClientId: string | null;
    createdByGrantId: string | null;
    verificationState: string;
    createdAt: string;
  }[];
}

export async function listUsers(platform: Platform): Promise<UserListing[]> {
  const users = await platform.stores.listings.users();
  return Promise.all(
    users.map(async (u) => ({
      id: u.id,
      email: u.email,
      language: u.language,
      active: u.active,
      state: u.state,
      createdByClientId: u.createdByClientId,
      hasRegistrationCode: u.hasRegistrationCode,
      passwordSet: u.passwordSet,
      twoFactor: u.totp || u.sandboxTotp,
      sandboxTotp: u.sandboxTotp,
      locked: await isAccountLocked(platform, u),
      reclaimed: u.reclaimedAt !== null,
      reclaimedAt: iso(u.reclaimedAt),
      createdAt: u.createdAt.toISOString(),
      linkedIdentities: (await platform.stores.federatedIdentities.listForUser(u.id)).map((i) => ({
        provider: i.provider,
        subject: i.subject,
        email: i.email,
        linkedAt: i.linkedAt.toISOString(),
      })),
      profiles: u.profiles.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
    })),
  );
}

export interface ClientListing {
  clientId: string;
  name: string;
  redirectUris: string[];
  public: boolean;
  hasSecret: boolean;
  refreshTokenTtlSeconds: number | null;
  createdAt: string;
}

export async function listClients(platform: Platform): Promise<ClientListing[]> {
  const clients = await platform.stores.listings.clients();
  return clients.map((c) => ({
    clientId: c.clientId,
    name: c.name,
    redirectUris: c.redirectUris,
    public: c.isPublic,
    hasSecret: c.hasSecret,
    refreshTokenTtlSeconds: c.refreshTokenTtlSeconds,
    createdAt: c.createdAt.toISOString(),
  }));
}

export interface GrantListing {
  id: string;
  clientId: string;
  userId: number | null;
  grantType: string;
  profileIds: number[];
  createdAt: string;
  revokedAt: string | null;
  /** Null for client-credentials grants; `expired` as of the platform's clock. */
  refreshToken: { expiresAt: string | null; expired: boolean } | null;
  accessTokens: { id: number; createdAt: string; expiresAt: string; revokedAt: string | null }[];
}

export async function listGrants(platform: Platform, filter: GrantFilter = {}): Promise<GrantListing[]> {
  const now = platform.now();
  const grants = await platform.stores.listings.grants(filter, now);
  return grants.map((g) => ({
    id: g.id,
    clientId: g.clientId,
    userId: g.userId,
    grantType: g.grantType,
    profileIds: g.profileIds,
    createdAt: g.createdAt.toISOString(),
    revokedAt: iso(g.revokedAt),
    refreshToken: g.refreshToken && {
      expiresAt: iso(g.refreshToken.expiresAt),
      expired: g.refreshToken.expiresAt !== null && g.refreshToken.expiresAt <= now,
    },
    accessTokens: g.accessTokens.map((t) => ({
      id: t.id,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt.toISOString(),
      revokedAt: iso(t.revokedAt),
    })),
  }));
}

const badQuery = (message: string, path: string) =>
  new ValidationError(400, [{ code: 'BAD_REQUEST', message, path, arguments: [] }]);

/** `?clientId=&userId=&all=true`, each optional; anything else is a 400 with what is wrong. */
function grantFilter(query: Record<string, unknown>): GrantFilter {
  const { clientId, userId, all } = query;
  if (clientId !== undefined && (typeof clientId !== 'string' || clientId === ''))
    throw badQuery('clientId must be one client id.', 'clientId');
  if (userId !== undefined && (typeof userId !== 'string' || !/^[1-9]\d{0,9}$/.test(userId)))
    throw badQuery('userId must be one user id (a positive whole number).', 'userId');
  if (all !== undefined && all !== 'true' && all !== 'false')
    throw badQuery('all must be true or false.', 'all');
  const id = userId === undefined ? undefined : Number(userId);
  if (id !== undefined && id > 2 ** 31 - 1) throw badQuery('There is no user with this id.', 'userId');
  return { clientId, userId: id, all: all === 'true' };
}

/** `GET /_sandbox/users`, `/_sandbox/clients`, `/_sandbox/grants[?clientId=&userId=&all=true]`. */
export function registerSandboxListings(app: FastifyInstance, platform: Platform): void {
  app.get('/_sandbox/users', async () => ({ users: await listUsers(platform) }));
  app.get('/_sandbox/clients', async () => ({ clients: await listClients(platform) }));
  app.get('/_sandbox/grants', async (request) => ({
    grants: await listGrants(platform, grantFilter(request.query as Record<string, unknown>)),
  }));
}
