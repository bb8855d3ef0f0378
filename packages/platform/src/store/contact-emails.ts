import type { Queryable } from '@account-access/db';

/** A user's contact email (https://docs.wise.com/api-reference/user, `…/contact-email`). */
export interface ContactEmailStore {
  /** Sets or replaces the user's contact email; concurrent sets leave exactly one of them. */
  set(userId: number, email: string, now: Date): Promise<void>;
  /** The contact email, or null when none was set. */
  get(userId: number): Promise<string | null>;
}

export function sqlContactEmailStore(db: Queryable): ContactEmailStore {
  return {
    async set(userId, email, now) {
      await db.query(
        `insert into user_contact_emails (user_id, email, updated_at) values ($1, $2, $3)
         on conflict (user_id) do update set email = excluded.email, updated_at = excluded.updated_at`,
        [userId, email, now],
      );
    },
    async get(userId) {
      const { rows } = await db.query<{ email: string }>(
        'select email from user_contact_emails where user_id = $1',
        [userId],
      );
      return rows[0]?.email ?? null;
    },
  };
}
