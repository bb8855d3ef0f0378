import { postJson, type Response } from '../support/index.js';

export * from '../profiles/support.js';

/**
 * Wise's documented bodies for the legacy bank flow, the oracle of these tests:
 * - legacyPersonal() / LEGACY_BUSINESS: TransferWise's legacy API reference, "User Profiles" (Create
 *   (Personal), Create (Business)), the bodies Wise's bank-flow collections send;
 * - ADDRESS: https://docs.wise.com/api-reference/address, "Create or update an address".
 */
let people = 0;
/**
 * Wise's legacy personal body. The same person on a second account is a 409 (contract §8), so each call
 * after the first is born a day later: a new person, with Wise's example date the first time. The count is
 * the process's, and test files share processes (scripts/test.mjs): a test that asserts the date passes it.
 */
export function legacyPersonal(dateOfBirth?: string) {
  const next = new Date(Date.UTC(1977, 6, 1 + people++)).toISOString().slice(0, 10);
  return {
    type: 'personal',
    details: {
      firstName: 'Oliver',
      lastName: 'Wilson',
      dateOfBirth: dateOfBirth ?? next,
      phoneNumber: '+3725064992',
    },
  };
}

export const LEGACY_BUSINESS = {
  type: 'business',
  details: {
    name: 'ABC Logistics Ltd',
    registrationNumber: '12144939',
    acn: null,
    abn: null,
    arbn: null,
    companyType: 'LIMITED',
    companyRole: 'OWNER',
    descriptionOfBusiness: 'Information and communication',
    webpage: 'https://abc-logistics.com',
  },
};

export const ADDRESS_DETAILS = {
  country: 'US',
  state: 'AZ',
  city: 'Phoenix',
  postCode: '10025',
  firstLine: '50 Sunflower Ave',
  occupations: [{ code: 'Software Engineer', format: 'FREE_FORM' }],
};

export async function putJson<T = any>(
  url: string,
  json: unknown,
  headers: Record<string, string> = {},
): Promise<Response<T>> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof json === 'string' ? json : JSON.stringify(json),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, headers: res.headers, body: body as T, text };
}

export { postJson };
