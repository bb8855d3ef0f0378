import { randomBytes, randomUUID } from 'node:crypto';
import {
  buildAuthorizeUrl,
  type CreateUserResult,
  type PersonalProfile,
  type ProfileClient,
  parseCallback,
  type TokenInput,
  type UserTokens,
  type WebhookSubscription,
  WiseApiError,
  type WiseClient,
} from '@account-access/client';

const invalidGrant = (endpoint: string) =>
  new WiseApiError({
    endpoint,
    status: 400,
    body: JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid user credentials.' }),
  });

/** A gate a test opens by hand, to hold a call in flight while others race it. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

/**
 * An in-memory Wise for the onboarding's unit tests: users by email, codes that yield a profile, counters
 * of every call. The HTTP tests use the real platform instead.
 */
export class FakeWise {
  readonly calls: Record<string, number> = {};
  readonly users = new Map<
    string,
    { id: number; registrationCode: string | null; profile: PersonalProfile | null }
  >();
  /** Authorization codes the "platform" issued: code → profile granted. */
  readonly codes = new Map<string, { profile: PersonalProfile; codeChallenge?: string }>();
  readonly lastRequests: Record<string, unknown> = {};
  /** Every revocation asked for (RFC 7009), as sent. */
  readonly revoked: TokenInput[] = [];
  /** Which profile each exchanged access token was granted (for `listProfiles`). */
  readonly tokenProfiles = new Map<string, PersonalProfile>();
  /** Hooks a test sets to hold or break a call. */
  hooks: Partial<Record<string, () => Promise<void> | void>> = {};
  cpfResult: 'accepted' | string = 'accepted';
  /** Application webhook subscriptions (contract §11), by the client key they were made under. */
  readonly webhookSubscriptions: Array<WebhookSubscription & { clientKey: string }> = [];
  refreshFails = false;
  registrationFails = false;
  private nextId = 1000;
  now = () => Date.parse('2026-11-23T10:00:00Z');

  private count(name: string) {
    this.calls[name] = (this.calls[name] ?? 0) + 1;
  }

  tokens(ttlSeconds = 43200): UserTokens {
    return {
      accessToken: `at-${randomBytes(12).toString('hex')}`,
      refreshToken: `rt-${randomBytes(12).toString('hex')}`,
      tokenType: 'bearer',
      expiresAt: this.now() + ttlSeconds * 1000,
      refreshTokenExpiresAt: this.now() + 20 * 365 * 86400 * 1000,
      scope: 'transfers',
    };
  }

  personal(dateOfBirth: string, userId = this.nextId++): PersonalProfile {
    return {
      type: 'PERSONAL',
      id: this.nextId++,
      userId,
      dateOfBirth,
      firstName: 'Someone',
      lastName: 'Else',
    };
  }

  /** An existing Wise user (not created by the bank). */
  existing(email: string, dateOfBirth: string) {
    const id = this.nextId++;
    this.users.set(email, { id, registrationCode: null, profile: this.personal(dateOfBirth, id) });
  }

  /** An existing Wise user who will grant a business profile. */
  existingBusiness(email: string) {
    const id = this.nextId++;
    const profile = {
      type: 'BUSINESS',
      id: this.nextId++,
      userId: id,
      businessName: 'Acme',
    } as unknown as PersonalProfile;
    this.users.set(email, { id, registrationCode: null, profile });
  }

  /** The person went through the authorize page: a code for their profile, as the callback would carry. */
  issueCode(email: string, codeChallenge?: string): { code: string; profileId: number } {
    const user = this.users.get(email);
    if (!user?.profile) throw new Error(`no profile for ${email}`);
    const code = randomBytes(6).toString('hex').toUpperCase();
    this.codes.set(code, { profile: user.profile, ...(codeChallenge ? { codeChallenge } : {}) });
    return { code, profileId: user.profile.id };
  }

  readonly client: WiseClient = {
    clientId: 'test-bank',
    endpoints: { apiUrl: 'https://wise.test', authorizeUrl: 'https://wise.test/oauth/authorize' },
    clientCredentialsToken: async () => ({
      accessToken: 'ct',
      tokenType: 'bearer',
      expiresAt: 0,
      scope: undefined,
    }),
    createUser: async (input): Promise<CreateUserResult> => {
      this.count('createUser');
      this.lastRequests['createUser'] = input;
      await this.hooks['createUser']?.();
      const existing = this.users.get(input.email);
      if (existing) {
        return {
          kind: 'conflict',
          maskedEmail: 'xx******@example.com',
          authorizationCodeEmailRequested: input.sendAuthorizationCodeAsEmail === true,
          error: new WiseApiError({
            endpoint: 'POST /v1/user/signup/registration_code',
            status: 409,
            body: '{}',
          }),
        };
      }
      const id = this.nextId++;
      this.users.set(input.email, { id, registrationCode: input.registrationCode, profile: null });
      await this.hooks['createUserAfter']?.();
      return { kind: 'created', user: { id, name: null, email: input.email, active: true, details: null } };
    },
    userExists: async (email) => this.users.has(email),
    tokensFromRegistrationCode: async (c) => {
      this.count('tokensFromRegistrationCode');
      const user = this.users.get(c.email);
      if (this.registrationFails || !user || user.registrationCode !== c.registrationCode) {
        throw invalidGrant('POST /oauth/token');
      }
      return this.tokens();
    },
    authorizeUrl: (params) => buildAuthorizeUrl('https://wise.test/oauth/authorize', 'test-bank', params),
    parseCallback: (callback, options) => parseCallback(callback, options),
    exchangeCode: async (input) => {
      this.count('exchangeCode');
      this.lastRequests['exchangeCode'] = input;
      await this.hooks['exchangeCode']?.();
      const granted = this.codes.get(input.code);
      if (!granted) throw invalidGrant('POST /oauth/token');
      this.codes.delete(input.code);
      const tokens = this.tokens();
      this.tokenProfiles.set(tokens.accessToken, granted.profile);
      return tokens;
    },
    refresh: async () => {
      this.count('refresh');
      await this.hooks['refresh']?.();
      if (this.refreshFails) throw invalidGrant('POST /oauth/token');
      return this.tokens();
    },
    me: async () => {
      throw new Error('not used');
    },
    listProfiles: async (accessToken) => {
      this.count('listProfiles');
      const granted = this.tokenProfiles.get(accessToken);
      return granted ? [granted] : [];
    },
    getProfile: async (_token, profileId) => {
      this.count('getProfile');
      for (const u of this.users.values())
        if (u.profile && u.profile.id === Number(profileId)) return u.profile;
      throw new WiseApiError({ endpoint: 'GET /v2/profiles/{id}', status: 404, body: '{}' });
    },
    listLegacyProfiles: async () => [],
    createPersonalProfile: async (_token, input, options) => {
      this.count('createPersonalProfile');
      this.lastRequests['createPersonalProfile'] = { input, idempotencyKey: options?.idempotencyKey };
      const user = this.users.get(input.contactDetails.email);
      if (!user) throw new Error('no such user');
      user.profile = {
        ...this.personal(input.dateOfBirth, user.id),
        firstName: input.firstName,
        lastName: input.lastName,
      };
      // Wise's documented create answer (https://docs.wise.com/api-reference/profile), not the list object.
      const { externalCustomerId, ...details } = input;
      return {
        id: user.profile.id,
        type: 'personal',
        details: { ...details, externalCustomerId, localizedInformation: [] },
      };
    },
    createVerificationDocument: async (_token, profileId, document) => {
      this.count('createVerificationDocument');
      this.lastRequests['createVerificationDocument'] = { profileId, document };
      return this.cpfResult === 'accepted'
        ? { kind: 'accepted' }
        : { kind: 'rejected', errorMessage: this.cpfResult, status: 422 };
    },
    createClaimAccountCode: async () => 'claim',
    termsUrl: (id = 'test-bank') => `https://wise.test/v1/terms/${id}`,
    fetchTerms: async () => '<p>terms</p>',
    ...profileCallsNotFaked(),
    subscriptions: {
      application: {
        create: async (clientKey, input) => {
          this.count('createSubscription');
          await this.hooks['createSubscription']?.();
          const created = { ...input, id: randomUUID(), scope: { domain: 'application', id: clientKey } };
          this.webhookSubscriptions.push({ ...created, clientKey });
          return created;
        },
        list: async (clientKey) => {
          this.count('listSubscriptions');
          await this.hooks['listSubscriptions']?.();
          return this.webhookSubscriptions
            .filter((s) => s.clientKey === clientKey)
            .map(({ clientKey: _, ...s }) => s);
        },
        get: async () => {
          throw new Error('not used');
        },
        delete: async () => {
          throw new Error('not used');
        },
        test: async () => {
          throw new Error('not used');
        },
      },
      profile: {
        create: async () => {
          throw new Error('not used');
        },
        list: async () => {
          throw new Error('not used');
        },
        get: async () => {
          throw new Error('not used');
        },
        delete: async () => {
          throw new Error('not used');
        },
      },
    },
    revokeToken: async (input) => {
      this.count('revoke');
      await this.hooks['revoke']?.();
      this.revoked.push(input);
    },
    introspectToken: async () => {
      throw new Error('not used');
    },
    discover: async () => {
      throw new Error('not used');
    },
  };
}

/** The profile calls onboarding does not make: each fails loudly, so a new use is faked on purpose. */
function profileCallsNotFaked(): ProfileClient {
  // A record, not a list: the compiler then insists on every member, so a new call cannot be forgotten.
  const members: Record<keyof ProfileClient, true> = {
    createBusinessProfile: true,
    getBusinessRepresentative: true,
    updateBusinessRepresentative: true,
    submitBusinessRepresentative: true,
    updatePersonalProfile: true,
    updateBusinessProfile: true,
    openUpdateWindow: true,
    closeUpdateWindow: true,
    createLegacyPersonalProfile: true,
    createLegacyBusinessProfile: true,
    createAddress: true,
    getAddress: true,
    listAddresses: true,
    getDirectors: true,
    addDirectors: true,
    replaceDirectors: true,
    getUbos: true,
    addUbos: true,
    replaceUbos: true,
    getUser: true,
    getContactEmail: true,
    setContactEmail: true,
    bankTransferVerificationStatus: true,
    simulateProfileVerification: true,
    simulateUserVerification: true,
  };
  const notFaked = (name: string) => async () => {
    throw new Error(`fake Wise: ${name} is not faked`);
  };
  return Object.fromEntries(
    Object.keys(members).map((name) => [name, notFaked(name)]),
  ) as unknown as ProfileClient;
}
