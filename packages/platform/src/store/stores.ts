import type { Database } from '@account-access/db';
import { type ClientStore, sqlClientStore } from './clients.js';
import { type GrantStore, sqlGrantStore } from './grants.js';
import { type IdempotencyStore, sqlIdempotencyStore } from './idempotency.js';
import { type ProfileStore, sqlProfileStore } from './profiles.js';
import { sqlUserStore, type UserStore } from './users.js';
import { sqlVerificationDocumentStore, type VerificationDocumentStore } from './verification-documents.js';

export interface Stores {
  clients: ClientStore;
  users: UserStore;
  grants: GrantStore;
  profiles: ProfileStore;
  idempotency: IdempotencyStore;
  verificationDocuments: VerificationDocumentStore;
}

export function sqlStores(db: Database): Stores {
  return {
    clients: sqlClientStore(db),
    users: sqlUserStore(db),
    grants: sqlGrantStore(db),
    profiles: sqlProfileStore(db),
    idempotency: sqlIdempotencyStore(db),
    verificationDocuments: sqlVerificationDocumentStore(db),
  };
}
