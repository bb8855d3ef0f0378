// What the client's platform tests share: a platform on an ephemeral port with a partner client and a
// typed client for it, a person who can log in on the hosted pages, and a driver for those pages over HTTP.
import {
  actionOf,
  type CheckedCall,
  conformingFetch,
  csrfOf,
  type OpenApiDocument,
  openApiChecker,
  PageClient,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from '@account-access/platform/testing';
import {
  type CreatePersonalProfileInput,
  createClient,
  type Environment,
  type WiseClient,
} from '../src/index.js';

export const REDIRECT = 'https://bank.example/callback';

export interface ClientPlatform {
  platform: TestPlatform;
  /** The partner's client, on the platform's fake clock. */
  client: WiseClient;
  credentials: { clientId: string; clientSecret: string };
  environment: Environment;
  /** Epoch milliseconds of the platform's fake clock, for the client and the token manager. */
  now: () => number;
  /** Another partner client on the same platform. */
  newClient(name: string): Promise<WiseClient>;
  /**
   * Every call the clients made, checked against the platform's own `/openapi.json` (issue 15): a call to
   * a path or method the document lacks, or a body that disagrees with its schema, fails where it is made.
   */
  calls: CheckedCall[];
}

/** The real platform on an ephemeral port, one partner registered with {@link REDIRECT}. */
export async function startClientPlatform(name = 'Client Test Bank'): Promise<ClientPlatform> {
  const platform = await startTestPlatform();
  const environment = { apiUrl: platform.url, authorizeUrl: `${platform.url}/oauth/authorize` };
  const now = () => platform.clock.now().getTime();
  const document = (await (await fetch(`${platform.url}/openapi.json`)).json()) as OpenApiDocument;
  const { fetch: checked, calls } = conformingFetch(openApiChecker(document), platform.url);
  const newClient = async (clientName: string) => {
    const credentials = await platform.addClient({ name: clientName, redirectUris: [REDIRECT] });
    return createClient({ environment, ...credentials, now, fetch: checked });
  };
  const credentials = await platform.addClient({ name, redirectUris: [REDIRECT] });
  const client = createClient({ environment, ...credentials, now, fetch: checked });
  return { platform, client, credentials, environment, now, newClient, calls };
}

/** A person with a password (and optionally TOTP) and profiles, as the hosted pages need one. */
export interface Person {
  email: string;
  password: string;
  totpSecret?: string;
  userId: number;
  /** Profile ids in the order they were seeded. */
  profileIds: number[];
}

export async function addPerson(
  p: TestPlatform,
  person: { email: string; password?: string; totpSecret?: string; profiles: Record<string, unknown>[] },
): Promise<Person> {
  const password = person.password ?? 'correct horse battery staple';
  const userId = await seedPerson(p, { ...person, password });
  const profileIds = (await p.platform.stores.profiles.listByUser(userId)).map((profile) => profile.id);
  return {
    email: person.email,
    password,
    ...(person.totpSecret ? { totpSecret: person.totpSecret } : {}),
    userId,
    profileIds,
  };
}

export const PERSONAL_PROFILE = {
  type: 'PERSONAL',
  firstName: 'Ada',
  lastName: 'Lovelace',
  dateOfBirth: '1990-12-10',
};

export const BUSINESS_PROFILE = {
  type: 'BUSINESS',
  businessName: 'Analytical Engines Ltd',
  address: { addressFirstLine: 'Rua C 3', city: 'Curitiba', countryIso3Code: 'BRA' },
};

/**
 * Plays the person's browser from the authorize URL the client built: follows the redirect to the hosted
 * pages, logs in, answers TOTP, picks the profile and decides on consent, and returns the URL the platform
 * finally sends the browser to (the partner's callback, with `code` or `error`).
 */
export async function completeHostedFlow(
  p: TestPlatform,
  authorizeUrl: string,
  person: Pick<Person, 'email' | 'password' | 'totpSecret'>,
  options: { decision?: 'allow' | 'deny'; profileId?: number } = {},
): Promise<string> {
  const browser = new PageClient(p.url);
  let res = await browser.get(authorizeUrl);
  if (res.status !== 302 || !res.location) throw new Error(`authorize answered ${res.status}: ${res.text}`);
  // Authorize leads to the first step's page; the interaction's own page leads to the current step each time.
  const page = res.location.replace(/^(.*\/oauth\/interaction\/[^/?]+).*$/, '$1');
  for (let step = 0; step < 8; step++) {
    res = await browser.open(page);
    if (res.status === 303 && res.location) {
      const final = await browser.get(res.location);
      if (!final.location) throw new Error(`the flow ended without a redirect: ${final.status}`);
      return final.location;
    }
    const csrf = csrfOf(res.text);
    const action = actionOf(res.text);
    let answer: Awaited<ReturnType<PageClient['post']>>;
    if (action.endsWith('/login')) {
      answer = await browser.post(action, { csrf, email: person.email, password: person.password });
    } else if (action.endsWith('/second-factor')) {
      if (!person.totpSecret) throw new Error('asked for a second factor the person does not have');
      answer = await browser.post(action, { csrf, code: totpCode(person.totpSecret, p.clock.now()) });
    } else if (action.endsWith('/profile')) {
      const first = /name="profileId" value="(\d+)"/.exec(res.text)?.[1];
      answer = await browser.post(action, { csrf, profileId: String(options.profileId ?? first) });
    } else if (action.endsWith('/consent')) {
      answer = await browser.post(action, { csrf, decision: options.decision ?? 'allow' });
    } else {
      throw new Error(`unexpected page ${action}`);
    }
    if (answer.status >= 400) throw new Error(`${action} answered ${answer.status}: ${answer.text}`);
  }
  throw new Error('the hosted flow did not finish');
}

/**
 * A valid body for `createPersonalProfile`: a Brazilian customer (contract §8). Wise answers 409 for the
 * same person (names and date of birth) on a second account, so each test that creates another user
 * passes its own first name.
 */
export function brazilianCustomer(email: string, firstName = 'Ana'): CreatePersonalProfileInput {
  return {
    firstName,
    lastName: 'Souza',
    dateOfBirth: '1990-05-17',
    address: {
      addressFirstLine: 'Rua Augusta 1500',
      city: 'São Paulo',
      countryIso3Code: 'bra',
      postCode: '01304-001',
      stateCode: 'SP',
    },
    contactDetails: { email, phoneNumber: '+5511987654321' },
    externalCustomerId: 'cust-42',
  };
}

/** A customer living in the UK (no CPF rules apply), Wise's example shape; each test its own person. */
export function britishCustomer(email: string, firstName: string): CreatePersonalProfileInput {
  return {
    firstName,
    lastName: 'Wilson',
    preferredName: 'Olivia',
    address: {
      addressFirstLine: '56 Shoreditch High St',
      city: 'London',
      countryIso3Code: 'gbr',
      postCode: 'E1 6JJ',
    },
    nationality: 'gbr',
    dateOfBirth: '1977-07-01',
    externalCustomerId: `cust-${firstName}`,
    contactDetails: { email, phoneNumber: '+447700900123' },
    occupations: [{ code: 'Software Engineer', format: 'FREE_FORM' }],
  };
}
