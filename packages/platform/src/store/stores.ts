import type { Database } from '@account-access/db';
import { type AuthFailureStore, sqlAuthFailureStore } from './auth-failures.js';
import { type AuthorizationCodeStore, sqlAuthorizationCodeStore } from './authorization-codes.js';
import { type ClientStore, sqlClientStore } from './clients.js';
import { type CredentialStore, sqlCredentialStore } from './credentials.js';
import { type GrantStore, sqlGrantStore } from './grants.js';
import { type IdempotencyStore, sqlIdempotencyStore } from './idempotency.js';
import { type InteractionStore, sqlInteractionStore } from './interactions.js';
import { type ProfileStore, sqlProfileStore } from './profiles.js';
import { type SessionStore, sqlSessionStore } from './sessions.js';
import { sqlUserStore, type UserStore } from './users.js';
import { sqlVerificationDocumentStore, type VerificationDocumentStore } from './verification-documents.js';

export interface Stores {
  clients: ClientStore;
  users: UserStore;
  grants: GrantStore;
  profiles: ProfileStore;
  idempotency: IdempotencyStore;
  verificationDocuments: VerificationDocumentStore;
  credentials: CredentialStore;
  sessions: SessionStore;
  interactions: InteractionStore;
  authFailures: AuthFailureStore;
  authorizationCodes: AuthorizationCodeStore;
}

export function sqlStores(db: Database): Stores {
  return {
    clients: sqlClientStore(db),
    users: sqlUserStore(db),
    grants: sqlGrantStore(db),
    profiles: sqlProfileStore(db),
    idempotency: sqlIdempotencyStore(db),
    verificationDocuments: sqlVerificationDocumentStore(db),
    credentials: sqlCredentialStore(db),
    sessions: sqlSessionStore(db),
    interactions: sqlInteractionStore(db),
    authFailures: sqlAuthFailureStore(db),
    authorizationCodes: sqlAuthorizationCodeStore(db),
  };
}
