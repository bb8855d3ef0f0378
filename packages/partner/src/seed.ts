import { readFile } from 'node:fs/promises';
import type { Customer, CustomerStore } from './store/customers.js';

/** The partner's demo customers (`seed/demo.json`), applied on every start, never duplicated. */
export const DEMO_SEED = new URL('../seed/demo.json', import.meta.url);

export interface PartnerSeed {
  customers: (Omit<Customer, 'address' | 'nationality' | 'cpf' | 'linkMethod' | 'language' | 'note'> & {
    address: { firstLine: string; city: string; postCode?: string; stateCode?: string; countryIso3: string };
    nationality?: string;
    cpf?: string;
    language?: string;
    linkMethod?: 'redirect' | 'email';
    /** What this customer demonstrates, shown on the sign-in page. */
    note?: string;
  })[];
}

export class PartnerSeedError extends Error {}

export async function readPartnerSeed(file: string | URL = DEMO_SEED): Promise<PartnerSeed> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new PartnerSeedError(`Cannot read the seed file ${String(file)}: ${(error as Error).message}`);
  }
  const seed = parsed as PartnerSeed;
  if (!seed || !Array.isArray(seed.customers))
    throw new PartnerSeedError('A partner seed holds {"customers": [...]}');
  for (const c of seed.customers) {
    if (!c.id || !c.email || !/^\d{4}-\d{2}-\d{2}$/.test(c.dateOfBirth ?? '')) {
      throw new PartnerSeedError(
        `Seed customer ${c.id ?? '?'} needs an id, an email and a YYYY-MM-DD dateOfBirth`,
      );
    }
  }
  return seed;
}

export function seedCustomer(c: PartnerSeed['customers'][number]): Customer {
  return {
    id: c.id,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    dateOfBirth: c.dateOfBirth,
    phoneNumber: c.phoneNumber,
    address: {
      firstLine: c.address.firstLine,
      city: c.address.city,
      postCode: c.address.postCode ?? null,
      stateCode: c.address.stateCode ?? null,
      countryIso3: c.address.countryIso3,
    },
    nationality: c.nationality ?? null,
    cpf: c.cpf ?? null,
    language: c.language ?? 'EN',
    linkMethod: c.linkMethod ?? null,
    note: c.note ?? null,
  };
}

/** Saves every seed customer (by id) and gives each a link row in state `none` if it has none. */
export async function applyPartnerSeed(customers: CustomerStore, seed: PartnerSeed): Promise<void> {
  for (const c of seed.customers) await customers.save(seedCustomer(c));
}
