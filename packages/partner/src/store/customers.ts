import type { Queryable } from '@account-access/db';

/** One of the bank's own customers: the bank's record, the source of truth for the same-person check. */
export interface Customer {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  /** E.164. */
  phoneNumber: string;
  address: {
    firstLine: string;
    city: string;
    postCode: string | null;
    stateCode: string | null;
    /** ISO 3166-1 alpha-3, e.g. `GBR`, `BRA`. */
    countryIso3: string;
  };
  nationality: string | null;
  /** Brazilian customers: their CPF (contract §9). */
  cpf: string | null;
  language: string;
  /** The bank's choice for this customer, or null for the bank's default (contract §10.2). */
  linkMethod: 'redirect' | 'email' | null;
  /** What this demo customer shows (seeded customers only). */
  note?: string | null;
}

/** Where onboarding reads customers from: the narrow seam another bank implements over its own records. */
export interface CustomerSource {
  get(customerId: string): Promise<Customer | null>;
}

export interface CustomerStore extends CustomerSource {
  list(): Promise<Customer[]>;
  /** Inserts or updates by id (the seed is applied on every start). */
  save(customer: Customer): Promise<void>;
}

interface Row {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  phone_number: string;
  address_first_line: string;
  city: string;
  post_code: string | null;
  state_code: string | null;
  country_iso3: string;
  nationality: string | null;
  cpf: string | null;
  language: string;
  link_method: 'redirect' | 'email' | null;
  note: string | null;
}

function toCustomer(r: Row): Customer {
  return {
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: r.date_of_birth,
    phoneNumber: r.phone_number,
    address: {
      firstLine: r.address_first_line,
      city: r.city,
      postCode: r.post_code,
      stateCode: r.state_code,
      countryIso3: r.country_iso3,
    },
    nationality: r.nationality,
    cpf: r.cpf,
    language: r.language,
    linkMethod: r.link_method,
    note: r.note,
  };
}

export function sqlCustomerStore(db: Queryable): CustomerStore {
  return {
    async get(customerId) {
      const { rows } = await db.query<Row>('select * from customers where id = $1', [customerId]);
      return rows[0] ? toCustomer(rows[0]) : null;
    },
    async list() {
      const { rows } = await db.query<Row>('select * from customers order by created_at, id');
      return rows.map(toCustomer);
    },
    async save(c) {
      await db.query(
        `insert into customers (id, email, first_name, last_name, date_of_birth, phone_number,
           address_first_line, city, post_code, state_code, country_iso3, nationality, cpf, language, link_method, note)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
         on conflict (id) do update set email = excluded.email, first_name = excluded.first_name,
           last_name = excluded.last_name, date_of_birth = excluded.date_of_birth,
           phone_number = excluded.phone_number, address_first_line = excluded.address_first_line,
           city = excluded.city, post_code = excluded.post_code, state_code = excluded.state_code,
           country_iso3 = excluded.country_iso3, nationality = excluded.nationality, cpf = excluded.cpf,
           language = excluded.language, link_method = excluded.link_method, note = excluded.note`,
        [
          c.id,
          c.email,
          c.firstName,
          c.lastName,
          c.dateOfBirth,
          c.phoneNumber,
          c.address.firstLine,
          c.address.city,
          c.address.postCode,
          c.address.stateCode,
          c.address.countryIso3,
          c.nationality,
          c.cpf,
          c.language,
          c.linkMethod,
          c.note ?? null,
        ],
      );
      await db.query('insert into wise_links (customer_id) values ($1) on conflict do nothing', [c.id]);
    },
  };
}
