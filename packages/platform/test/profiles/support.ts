import { randomBytes, randomUUID } from 'node:crypto';
import { issueUserTokens } from '../../src/oauth/tokens.js';
import {
  basic,
  bearer,
  get,
  postForm,
  postJson,
  type Response,
  type TestPlatform,
} from '../support/index.js';

/** A partner with a client token: what signs users up (contract §1, §2). */
export interface Partner {
  clientId: string;
  clientSecret: string;
  clientToken: string;
}

export async function addPartner(p: TestPlatform): Promise<Partner> {
  const client = await p.addClient();
  const res = await postForm(
    `${p.url}/oauth/token`,
    { grant_type: 'client_credentials' },
    { authorization: basic(client.clientId, client.clientSecret) },
  );
  if (res.status !== 200) throw new Error(`client token: ${res.status} ${res.text}`);
  return { ...client, clientToken: res.body.access_token };
}

/** A user signed up by `partner`, with a registration-code user token (contract §2, §3). */
export interface PartnerUser {
  userId: number;
  email: string;
  token: string;
}

export async function signUp(
  p: TestPlatform,
  partner: Partner,
  email = `${randomUUID()}@example.com`,
): Promise<PartnerUser> {
  const registrationCode = randomBytes(32).toString('base64url');
  const signup = await postJson(
    `${p.url}/v1/user/signup/registration_code`,
    { email, registrationCode },
    bearer(partner.clientToken),
  );
  if (signup.status !== 200) throw new Error(`signup: ${signup.status} ${signup.text}`);
  const tokens = await postForm(
    `${p.url}/oauth/token`,
    {
      grant_type: 'registration_code',
      client_id: partner.clientId,
      email,
      registration_code: registrationCode,
    },
    { authorization: basic(partner.clientId, partner.clientSecret) },
  );
  if (tokens.status !== 200) throw new Error(`registration_code: ${tokens.status} ${tokens.text}`);
  return { userId: signup.body.id, email, token: tokens.body.access_token };
}

/** A user token of another kind of grant (authorization_code) naming exactly `profileIds` (contract §4, §5). */
export async function grantedToken(
  p: TestPlatform,
  clientId: string,
  userId: number,
  profileIds: number[],
  grantType = 'authorization_code',
): Promise<string> {
  const client = await p.platform.stores.clients.find(clientId);
  if (!client) throw new Error('no such client');
  const { body } = await issueUserTokens(p.platform, { client, userId, grantType, profileIds });
  return body.access_token;
}

let births = 0;
/**
 * 1990-05-17 on the first call, then a day later on each: Wise refuses the same person (names and date of
 * birth) on a second account, so each user of a file gets a person of their own
 * (https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation). The count is the process's, and
 * test files share processes (scripts/test.mjs): a test that asserts the date passes it.
 */
export function nextBirthday(): string {
  return new Date(Date.UTC(1990, 4, 17 + births++)).toISOString().slice(0, 10);
}

/** A valid v2 personal profile body for a Brazilian customer (contract §8), a new person on each call. */
export function brazilianProfile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstName: 'Ana',
    lastName: 'Souza',
    preferredName: 'Aninha',
    dateOfBirth: nextBirthday(),
    nationality: 'BRA',
    externalCustomerId: 'cust-42',
    address: {
      addressFirstLine: 'Rua Augusta 1500',
      city: 'São Paulo',
      countryIso3Code: 'BRA',
      postCode: '01304-001',
      stateCode: 'SP',
    },
    contactDetails: { email: 'ana.souza@example.com', phoneNumber: '+5511987654321' },
    occupations: [{ code: 'Software Engineer', format: 'FREE_FORM' }],
    ...overrides,
  };
}

export const createPersonal = (
  p: TestPlatform,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
) => postJson(`${p.url}/v2/profiles/personal-profile`, body, { ...bearer(token), ...headers });

export const submitDocument = (p: TestPlatform, token: string, profileId: number | string, body: unknown) =>
  postJson(`${p.url}/v1/profiles/${profileId}/verification-documents`, body, bearer(token));

export const getAs = (p: TestPlatform, token: string, path: string): Promise<Response> =>
  get(`${p.url}${path}`, bearer(token));

/** Paths and codes of a validation-family body, sorted, for compact assertions. */
export function codes(res: Response): string[] {
  return (res.body?.errors ?? [])
    .map((e: { code: string; path?: string }) => `${e.path ?? ''}:${e.code}`)
    .sort();
}

export { cpf } from '../../src/testing/documents.js';
export const formatted = (c: string) => `${c.slice(0, 3)}.${c.slice(3, 6)}.${c.slice(6, 9)}-${c.slice(9)}`;
export const cpfDoc = (uniqueIdentifier: string) => ({ type: 'CPF_CNPJ', uniqueIdentifier });
