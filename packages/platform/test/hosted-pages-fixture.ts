import assert from 'node:assert/strict';
import {
  actionOf,
  authorizeUrl,
  csrfOf,
  newTotpSecret,
  type PageClient,
  type PageResponse,
  PERSONAL,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';

// What the hosted-pages tests share (contract §4): a platform with one partner and three people.

export const REDIRECT = 'https://bank.example/cb?tenant=a';
export const ada = { email: 'ada@example.com', password: 'correct horse battery staple' };
export const grace = {
  email: 'grace@example.com',
  password: 'another long passphrase',
  totpSecret: newTotpSecret(),
};
export const newcomer = { email: 'new@example.com', password: 'a person with no profile' };

export interface PartnerClient {
  clientId: string;
  clientSecret: string;
}

/** A platform with "Example Bank" registered and ada (personal + business), grace (TOTP) and a newcomer. */
export async function startHostedPages(): Promise<{ p: TestPlatform; client: PartnerClient }> {
  const p = await startTestPlatform();
  const client = await p.addClient({ name: 'Example Bank', redirectUris: [REDIRECT] });
  await seedPerson(p, {
    ...ada,
    profiles: [PERSONAL, { type: 'BUSINESS', businessName: 'Analytical Engines Ltd' }],
  });
  await seedPerson(p, { ...grace, profiles: [{ ...PERSONAL, firstName: 'Grace', lastName: 'Hopper' }] });
  await seedPerson(p, newcomer);
  return { p, client };
}

/** Starts a flow and returns the first page. */
/** The interaction's page (`/oauth/interaction/<uid>`) of one of its step pages. */
export const flowPageOf = (location: string) =>
  location.replace(/^(.*\/oauth\/interaction\/[^/?]+).*$/, '$1');

export async function startFlow(
  p: TestPlatform,
  client: PartnerClient,
  browser: PageClient,
  state = 'st-1',
): Promise<{ page: string; res: PageResponse }> {
  const res = await browser.get(
    authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT, state }),
  );
  assert.equal(res.status, 302, res.text);
  // Issue 14: authorize leads straight to the first step's page, `<page>/login`.
  const page = flowPageOf(res.location!);
  return { page, res: await browser.open(page) };
}

/** Posts one step's form and follows the 303 to the step page the flow is then at (issue 13). */
export async function submit(browser: PageClient, page: string, html: string, form: Record<string, string>) {
  const res = await browser.post(actionOf(html), { csrf: csrfOf(html), ...form });
  assert.equal(res.status, 303);
  assert.ok(res.location?.startsWith(`${page}/`), `${res.location} is a page of ${page}`);
  return browser.open(res.location!);
}
