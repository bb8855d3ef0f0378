import type { Queryable } from '@account-access/db';

/** What the login pages need of a user: the password hash and the sealed TOTP seed. */
export interface Credentials {
  userId: number;
  active: boolean;
  passwordHash: string | null;
  /** AES-256-GCM envelope of the TOTP seed; null when 2FA is off. */
  totpSecret: string | null;
  /** The sandbox's per-person option: 111111 is this person's second-factor code (auth/login.ts). */
  sandboxTotp: boolean;
}

export interface CredentialStore {
  findByEmailKey(emailKey: string): Promise<Credentials | null>;
  findById(userId: number): Promise<Credentials | null>;
  setPassword(userId: number, passwordHash: string): Promise<void>;
  setTotpSecret(userId: number, sealed: string | null): Promise<void>;
  setSandboxTotp(userId: number, on: boolean): Promise<void>;
  /**
   * Records `step` as the last accepted TOTP step, only if it is later than the one before: one atomic
   * statement, so a code can be used once even by two requests at the same instant. False when replayed.
   */
  acceptTotpStep(userId: number, step: number): Promise<boolean>;
}

export interface CredentialRow {
  id: number;
  active: boolean;
  password_hash: string | null;
  totp_secret: string | null;
  sandbox_totp: boolean;
}

/** The columns of `CredentialRow`, for a statement that reads an account beside something else. */
export const CREDENTIAL_COLUMNS = 'id, active, password_hash, totp_secret, sandbox_totp';

export const toCredentials = (r: CredentialRow): Credentials => ({
  userId: r.id,
  active: r.active,
  passwordHash: r.password_hash,
  totpSecret: r.totp_secret,
  sandboxTotp: r.sandbox_totp,
});

export function sqlCredentialStore(db: Queryable): CredentialStore {
  const one = async (where: string, value: unknown) => {
    const { rows } = await db.query<CredentialRow>(
      `select ${CREDENTIAL_COLUMNS} from users where ${where} = $1`,
      [value],
    );
    return rows[0] ? toCredentials(rows[0]) : null;
  };
  return {
    findByEmailKey: (key) => one('email_key', key),
    findById: (id) => one('id', id),
    async setPassword(userId, passwordHash) {
      await db.query('update users set password_hash = $2 where id = $1', [userId, passwordHash]);
    },
    async setTotpSecret(userId, sealed) {
      await db.query('update users set totp_secret = $2, totp_last_step = null where id = $1', [
        userId,
        sealed,
      ]);
    },
    async setSandboxTotp(userId, on) {
      await db.query('update users set sandbox_totp = $2 where id = $1', [userId, on]);
    },
    async acceptTotpStep(userId, step) {
      const { rowCount } = await db.query(
        `update users set totp_last_step = $2
          where id = $1 and (totp_last_step is null or totp_last_step < $2)`,
        [userId, step],
      );
      return rowCount === 1;
    },
  };
}
