/** The moment of every example. */
export const AT = '2026-07-01T12:00:00.000Z';

/** Examples of the control plane's listings and bodies (contract §13), realistic values of our own. */

/** Contract §13 "Journal": secrets and single-use links redacted, HTML kept as its type and size. */
export const JOURNAL = {
  requests: [
    {
      id: 118,
      at: AT,
      method: 'POST',
      path: '/oauth/token',
      status: 200,
      clientId: 'bank',
      durationMs: 12.4,
      request: {
        headers: { authorization: '[redacted]', 'content-type': 'application/x-www-form-urlencoded' },
        body: { grant_type: 'client_credentials' },
      },
      response: {
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        body: {
          access_token: '[redacted]',
          token_type: 'bearer',
          expires_in: 43199,
          expires_at: '2026-07-02T00:00:00.000Z',
          scope: 'transfers',
        },
      },
    },
  ],
};

/** `GET /_sandbox/users` (sandbox/listings.ts): never a secret or a hash of one. */
export const USERS = {
  users: [
    {
      id: 12345,
      email: 'new.user@example.com',
      language: 'EN',
      active: true,
      state: 'ACTIVE',
      createdByClientId: 'bank',
      hasRegistrationCode: true,
      passwordSet: false,
      twoFactor: false,
      sandboxTotp: false,
      locked: false,
      reclaimed: false,
      reclaimedAt: null,
      createdAt: AT,
      linkedIdentities: [],
      profiles: [
        {
          id: 30000001,
          publicId: '9b1f6f0e-3c2a-4d8e-b7a5-1e4c2d6f8a90',
          type: 'PERSONAL',
          name: 'Test User',
          createdByClientId: 'bank',
          createdByGrantId: '41',
          verificationState: 'not_verified',
          createdAt: AT,
        },
      ],
    },
  ],
};

/** `GET /_sandbox/clients`. */
export const CLIENTS = {
  clients: [
    {
      clientId: 'bank',
      name: 'Bank',
      redirectUris: ['https://bank.example/callback'],
      public: false,
      hasSecret: true,
      refreshTokenTtlSeconds: null,
      createdAt: AT,
    },
  ],
};

/** `GET /_sandbox/grants`: a registration-code grant with its live access token. */
export const GRANTS = {
  grants: [
    {
      id: '42',
      clientId: 'bank',
      userId: 12345,
      grantType: 'registration_code',
      profileIds: [30000001],
      createdAt: AT,
      revokedAt: null,
      refreshToken: { expiresAt: '2046-06-30T12:00:00.000Z', expired: false },
      accessTokens: [{ id: 97, createdAt: AT, expiresAt: '2026-07-01T23:59:59.000Z', revokedAt: null }],
    },
  ],
};

/** A person of the seed file (seed/demo.json) whose CPF the sandbox bureau would accept (contract §9). */
export const NEW_USER = {
  email: 'test.user@example.com',
  password: 'correct horse battery staple',
  sandboxTotp: true,
  profiles: [
    {
      type: 'PERSONAL',
      firstName: 'Test',
      lastName: 'User',
      dateOfBirth: '2000-01-01',
      phoneNumber: '+5511987654321',
      nationality: 'BRA',
      address: {
        addressFirstLine: 'Rua Augusta 1500',
        city: 'São Paulo',
        countryIso3Code: 'bra',
        postCode: '01304-001',
        stateCode: 'SP',
      },
    },
  ],
};

/** `GET /_sandbox/state`, cut short: every state table and sequence is in a real one. */
export const STATE = {
  version: 1,
  migration: '100_federated_identities',
  tables: { clients: [{ client_id: 'bank', name: 'Bank' }] },
  sequences: { users_id_seq: 12345 },
};
