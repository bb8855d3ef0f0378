import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { seedCredentials } from '../../src/auth/seed-step.js';
import { newBusinessProfile } from '../../src/profiles/index.js';
import { seedProfiles } from '../../src/profiles/seed.js';
import { applySeed, SeedError } from '../../src/seed.js';
import { PLATFORM_MIGRATIONS } from '../../src/store/open.js';
import type { ProfileRecord } from '../../src/store/profiles.js';
import {
  actionOf,
  authorizeUrl,
  csrfOf,
  flowPageOf,
  PageClient,
  type PageResponse,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';
import { addPartner, brazilianProfile, createPersonal, getAs, grantedToken, signUp } from './support.js';

// One profile module (contract §8): the hosted page, the API and the seed make the same profiles by the
// same rules. The clock of every test platform is 2026-11-23T10:00:00Z.
const REDIRECT = 'https://bank.example/cb';
const PASSWORD = 'correct horse battery staple';
const BUSINESS = {
  type: 'BUSINESS',
  businessName: 'Lovelace & Filhos Comércio Ltda',
  registrationNumber: '11222333000181',
  address: { addressFirstLine: 'Rua C 3', city: 'Curitiba', countryIso3Code: 'BRA' },
};

/** Contract §8's name rule, case by case: the first name given, and whether it is accepted. */
const PERSONAL_NAMES: [string, string, boolean][] = [
  ['plain', 'Ana', true],
  ['accents', 'Zoë Łucja', true],
  ['digits', 'Ana2', true],
  ['apostrophe and hyphen', "O'Neil-Ana", true],
  ['30 characters', 'A'.repeat(30), true],
  ['30 accented characters (code points, not bytes)', 'é'.repeat(30), true],
  ['31 characters', 'A'.repeat(31), false],
  ['empty', '', false],
  ['blank', '   ', false],
  ['a backslash', 'Ana\\Maria', false],
  ['an at sign', 'ana@bank', false],
  ['angle brackets', '<b>Ana</b>', false],
  ['a backtick', 'An`a', false],
];

/** The business name rule: at most 100 characters, no control characters. */
const BUSINESS_NAMES: [string, string, boolean][] = [
  ['accents and digits', 'Comércio 3 Irmãos Ltda', true],
  ['100 characters', 'B'.repeat(100), true],
  ['101 characters', 'B'.repeat(101), false],
  ['empty', '', false],
  ['a control character', 'Bad\u0007Co', false],
];

describe('one profile module: hosted page, API and seed agree (contract §8)', () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };

  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ name: 'Example Bank', redirectUris: [REDIRECT] });
  });
  after(() => p.close());

  /** A new person with a password and no profile; their id. */
  async function person(email: string): Promise<number> {
    await applySeed(p.platform, { users: [{ email, password: PASSWORD }] }, [seedCredentials]);
    return (await p.platform.stores.users.findByEmailKey(email))!.id;
  }

  async function post(browser: PageClient, page: string, html: string, form: Record<string, string>) {
    const res = await browser.post(actionOf(html), { csrf: csrfOf(html), ...form });
    assert.equal(res.status, 303, res.text);
    return browser.open(page);
  }

  /** Signs `email` in on the hosted pages up to the profile page. */
  async function profilePage(
    email: string,
  ): Promise<{ browser: PageClient; page: string; res: PageResponse }> {
    const browser = new PageClient(p.url);
    const start = await browser.get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT }),
    );
    assert.equal(start.status, 302, start.text);
    const page = flowPageOf(start.location!);
    const res = await post(browser, page, (await browser.open(page)).text, { email, password: PASSWORD });
    assert.match(res.text, /Create a profile|Choose a profile/);
    return { browser, page, res };
  }

  /** Submits the hosted create-profile form; true when it led on to consent. */
  async function hostedAccepts(email: string, form: Record<string, string>): Promise<boolean> {
    const { browser, page, res } = await profilePage(email);
    const next = await post(browser, page, res.text, form);
    if (/Allow Example Bank/.test(next.text)) return true;
    assert.match(next.text, /Create a profile/, 'a refused profile shows the form again');
    return false;
  }

  async function seedAccepts(email: string, profile: Record<string, unknown>): Promise<boolean> {
    try {
      await applySeed(p.platform, { users: [{ email, password: PASSWORD, profiles: [profile] }] }, [
        seedCredentials,
        seedProfiles,
      ]);
      return true;
    } catch (error) {
      if (error instanceof SeedError) return false;
      throw error;
    }
  }

  /** The consent page the hosted flow shows for a chosen profile. */
  async function consentFor(email: string, profileId: number): Promise<string> {
    const { browser, page, res } = await profilePage(email);
    return (await post(browser, page, res.text, { profileId: String(profileId) })).text;
  }

  test('a business profile made on the hosted page, by the API and by the seed reads the same', async () => {
    const emails = { hosted: `h-${randomUUID()}@example.com`, seed: `s-${randomUUID()}@example.com` };
    const hostedUser = await person(emails.hosted);
    assert.ok(await hostedAccepts(emails.hosted, { type: 'BUSINESS', businessName: BUSINESS.businessName }));
    const [hosted] = await p.platform.stores.profiles.listByUser(hostedUser);

    const apiUser = await person(`a-${randomUUID()}@example.com`);
    const api = await p.platform.stores.profiles.create(
      newBusinessProfile(apiUser, BUSINESS, null),
      p.clock.now(),
    );
    assert.ok(await seedAccepts(emails.seed, BUSINESS));
    const seedUser = (await p.platform.stores.users.findByEmailKey(emails.seed))!.id;
    const [seeded] = await p.platform.stores.profiles.listByUser(seedUser);

    const made = { hosted: hosted!, api: api === 'conflict' ? assert.fail('conflict') : api, seed: seeded! };
    const read = async (profile: ProfileRecord) => {
      const token = await grantedToken(p, client.clientId, profile.userId, [profile.id]);
      const v2 = (await getAs(p, token, `/v2/profiles/${profile.id}`)).body;
      const v1 = (await getAs(p, token, `/v1/profiles/${profile.id}`)).body;
      assert.deepEqual((await getAs(p, token, '/v2/profiles')).body, [v2]);
      return { v2, v1 };
    };
    const bodies = {
      hosted: await read(made.hosted),
      api: await read(made.api),
      seed: await read(made.seed),
    };
    for (const [how, { v2, v1 }] of Object.entries(bodies)) {
      assert.equal(v2.type, 'BUSINESS', how);
      assert.equal(v2.businessName, BUSINESS.businessName, how);
      assert.equal(v2.fullName, BUSINESS.businessName, how);
      assert.deepEqual(Object.keys(v2).sort(), Object.keys(bodies.api.v2).sort(), how);
      assert.equal(v1.type, 'business', how);
      assert.equal(v1.details.name, BUSINESS.businessName, how);
      assert.deepEqual(Object.keys(v1.details).sort(), Object.keys(bodies.api.v1.details).sort(), how);
    }
    // What the API and the seed were given, they return alike, field by field.
    const same = (body: Record<string, unknown>) => {
      const { id, publicId, userId, createdAt, updatedAt, email, contactDetails, ...rest } = body;
      return { ...rest, address: { ...(rest['address'] as object), id: 0 } };
    };
    assert.deepEqual(same(bodies.seed.v2), same(bodies.api.v2));
    // Ids aside (the profile's, its address's).
    const v1 = (body: { details: object }) => ({
      ...body,
      id: 0,
      details: { ...body.details, primaryAddress: 0 },
    });
    assert.deepEqual(v1(bodies.seed.v1), v1(bodies.api.v1));

    // The hosted consent page names each of them by the business name, as a business profile.
    const escaped = BUSINESS.businessName.replace('&', '&amp;');
    for (const [how, profile] of Object.entries(made)) {
      const email = (await p.platform.stores.users.findById(profile.userId))!.email;
      const page = await consentFor(email, profile.id);
      assert.match(page, /Allow Example Bank/, how);
      assert.ok(page.includes(`${escaped} <span class="tag">Business</span>`), `${how}: ${page}`);
    }
  });

  test('the name rules are the same on the API, the hosted page and the seed', async () => {
    const partner = await addPartner(p);
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [label, firstName, accepted] of PERSONAL_NAMES) {
      const user = await signUp(p, partner);
      const api = (await createPersonal(p, user.token, brazilianProfile({ firstName }))).status;
      assert.ok(api === 200 || api === 422, `${label}: API answered ${api}`);
      const email = `n-${randomUUID()}@example.com`;
      await person(email);
      const hosted = await hostedAccepts(email, {
        type: 'PERSONAL',
        firstName,
        lastName: 'Souza',
        dateOfBirth: '1990-05-17',
      });
      const seed = await seedAccepts(`s-${randomUUID()}@example.com`, {
        ...brazilianProfile({ firstName }),
        type: 'PERSONAL',
      });
      outcomes.push(`personal ${label}: api ${api === 200} hosted ${hosted} seed ${seed}`);
      expected.push(`personal ${label}: api ${accepted} hosted ${accepted} seed ${accepted}`);
    }
    for (const [label, businessName, accepted] of BUSINESS_NAMES) {
      let api = true;
      try {
        newBusinessProfile(1, { ...BUSINESS, businessName }, null);
      } catch {
        api = false;
      }
      const email = `b-${randomUUID()}@example.com`;
      await person(email);
      const hosted = await hostedAccepts(email, { type: 'BUSINESS', businessName });
      const seed = await seedAccepts(`s-${randomUUID()}@example.com`, { ...BUSINESS, businessName });
      outcomes.push(`business ${label}: api ${api} hosted ${hosted} seed ${seed}`);
      expected.push(`business ${label}: api ${accepted} hosted ${accepted} seed ${accepted}`);
    }
    assert.deepEqual(outcomes, expected);
  });

  test('the hosted page gives the rule of the API in words: a backslash, a name too long', async () => {
    const email = `w-${randomUUID()}@example.com`;
    await person(email);
    const { browser, page, res } = await profilePage(email);
    const next = await post(browser, page, res.text, {
      type: 'PERSONAL',
      firstName: 'Ana\\Maria',
      lastName: 'S'.repeat(31),
      dateOfBirth: '1990-05-17',
    });
    assert.match(next.text, /Your first name must not contain any of %#\^@\{\}&quot;!~&lt;&gt;\\`/);
    assert.match(next.text, /Your last name must be at most 30 characters/);
  });

  test('migration 050 renames the business name the hosted page used to store as `name`', async () => {
    const userId = await person(`m-${randomUUID()}@example.com`);
    const { rows } = await p.db.query<{ id: number }>(
      `insert into profiles (user_id, type, email, business) values ($1, 'BUSINESS', 'm@example.com', $2)
       returning id`,
      [userId, JSON.stringify({ name: 'Old Page Ltda' })],
    );
    const sql = await readFile(new URL('050_business_profile_name.sql', PLATFORM_MIGRATIONS), 'utf8');
    await p.db.query(sql);
    await p.db.query(sql); // forward-only and idempotent: a second run changes nothing
    const profile = await p.platform.stores.profiles.findById(rows[0]!.id);
    assert.equal(profile?.type, 'BUSINESS');
    assert.deepEqual(profile?.business, {
      businessName: 'Old Page Ltda',
      registrationNumber: null,
      companyType: null,
      companyRole: null,
      descriptionOfBusiness: null,
      webpage: null,
      businessFreeFormDescription: null,
      firstLevelCategory: null,
      secondLevelCategory: null,
      businessNameInKatakana: null,
      acn: null,
      abn: null,
      arbn: null,
    });
    const token = await grantedToken(p, client.clientId, userId, [rows[0]!.id]);
    assert.equal((await getAs(p, token, `/v2/profiles/${rows[0]!.id}`)).body.businessName, 'Old Page Ltda');
  });
});
