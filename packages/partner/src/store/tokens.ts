import type { TokenStore, UserTokens } from '@account-access/client';
import type { Database } from '@account-access/db';
import type { Vault } from '../vault/vault.js';

interface Row {
  customer_id: string;
  access_token: string;
  refresh_token: string;
  token_type: string;
  scope: string | null;
  expires_at: Date;
  refresh_token_expires_at: Date | null;
}

/**
 * The one central token store (contract §5, §10.8) on the partner's database, implementing the client's
 * `TokenStore`: tokens are vault envelopes bound to their customer and field. Deleting a customer's tokens
 * (the token manager does when no grant is left) marks a linked customer as needing to link again, in the
 * same transaction.
 */
export class SqlTokenStore implements TokenStore {
  constructor(
    private readonly db: Database,
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

  /** Which customers hold tokens (for the admin page: whether, never what). */
  async customersWithTokens(): Promise<Set<string>> {
    const { rows } = await this.db.query<{ customer_id: string }>('select customer_id from wise_tokens');
    return new Set(rows.map((r) => r.customer_id));
  }

  async delete(customerId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('delete from wise_tokens where customer_id = $1', [customerId]);
      await tx.query(
        `update wise_links set state = 'relink_required', updated_at = now(),
           last_error = 'Wise no longer accepts our access to your account. Connect it again.'
          where customer_id = $1 and state = 'linked'`,
        [customerId],
      );
    });
  }
}
