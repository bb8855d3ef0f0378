import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Database } from '@account-access/db';
import type { ClientRecord } from '../../src/store/clients.js';
import type { NewProfile } from '../../src/store/profiles.js';
import { type Stores, sqlStores } from '../../src/store/stores.js';
import { emailKey } from '../../src/store/users.js';
import { testDatabase } from '../support/index.js';

/**
 * The store contract: what every implementation of the narrow store interfaces (src/store/) must do. Each
 * file runs on the backend of the test run: PGlite by default, the PostgreSQL server of DATABASE_URL when
 * it is set. `BACKEND` goes into the suite names so a report says which one ran.
 */
export const BACKEND = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';

export interface StoreFixture {
  /** The SQL stores over a fresh database of this file (set in `before`). */
  readonly stores: Stores;
  /** The same database, for the few checks no store can make (what a rollback left behind). */
  readonly db: Database;
  /** A new user, optionally created by a partner. */
  newUser(createdByClientId?: string | null): Promise<{ id: number; email: string }>;
  /** Saves a client under `clientId` (a partner that owns codes, grants, mail). */
  addClient(clientId: string, over?: Partial<ClientRecord>): Promise<ClientRecord>;
}

/**
 * Opens one database for the calling test file and closes it after; call at the top level of the file.
 * `setup` runs once the stores exist (what every suite of the file needs, e.g. its clients).
 */
export function storeFixture(setup?: (fixture: StoreFixture) => Promise<unknown>): StoreFixture {
  let db: Database | undefined;
  let stores: Stores | undefined;
  let seq = 0;
  before(async () => {
    db = await testDatabase();
    stores = sqlStores(db);
    await setup?.(fixture);
  });
  after(() => db?.close());
  const fixture: StoreFixture = {
    get stores() {
      return stores!;
    },
    get db() {
      return db!;
    },
    async newUser(createdByClientId = null) {
      const email = `user${++seq}@example.com`;
      const user = await fixture.stores.users.create({
        email,
        emailKey: emailKey(email),
        language: 'EN',
        createdByClientId,
        registrationCodeHash: createdByClientId ? 'code-hash' : null,
      });
      assert.notEqual(user, 'conflict');
      return user as Exclude<typeof user, 'conflict'>;
    },
    async addClient(clientId, over = {}) {
      const record = client(clientId, over);
      await fixture.stores.clients.save(record);
      return record;
    },
  };
  return fixture;
}

export const t0 = new Date('2026-11-23T10:00:00.000Z');
/** `seconds` after t0. */
export const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

export const client = (clientId: string, over: Partial<ClientRecord> = {}): ClientRecord => ({
  clientId,
  name: `Bank ${clientId}`,
  secretHash: `hash-of-${clientId}`,
  redirectUris: ['https://bank.example/callback'],
  isPublic: false,
  refreshTokenTtlSeconds: null,
  rotate: 'never',
  ...over,
});

/** A complete personal profile of `userId`, made by `createdByClientId`. */
export const personalProfile = (
  userId: number,
  createdByClientId: string,
  over: Partial<NewProfile> = {},
): NewProfile =>
  ({
    userId,
    type: 'PERSONAL',
    createdByClientId,
    firstName: 'Ana',
    lastName: 'Silva',
    preferredName: null,
    dateOfBirth: '1990-02-28',
    phoneNumber: '+5511987654321',
    email: 'ana@example.com',
    nationality: 'BRA',
    externalCustomerId: 'cust-1',
    address: {
      addressFirstLine: 'Rua A 1',
      city: 'São Paulo',
      countryIso3Code: 'bra',
      postCode: null,
      stateCode: 'SP',
    },
    occupations: [{ code: 'X', format: 'FREE_FORM' }],
    business: null,
    ...over,
  }) as NewProfile;

/** Runs `n` copies of `fn` at once (each its own statement or transaction), as n concurrent requests would. */
export const inParallel = <T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
