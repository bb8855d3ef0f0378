import type { Queryable } from '@account-access/db';
import type { TokenGrant } from './grants.js';

export type ProfileType = 'PERSONAL' | 'BUSINESS';

export interface Address {
  addressFirstLine: string;
  city: string;
  countryIso3Code: string;
  postCode?: string | null;
  stateCode?: string | null;
}

export interface ProfileRecord {
  id: number;
  publicId: string;
  userId: number;
  type: ProfileType;
  createdByClientId: string | null;
  firstName: string | null;
  lastName: string | null;
  preferredName: string | null;
  /** YYYY-MM-DD, never a Date: a date of birth has no time zone. */
  dateOfBirth: string | null;
  phoneNumber: string | null;
  email: string | null;
  nationality: string | null;
  externalCustomerId: string | null;
  address: Address | null;
  occupations: unknown[] | null;
  /** Business fields (name, registration number, …) of BUSINESS profiles. */
  business: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewProfile = Omit<ProfileRecord, 'id' | 'publicId' | 'createdAt' | 'updatedAt'>;

export interface ProfileStore {
  /** Creates a profile; 'conflict' when the user already has a personal profile (decided by the unique index). */
  create(profile: NewProfile, now: Date): Promise<ProfileRecord | 'conflict'>;
  findById(id: number): Promise<ProfileRecord | null>;
  listByUser(userId: number): Promise<ProfileRecord[]>;
  /**
   * The profiles a user token may see (contract §5, §8): those named by its grant, and, for
   * registration-code grants, the profiles its partner created for that user.
   */
  listForGrant(
    grant: Pick<TokenGrant, 'clientId' | 'userId' | 'grantType' | 'profileIds'>,
  ): Promise<ProfileRecord[]>;
}

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
  occupations: unknown[] | null;
  business: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, public_id, user_id, type, created_by_client_id, first_name, last_name, preferred_name,
  to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth, phone_number, email, nationality, external_customer_id,
  address, occupations, business, created_at, updated_at`;

const toRecord = (r: Row): ProfileRecord => ({
  id: r.id,
  publicId: r.public_id,
  userId: r.user_id,
  type: r.type,
  createdByClientId: r.created_by_client_id,
  firstName: r.first_name,
  lastName: r.last_name,
  preferredName: r.preferred_name,
  dateOfBirth: r.date_of_birth,
  phoneNumber: r.phone_number,
  email: r.email,
  nationality: r.nationality,
  externalCustomerId: r.external_customer_id,
  address: r.address,
  occupations: r.occupations,
  business: r.business,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function sqlProfileStore(db: Queryable): ProfileStore {
  return {
    async create(p, now) {
      const { rows } = await db.query<Row>(
        `insert into profiles (user_id, type, created_by_client_id, first_name, last_name, preferred_name, date_of_birth,
           phone_number, email, nationality, external_customer_id, address, occupations, business, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
         on conflict do nothing
         returning ${COLUMNS}`,
        [
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
          p.address === null ? null : JSON.stringify(p.address),
          p.occupations === null ? null : JSON.stringify(p.occupations),
          p.business === null ? null : JSON.stringify(p.business),
          now,
        ],
      );
      return rows[0] ? toRecord(rows[0]) : 'conflict';
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
            and (id = any($2::integer[]) or ($3 = 'registration_code' and created_by_client_id = $4))
          order by id`,
        [grant.userId, grant.profileIds, grant.grantType, grant.clientId],
      );
      return rows.map(toRecord);
    },
  };
}
