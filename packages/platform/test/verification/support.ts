import { brazilianProfile } from '../profiles/support.js';
import type { Response } from '../support/index.js';

export * from '../profiles/support.js';

/** A POST with no body at all, as Wise's curl examples for the simulation calls send it. */
export async function postEmpty(url: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(url, { method: 'POST', headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, headers: res.headers, body, text };
}

/** A valid v2 personal profile body of a customer living in the UK (no CPF rules apply). */
export function britishProfile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return brazilianProfile({
    firstName: 'Oliver',
    lastName: 'Wilson',
    nationality: 'GBR',
    address: {
      addressFirstLine: '56 Shoreditch High St',
      city: 'London',
      countryIso3Code: 'GBR',
      postCode: 'E1 6JJ',
    },
    ...overrides,
  });
}
