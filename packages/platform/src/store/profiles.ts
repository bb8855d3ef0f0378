import type { Queryable } from '@account-access/db';
import type { TokenGrant } from './grants.js';

/**
 * The stored shape of a profile, a `Personal | Business` union (contract §8). The profile module
 * (`src/profiles/index.ts`) owns the concept; this file only persists it. A field is one column (or one
 * key of the `business` document) here, one entry in `COLUMNS`/`toRecord`, and nothing else.
 */
export type ProfileType = 'PERSONAL' | 'BUSINESS';

export interface Address {
  addressFirstLine: string;
  city: string;
  countryIso3Code: string;
  postCode?: string | null;
  stateCode?: string | null;
}

/** The business fields of Wise's v2 business profile, stored in the `business` jsonb column. */
export const BUSINESS_FIELDS = [
  'businessName',
  'registrationNumber',
  'companyType',
  'companyRole',
  'descriptionOfBusiness',
  'webpage',
  'businessFreeFormDescription',
  'firstLevelCategory',
  'secondLevelCategory',
  // Australian company numbers of the legacy `POST /v1/profiles` business body (contract §8).
  'acn',
  'abn',
  'arbn',
] as const;
export type BusinessDetails = { businessName: string } & Record<
  Exclude<(typeof BUSINESS_FIELDS)[number], 'businessName'>,
  string | null
>;

interface ProfileCommon {
  id: number;
  publicId: string;
  userId: number;
  createdByClientId: string | null;
  phoneNumber: string | null;
  email: string | null;
  address: Address | null;
  /** The id of `address` in the addresses store (contract §8, https://docs.wise.com/api-reference/address). */
  addressId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Fields only a personal profile has; null on a business profile. */
interface PersonFields {
  firstName: string | null;
  lastName: string | null;
  preferredName: string | null;
  /** YYYY-MM-DD, never a Date: a date of birth has no time zone. */
  dateOfBirth: string | null;
  nationality: string | null;
  externalCustomerId: string | null;
  occupations: unknown[] | null;
}

type Nulls<T> = { [K in keyof T]: null };
/** The person fields of a business profile: all null. */
export const NO_PERSON_FIELDS: Readonly<Nulls<PersonFields>> = {
  firstName: null,
  lastName: null,
  preferredName: null,
  dateOfBirth: null,
  nationality: null,
  externalCustomerId: null,
  occupations: null,
};

export type PersonalProfile = ProfileCommon & PersonFields & { type: 'PERSONAL'; business: null };
export type BusinessProfile = ProfileCommon &
  Nulls<PersonFields> & { type: 'BUSINESS'; business: BusinessDetails };
export type ProfileRecord = PersonalProfile | BusinessProfile;

type Unsaved<T> = Omit<T, 'id' | 'publicId' | 'addressId' | 'createdAt' | 'updatedAt'>;
export type NewPersonalProfile = Unsaved<PersonalProfile>;
export type NewBusinessProfile = Unsaved<BusinessProfile>;
export type NewProfile = NewPersonalProfile | NewBusinessProfile;

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
  address_id: number | null;
  occupations: unknown[] | null;
  business: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, public_id, user_id, type, created_by_client_id, first_name, last_name, preferred_name,
  to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth, phone_number, email, nationality, external_customer_id,
  address, address_id, occupations, business, created_at, updated_at`;

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The business document as stored (migration 050 renamed the hosted page's old `name` key). */
function businessOf(doc: Record<string, unknown> | null): BusinessDetails {
  const out = { businessName: text(doc?.['businessName']) ?? '' } as BusinessDetails;
  for (const key of BUSINESS_FIELDS) if (key !== 'businessName') out[key] = text(doc?.[key]);
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
          json(p.address),
          json(p.occupations),
          json(p.business),
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
