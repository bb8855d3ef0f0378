import type { Database } from '@account-access/db';
import { type AddressStore, sqlAddressStore } from './addresses.js';
import { type AttemptCounterStore, sqlAttemptCounterStore } from './attempt-counters.js';
import { type AuthorizationCodeStore, sqlAuthorizationCodeStore } from './authorization-codes.js';
import { type BusinessPeopleStore, sqlBusinessPeopleStore } from './business-people.js';
import { type ClaimAccountCodeStore, sqlClaimAccountCodeStore } from './claim-account-codes.js';
import { type ClientCache, type ClientStore, sqlClientStore } from './clients.js';
import { type ContactEmailStore, sqlContactEmailStore } from './contact-emails.js';
import { type CredentialStore, sqlCredentialStore } from './credentials.js';
import { type EmailAuthorizationStore, sqlEmailAuthorizationStore } from './email-authorizations.js';
import { type FaultStore, sqlFaultStore } from './faults.js';
import { type FederatedIdentityStore, sqlFederatedIdentityStore } from './federated-identities.js';
import { type GrantStore, sqlGrantStore } from './grants.js';
import { type IdempotencyStore, sqlIdempotencyStore } from './idempotency.js';
import { type InteractionStore, sqlInteractionStore } from './interactions.js';
import { type MailOutboxStore, sqlMailOutboxStore } from './mail-outbox.js';
import { PLATFORM_MIGRATIONS } from './open.js';
import { type PasswordResetStore, sqlPasswordResetStore } from './password-resets.js';
import { type ProfileStore, sqlProfileStore } from './profiles.js';
import { type ReadinessStore, sqlReadinessStore } from './readiness.js';
import { type RequestJournalStore, sqlRequestJournalStore } from './request-journal.js';
import { type RetentionStore, sqlRetentionStore } from './retention.js';
import { type SandboxStore, sqlSandboxStore } from './sandbox.js';
import { type SandboxClockStore, sqlSandboxClockStore } from './sandbox-clock.js';
import { type ListingStore, sqlListingStore } from './sandbox-listings.js';
import { type SandboxStateStore, sqlSandboxStateStore } from './sandbox-state.js';
import { type SessionStore, sqlSessionStore } from './sessions.js';
import { databaseSql, type Sql } from './sql.js';
import { sqlUserStore, type UserStore } from './users.js';
import { sqlVerificationDocumentStore, type VerificationDocumentStore } from './verification-documents.js';
import { sqlVerificationStore, type VerificationStore } from './verifications.js';
import { sqlWebhookDeliveryStore, type WebhookDeliveryStore } from './webhook-deliveries.js';
import { sqlWebhookKeyStore, type WebhookKeyStore } from './webhook-keys.js';
import { sqlWebhookSubscriptionStore, type WebhookSubscriptionStore } from './webhook-subscriptions.js';

/**
 * Every store of the platform: the only way routes, steps and services reach the database (no SQL outside
 * `store/`). Each is a narrow interface named for what its callers need, its SQL implementation beside it.
 */
export interface Stores {
  clients: ClientStore;
  users: UserStore;
  contactEmails: ContactEmailStore;
  grants: GrantStore;
  profiles: ProfileStore;
  addresses: AddressStore;
  businessPeople: BusinessPeopleStore;
  idempotency: IdempotencyStore;
  verificationDocuments: VerificationDocumentStore;
  /** Verification states of profiles and account states of users (contract "Verification"). */
  verifications: VerificationStore;
  credentials: CredentialStore;
  /** Provider identities linked to accounts, and the relying party's trips to a provider (issue 16). */
  federatedIdentities: FederatedIdentityStore;
  sessions: SessionStore;
  interactions: InteractionStore;
  /** Attempt limits of logins, codes and secrets (issue 12), taken before verifying. */
  attemptCounters: AttemptCounterStore;
  authorizationCodes: AuthorizationCodeStore;
  claimAccountCodes: ClaimAccountCodeStore;
  emailAuthorizations: EmailAuthorizationStore;
  passwordResets: PasswordResetStore;
  mailOutbox: MailOutboxStore;
  sandbox: SandboxStore;
  /** The sandbox request journal (issue 11). */
  requestJournal: RequestJournalStore;
  /** Faults partners ask the sandbox for (issue 11). */
  faults: FaultStore;
  /** The sandbox clock's offset from real time (issue 11), shared by every instance. */
  sandboxClock: SandboxClockStore;
  /** What the sandbox lists: users, clients, grants and tokens, never a secret (issue 11). */
  listings: ListingStore;
  /** The sandbox's whole state as rows: export, import, reset (issue 11). */
  sandboxState: SandboxStateStore;
  retention: RetentionStore;
  webhookSubscriptions: WebhookSubscriptionStore;
  webhookDeliveries: WebhookDeliveryStore;
  webhookKeys: WebhookKeyStore;
  /** Readiness and queue depths (issue 15: `/ready`, the metrics). */
  readiness: ReadinessStore;
  /**
   * Runs `fn` in one transaction, with every store bound to it: all it writes commits together or not at
   * all (a link and the mail carrying it). Inside a transaction this joins it.
   */
  transaction<T>(fn: (stores: Stores) => Promise<T>): Promise<T>;
}

function storesOn(sql: Sql, clientCache: ClientCache): Stores {
  const on = (tx: Sql) => storesOn(tx, clientCache);
  return {
    clients: sqlClientStore(sql, clientCache),
    users: sqlUserStore(sql),
    contactEmails: sqlContactEmailStore(sql),
    grants: sqlGrantStore(sql),
    profiles: sqlProfileStore(sql),
    addresses: sqlAddressStore(sql),
    businessPeople: sqlBusinessPeopleStore(sql),
    idempotency: sqlIdempotencyStore(sql, on),
    verificationDocuments: sqlVerificationDocumentStore(sql),
    verifications: sqlVerificationStore(sql),
    credentials: sqlCredentialStore(sql),
    federatedIdentities: sqlFederatedIdentityStore(sql),
    sessions: sqlSessionStore(sql),
    interactions: sqlInteractionStore(sql),
    attemptCounters: sqlAttemptCounterStore(sql),
    authorizationCodes: sqlAuthorizationCodeStore(sql),
    claimAccountCodes: sqlClaimAccountCodeStore(sql),
    emailAuthorizations: sqlEmailAuthorizationStore(sql),
    passwordResets: sqlPasswordResetStore(sql),
    mailOutbox: sqlMailOutboxStore(sql),
    sandbox: sqlSandboxStore(sql),
    requestJournal: sqlRequestJournalStore(sql),
    faults: sqlFaultStore(sql),
    sandboxClock: sqlSandboxClockStore(sql),
    listings: sqlListingStore(sql),
    sandboxState: sqlSandboxStateStore(sql),
    retention: sqlRetentionStore(sql),
    webhookSubscriptions: sqlWebhookSubscriptionStore(sql),
    webhookDeliveries: sqlWebhookDeliveryStore(sql),
    webhookKeys: sqlWebhookKeyStore(sql),
    readiness: sqlReadinessStore(sql, PLATFORM_MIGRATIONS),
    transaction: (fn) => sql.transaction((tx) => fn(on(tx))),
  };
}

/** The SQL stores over `db` (PGlite or PostgreSQL: one dialect). */
export function sqlStores(db: Database): Stores {
  return storesOn(databaseSql(db), new Map());
}
