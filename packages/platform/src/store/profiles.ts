import type { Queryable } from '@account-access/db';
import {
  type Address,
  BUSINESS_FIELDS,
  type BusinessDetails,
  type NewProfile,
  NO_PERSON_FIELDS,
  type Person,
  type PersonFields,
  type ProfileCommon,
  type ProfileRecord,
  type ProfileStore,
  type ProfileType,
} from './profile-types.js';
import type { Sql } from './sql.js';

/** The profile types and the store's interface (profile-types.ts), and their SQL implementation here. */
export * from './profile-types.js';

interface Row {
  id: number;
  public_id: string;
  user_id: number;
  type: ProfileType;
  created_by_client_id: string | null;
  first_name: string | null;
  last_name: string | null;
  preferred_name: string | null;
  date_of_birth: string | null;
  phone_number: string | null;
  email: string | null;
  nationality: string | null;
  external_customer_id: string | null;
  address: Address | null;
  address_id: number | null;
  occupations: unknown[] | null;
  business: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  account_email: string;
  version: number;
  update_window_opened_at: Date | null;
}

const COLUMNS = `id, public_id, user_id, type, created_by_client_id, first_name, last_name, preferred_name,
  to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth, phone_number, email, nationality, external_customer_id,
  address, address_id, occupations, business, created_at, updated_at, version, update_window_opened_at,
  (select u.email from users u where u.id = profiles.user_id) as account_email`;

/** A profile as `to_jsonb` of a row of `COLUMNS` gives it (timestamps as text), for a statement of another store. */
export const PROFILE_COLUMNS = COLUMNS;
export function profileFromJson(j: Record<string, unknown>): ProfileRecord {
  const at = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return toRecord({
    ...(j as unknown as Row),
    created_at: at(j['created_at'])!,
    updated_at: at(j['updated_at'])!,
    update_window_opened_at: at(j['update_window_opened_at']),
  });
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The business document as stored (migration 050 renamed the hosted page's old `name` key). */
function businessOf(doc: Record<string, unknown> | null): BusinessDetails {
  const out = { businessName: text(doc?.['businessName']) ?? '' } as BusinessDetails;
  for (const key of BUSINESS_FIELDS) if (key !== 'businessName') out[key] = text(doc?.[key]);
  const operational = doc?.['operationalAddresses'];
  if (Array.isArray(operational) && operational.length > 0)
    out.operationalAddresses = operational as Address[];
  return out;
}

function toRecord(r: Row): ProfileRecord {
  const common: ProfileCommon = {
    id: r.id,
    publicId: r.public_id,
    userId: r.user_id,
    createdByClientId: r.created_by_client_id,
    phoneNumber: r.phone_number,
    email: r.email,
    address: r.address,
    addressId: r.address_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    accountEmail: r.account_email,
    version: r.version,
    updateWindowOpenedAt: r.update_window_opened_at,
  };
  const person: PersonFields = {
    firstName: r.first_name,
    lastName: r.last_name,
    preferredName: r.preferred_name,
    dateOfBirth: r.date_of_birth,
    nationality: r.nationality,
    externalCustomerId: r.external_customer_id,
    occupations: r.occupations,
  };
  if (r.type === 'BUSINESS') {
    return { ...common, ...NO_PERSON_FIELDS, type: 'BUSINESS', business: businessOf(r.business) };
  }
  return { ...common, ...person, type: 'PERSONAL', business: null };
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

/** The insert's values, in the order of INSERT_COLUMNS. */
function insertValues(p: NewProfile, now: Date): unknown[] {
  return [
    p.userId,
    p.type,
    p.createdByClientId,
    p.firstName,
    p.lastName,
    p.preferredName,
    p.dateOfBirth,
    p.phoneNumber,
    p.email,
    p.nationality,
    p.externalCustomerId,
    json(p.address),
    json(p.occupations),
    json(p.business),
    now,
    p.createdByGrantId ?? null,
  ];
}

const INSERT = `insert into profiles (user_id, type, created_by_client_id, first_name, last_name, preferred_name,
    date_of_birth, phone_number, email, nationality, external_customer_id, address, occupations, business,
    created_at, updated_at, created_by_grant_id)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)
  on conflict do nothing
  returning ${COLUMNS}`;

/** Serialises, until the transaction ends, every request that decides on the same `key` (both backends). */
const lock = (tx: Queryable, key: string) =>
  tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);

/**
 * Takes the person's lock (held until the transaction ends), then tells whether another user has a personal
 * profile of that person: names in any case and the date of birth (contract §8). Every create and update
 * that makes a profile that person takes the same lock, so two of them at once cannot both pass the check.
 */
async function personElsewhere(tx: Queryable, userId: number, p: Person): Promise<boolean> {
  const person = [p.firstName, p.lastName].map((n) => (n ?? '').trim().toLowerCase());
  await lock(tx, `profile-person:${person.join('|')}|${p.dateOfBirth}`);
  const { rows } = await tx.query(
    `select 1 from profiles where type = 'PERSONAL' and user_id <> $1 and lower(first_name) = $2
        and lower(last_name) = $3 and date_of_birth = $4 limit 1`,
    [userId, person[0], person[1], p.dateOfBirth],
  );
  return rows.length > 0;
}

export function sqlProfileStore(db: Sql): ProfileStore {
  const insert = async (tx: Queryable, p: NewProfile, now: Date) => {
    const { rows } = await tx.query<Row>(INSERT, insertValues(p, now));
    return rows[0] ? toRecord(rows[0]) : 'conflict';
  };
  return {
    create: (p, now) => insert(db, p, now),
    createPerson: (p, now) =>
      db.transaction(async (tx) =>
        (await personElsewhere(tx, p.userId, p)) ? 'same-person' : insert(tx, p, now),
      ),
    personOnOtherUser: (userId, person) => db.transaction((tx) => personElsewhere(tx, userId, person)),
    createBusiness: (p, now) =>
      db.transaction(async (tx) => {
        await lock(tx, `profile-business:${p.userId}`);
        const { rows } = await tx.query(
          `select 1 from profiles where type = 'BUSINESS' and user_id = $1
              and lower(business ->> 'businessName') = lower($2)
              and (business ->> 'registrationNumber') is not distinct from $3 limit 1`,
          [p.userId, p.business.businessName, p.business.registrationNumber],
        );
        return rows.length > 0 ? 'conflict' : insert(tx, p, now);
      }),
    async update(id, version, c, now) {
      const { rows } = await db.query<Row>(
        `update profiles set first_name = $3, last_name = $4, preferred_name = $5, date_of_birth = $6,
            phone_number = $7, email = $8, nationality = $9, external_customer_id = $10, address = $11,
            occupations = $12, business = $13, updated_at = $14, version = version + 1
          where id = $1 and version = $2
          returning ${COLUMNS}`,
        [
          id,
          version,
          c.firstName,
          c.lastName,
          c.preferredName,
          c.dateOfBirth,
          c.phoneNumber,
          c.email,
          c.nationality,
          c.externalCustomerId,
          json(c.address),
          json(c.occupations),
          json(c.business),
          now,
        ],
      );
      if (rows[0]) return toRecord(rows[0]);
      const exists = await db.query('select 1 from profiles where id = $1', [id]);
      return exists.rows.length > 0 ? 'stale' : null;
    },
    async setUpdateWindow(id, openedAt) {
      const { rows } = await db.query(
        // Opening an open window keeps the time it was first opened.
        `update profiles set update_window_opened_at =
           case when $2::timestamptz is null then null else coalesce(update_window_opened_at, $2) end
          where id = $1 returning id`,
        [id, openedAt],
      );
      return rows.length > 0;
    },
    async lockById(id) {
      const { rows } = await db.query<Row>(`select ${COLUMNS} from profiles where id = $1 for update`, [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async findById(id) {
      const { rows } = await db.query<Row>(`select ${COLUMNS} from profiles where id = $1`, [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async listByUser(userId) {
      const { rows } = await db.query<Row>(`select ${COLUMNS} from profiles where user_id = $1 order by id`, [
        userId,
      ]);
      return rows.map(toRecord);
    },
    async listForGrant(grant) {
      if (grant.userId === null) return [];
      const { rows } = await db.query<Row>(
        `select ${COLUMNS} from profiles
          where user_id = $1
            and (id = any($2::integer[]) or created_by_grant_id = $5::uuid
                 or ($3 = 'registration_code' and created_by_client_id = $4))
          order by id`,
        [grant.userId, grant.profileIds, grant.grantType, grant.clientId, grant.grantId],
      );
      return rows.map(toRecord);
    },
  };
}
