import type { TokenStore, UserTokens } from '@account-access/client';
import type { Database, Queryable } from '@account-access/db';
import type { Vault } from '../vault/vault.js';
import { type LinkStore, sqlLinkStore } from './links.js';

interface Row {
  customer_id: string;
  access_token: string;
  refresh_token: string;
  token_type: string;
  scope: string | null;
  expires_at: Date;
  refresh_token_expires_at: Date | null;
}

/** What a linked customer whose grant is gone is told (contract §10.8), naming the provider as the bank does. */
export const relinkMessage = (provider: string) =>
  `${provider} no longer accepts our access to your account. Connect it again.`;

/** What the token store needs besides the database and the vault. */
export interface TokenStoreOptions {
  /** The link store over a given connection, so the relink move shares the token deletion's transaction. */
  readonly links?: (db: Queryable) => LinkStore;
  readonly now?: () => Date;
  /** The provider's name in the relink message (`PARTNER_PROVIDER_NAME`; "Wise" unless given). */
  readonly providerName?: string;
}

/**
 * The rows of `wise_tokens` over one connection (the pool, or the transaction a lock is held in). Tokens are
 * vault envelopes bound to their customer and field.
 */
class TokenRows {
  constructor(
    private readonly db: Queryable,
    private readonly vault: Vault,
  ) {}

  async get(customerId: string): Promise<UserTokens | null> {
    const { rows } = await this.db.query<Row>('select * from wise_tokens where customer_id = $1', [
      customerId,
    ]);
    const r = rows[0];
    if (!r) return null;
    return {
      accessToken: this.vault.decrypt(customerId, 'access_token', r.access_token),
      refreshToken: this.vault.decrypt(customerId, 'refresh_token', r.refresh_token),
      tokenType: r.token_type,
      scope: r.scope ?? undefined,
      expiresAt: r.expires_at.getTime(),
      refreshTokenExpiresAt: r.refresh_token_expires_at?.getTime(),
    };
  }

  async put(customerId: string, tokens: UserTokens): Promise<void> {
    await this.db.query(
      `insert into wise_tokens (customer_id, access_token, refresh_token, token_type, scope, expires_at,
         refresh_token_expires_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, now())
       on conflict (customer_id) do update set access_token = excluded.access_token,
         refresh_token = excluded.refresh_token, token_type = excluded.token_type, scope = excluded.scope,
         expires_at = excluded.expires_at, refresh_token_expires_at = excluded.refresh_token_expires_at,
         updated_at = now()`,
      [
        customerId,
        this.vault.encrypt(customerId, 'access_token', tokens.accessToken),
        this.vault.encrypt(customerId, 'refresh_token', tokens.refreshToken),
        tokens.tokenType,
        tokens.scope ?? null,
        new Date(tokens.expiresAt),
        tokens.refreshTokenExpiresAt === undefined ? null : new Date(tokens.refreshTokenExpiresAt),
      ],
    );
  }

  delete(customerId: string): Promise<void> {
    return deleteTokensIn(this.db, customerId);
  }
}

/** Deletes a customer's tokens over the given connection (a webhook's transaction, contract §11). */
export async function deleteTokensIn(db: Queryable, customerId: string): Promise<void> {
  await db.query('delete from wise_tokens where customer_id = $1', [customerId]);
}

/**
 * PGlite runs in one process (its data folder is locked), so a per-database, per-customer queue in memory
 * is the whole lock there; it also serialises two partner instances that share one PGlite in a process.
 */
const memoryLocks = new WeakMap<Database, Map<string, Promise<unknown>>>();

function inMemoryLock<T>(db: Database, customerId: string, fn: () => Promise<T>): Promise<T> {
  const locks = memoryLocks.get(db) ?? new Map<string, Promise<unknown>>();
  memoryLocks.set(db, locks);
  const run = (locks.get(customerId) ?? Promise.resolve()).then(fn);
  const settled = run.then(
    () => {},
    () => {},
  );
  locks.set(customerId, settled);
  void settled.then(() => {
    if (locks.get(customerId) === settled) locks.delete(customerId);
  });
  return run;
}

/**
 * The one central token store (contract §5, §10.8) on the partner's database, implementing the client's
 * `TokenStore`. Deleting a customer's tokens (the token manager does when no grant is left) moves a linked
 * customer to `relink_required` through `LinkStore.transition`, in the same transaction.
 *
 * `withLock` makes a renewal single-flight across partner processes (contract §5: one refresher per user;
 * a second refresh would invalidate the first one's access token): on PostgreSQL it holds a transaction-
 * scoped advisory lock on the customer while the token manager re-reads, refreshes and stores.
 */
export class SqlTokenStore implements TokenStore {
  private readonly rows: TokenRows;
  private readonly links: (db: Queryable) => LinkStore;
  private readonly now: () => Date;
  private readonly providerName: string;

  constructor(
    private readonly db: Database,
    private readonly vault: Vault,
    options: TokenStoreOptions = {},
  ) {
    this.rows = new TokenRows(db, vault);
    this.links = options.links ?? sqlLinkStore;
    this.now = options.now ?? (() => new Date());
    this.providerName = options.providerName ?? 'Wise';
  }

  get(customerId: string): Promise<UserTokens | null> {
    return this.rows.get(customerId);
  }

  put(customerId: string, tokens: UserTokens): Promise<void> {
    return this.rows.put(customerId, tokens);
  }

  delete(customerId: string): Promise<void> {
    return this.db.transaction((tx) => this.deleteIn(tx, customerId));
  }

  /** The tokens go, and a linked customer must link again (contract §10.8): one transaction. */
  private async deleteIn(tx: Queryable, customerId: string): Promise<void> {
    await new TokenRows(tx, this.vault).delete(customerId);
    await this.links(tx).transition(customerId, 'linked', 'relink_required', null, this.now(), {
      lastError: relinkMessage(this.providerName),
    });
  }

  async withLock<T>(customerId: string, fn: (locked: TokenStore) => Promise<T>): Promise<T> {
    if (this.db.dialect === 'pglite') return inMemoryLock(this.db, customerId, () => fn(this));
    const settled = await this.db.transaction<{ value: T } | { error: unknown }>(async (tx) => {
      // Two-key form: the first key names what is locked, so no other advisory lock collides with it.
      await tx.query("select pg_advisory_xact_lock(hashtext('wise_tokens'), hashtext($1))", [customerId]);
      const rows = new TokenRows(tx, this.vault);
      const locked: TokenStore = {
        get: (id) => rows.get(id),
        put: (id, tokens) => rows.put(id, tokens),
        delete: (id) => this.deleteIn(tx, id),
      };
      // What `fn` wrote stands even when it then throws: the manager deletes dead tokens and then throws
      // RelinkRequiredError, and that deletion (and the relink move) must be committed, not rolled back.
      try {
        return { value: await fn(locked) };
      } catch (error) {
        return { error };
      }
    });
    if ('error' in settled) throw settled.error;
    return settled.value;
  }

  /** Which customers hold tokens (for the admin page: whether, never what). */
  async customersWithTokens(): Promise<Set<string>> {
    const { rows } = await this.db.query<{ customer_id: string }>('select customer_id from wise_tokens');
    return new Set(rows.map((r) => r.customer_id));
  }
}
