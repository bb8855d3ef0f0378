import type { Queryable } from '@account-access/db';
import type { Address } from './profiles.js';
import type { Sql } from './sql.js';

/**
 * Addresses with an identity (contract §8, https://docs.wise.com/api-reference/address): every address a
 * profile has had, each with its id; the profile's current one is `ProfileRecord.addressId`. Addresses
 * set by other ways (a create with an address, a profile update) get their rows from the database itself
 * (migration 055's trigger), so every address a profile shows has a row here.
 */
export interface AddressRecord {
  id: number;
  profileId: number;
  address: Address;
  /** The person's occupations as the legacy address carries them (`[{code, format}]`), or null. */
  occupations: unknown[] | null;
  createdAt: Date;
}

export interface AddressStore {
  /**
   * Saves a new address of `profileId` and makes it the profile's current address (its `address` and
   * `addressId` in one update, so parallel calls never leave a profile showing one address under another's
   * id); given occupations become the profile's too. Null when the profile does not exist.
   */
  addCurrent(
    profileId: number,
    address: Address,
    occupations: unknown[] | null,
    now: Date,
  ): Promise<AddressRecord | null>;
  findById(id: number): Promise<AddressRecord | null>;
  /** Every address of the profile, oldest first. */
  listByProfile(profileId: number): Promise<AddressRecord[]>;
}

interface Row {
  id: number;
  profile_id: number;
  address: Address;
  occupations: unknown[] | null;
  created_at: Date;
}

const COLUMNS = 'id, profile_id, address, occupations, created_at';

const toRecord = (r: Row): AddressRecord => ({
  id: r.id,
  profileId: r.profile_id,
  address: r.address,
  occupations: r.occupations,
  createdAt: r.created_at,
});

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

export function sqlAddressStore(db: Sql): AddressStore {
  const find = async (q: Queryable, id: number) => {
    const { rows } = await q.query<Row>(`select ${COLUMNS} from addresses where id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  };
  return {
    addCurrent: (profileId, address, occupations, now) =>
      db.transaction(async (tx) => {
        // The profile row first, locked: the address row's foreign key needs it, and parallel calls for
        // one profile queue here instead of interleaving.
        const locked = await tx.query('select 1 from profiles where id = $1 for update', [profileId]);
        if (locked.rows.length === 0) return null;
        const { rows } = await tx.query<Row>(
          `insert into addresses (profile_id, address, occupations, created_at)
           values ($1, $2, coalesce($3::jsonb, (select occupations from profiles where id = $1)), $4)
           returning ${COLUMNS}`,
          [profileId, json(address), json(occupations), now],
        );
        const row = rows[0]!;
        await tx.query(
          `update profiles set address = $2, address_id = $3, occupations = coalesce($4::jsonb, occupations),
             updated_at = $5
            where id = $1`,
          [profileId, json(address), row.id, json(occupations), now],
        );
        return toRecord(row);
      }),
    findById: (id) => find(db, id),
    async listByProfile(profileId) {
      const { rows } = await db.query<Row>(
        `select ${COLUMNS} from addresses where profile_id = $1 order by id`,
        [profileId],
      );
      return rows.map(toRecord);
    },
  };
}
