import type { Sql } from './sql.js';

/**
 * The people of a business profile (contract §8, https://docs.wise.com/api-reference/profile): its
 * directors and its ultimate beneficial owners (UBOs), in the shapes Wise's bodies use. Each list is kept
 * in the order it was sent; adding appends, replacing swaps the whole list at once.
 */
export interface Director {
  id: number;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  /** ISO 3166-1 alpha-3, lower case (`"usa"`). */
  countryOfResidenceIso3Code: string;
}

export interface Ubo {
  /** 32 hex digits, as Wise's examples show (`"013ab1c2688d0185b582ee7e0bcb28b2"`). */
  id: string;
  name: string;
  dateOfBirth: string;
  countryOfResidenceIso3Code: string;
  addressFirstLine: string;
  postCode: string | null;
  ownershipPercentage: number | null;
}

export type NewDirector = Omit<Director, 'id'>;
export type NewUbo = Omit<Ubo, 'id'>;

export interface BusinessPeopleStore {
  /** Appends `directors` to the profile's; returns them all. Parallel calls each append all of theirs. */
  addDirectors(profileId: number, directors: NewDirector[], now: Date): Promise<Director[]>;
  /** Replaces the profile's directors; parallel calls leave exactly one caller's list, never a mix. */
  replaceDirectors(profileId: number, directors: NewDirector[], now: Date): Promise<Director[]>;
  listDirectors(profileId: number): Promise<Director[]>;
  addUbos(profileId: number, ubos: NewUbo[], now: Date): Promise<Ubo[]>;
  replaceUbos(profileId: number, ubos: NewUbo[], now: Date): Promise<Ubo[]>;
  listUbos(profileId: number): Promise<Ubo[]>;
}

const DIRECTORS = `select id, first_name as "firstName", last_name as "lastName",
  to_char(date_of_birth, 'YYYY-MM-DD') as "dateOfBirth", country_of_residence as "countryOfResidenceIso3Code"
  from business_directors where profile_id = $1 order by position, id`;

const UBOS = `select id, name, to_char(date_of_birth, 'YYYY-MM-DD') as "dateOfBirth",
  country_of_residence as "countryOfResidenceIso3Code", address_first_line as "addressFirstLine",
  post_code as "postCode", ownership_percentage as "ownershipPercentage"
  from business_ubos where profile_id = $1 order by position, id`;

/** One kind of person: its table, how one row is inserted, and how the list is read. */
interface Kind<T> {
  table: 'business_directors' | 'business_ubos';
  insert: string;
  values(person: T): unknown[];
  list: string;
}

const directorKind: Kind<NewDirector> = {
  table: 'business_directors',
  insert: `insert into business_directors
      (profile_id, position, created_at, first_name, last_name, date_of_birth, country_of_residence)
    values ($1, $2, $3, $4, $5, $6, $7)`,
  values: (d) => [d.firstName, d.lastName, d.dateOfBirth, d.countryOfResidenceIso3Code],
  list: DIRECTORS,
};

const uboKind: Kind<NewUbo> = {
  table: 'business_ubos',
  insert: `insert into business_ubos (profile_id, position, created_at, name, date_of_birth,
      country_of_residence, address_first_line, post_code, ownership_percentage)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
  values: (u) => [
    u.name,
    u.dateOfBirth,
    u.countryOfResidenceIso3Code,
    u.addressFirstLine,
    u.postCode,
    u.ownershipPercentage,
  ],
  list: UBOS,
};

export function sqlBusinessPeopleStore(db: Sql): BusinessPeopleStore {
  function write<T, R>(kind: Kind<T>, replace: boolean) {
    return (profileId: number, people: T[], now: Date): Promise<R[]> =>
      db.transaction(async (tx) => {
        // The profile row, locked: writers of one profile's list queue here, so a replace is never mixed
        // with another writer's rows and positions never collide.
        await tx.query('select 1 from profiles where id = $1 for update', [profileId]);
        if (replace) await tx.query(`delete from ${kind.table} where profile_id = $1`, [profileId]);
        const { rows } = await tx.query<{ next: number }>(
          `select coalesce(max(position) + 1, 0) as next from ${kind.table} where profile_id = $1`,
          [profileId],
        );
        let position = Number(rows[0]?.next ?? 0);
        for (const person of people) {
          await tx.query(kind.insert, [profileId, position++, now, ...kind.values(person)]);
        }
        return (await tx.query<R>(kind.list, [profileId])).rows;
      });
  }
  const list =
    <R>(sql: string) =>
    async (profileId: number): Promise<R[]> =>
      (await db.query<R>(sql, [profileId])).rows;
  return {
    addDirectors: write<NewDirector, Director>(directorKind, false),
    replaceDirectors: write<NewDirector, Director>(directorKind, true),
    listDirectors: list<Director>(DIRECTORS),
    addUbos: write<NewUbo, Ubo>(uboKind, false),
    replaceUbos: write<NewUbo, Ubo>(uboKind, true),
    listUbos: list<Ubo>(UBOS),
  };
}
