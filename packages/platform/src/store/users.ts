import { isUniqueViolation, type Queryable } from '@account-access/db';

export interface UserRecord {
  id: number;
  email: string;
  language: string;
  active: boolean;
  createdByClientId: string | null;
  registrationCodeHash: string | null;
  reclaimedAt: Date | null;
  createdAt: Date;
}

export interface NewUser {
  email: string;
  /** The unique identity of the user: see `emailKey()`. */
  emailKey: string;
  language: string;
  createdByClientId: string | null;
  registrationCodeHash: string | null;
}

export interface UserStore {
  /** Creates the user, or returns 'conflict' when the email is taken (decided by the unique index, race-free). */
  create(user: NewUser): Promise<UserRecord | 'conflict'>;
  findById(id: number): Promise<UserRecord | null>;
  findByEmailKey(emailKey: string): Promise<UserRecord | null>;
}

/** Emails are one identity whatever their case or Unicode composition. */
export function emailKey(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

interface Row {
  id: number;
  email: string;
  language: string;
  active: boolean;
  created_by_client_id: string | null;
  registration_code_hash: string | null;
  reclaimed_at: Date | null;
  created_at: Date;
}

const toRecord = (r: Row): UserRecord => ({
  id: r.id,
  email: r.email,
  language: r.language,
  active: r.active,
  createdByClientId: r.created_by_client_id,
  registrationCodeHash: r.registration_code_hash,
  reclaimedAt: r.reclaimed_at,
  createdAt: r.created_at,
});

const COLUMNS =
  'id, email, language, active, created_by_client_id, registration_code_hash, reclaimed_at, created_at';

export function sqlUserStore(db: Queryable): UserStore {
  const one = async (where: string, value: unknown) => {
    const { rows } = await db.query<Row>(`select ${COLUMNS} from users where ${where} = $1`, [value]);
    return rows[0] ? toRecord(rows[0]) : null;
  };
  return {
    async create(u) {
      try {
        const { rows } = await db.query<Row>(
          `insert into users (email, email_key, language, created_by_client_id, registration_code_hash)
           values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
          [u.email, u.emailKey, u.language, u.createdByClientId, u.registrationCodeHash],
        );
        return toRecord(rows[0]!);
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) return 'conflict';
        throw error;
      }
    },
    findById: (id) => one('id', id),
    findByEmailKey: (key) => one('email_key', key),
  };
}
