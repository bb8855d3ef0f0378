import assert from 'node:assert/strict';
import { applyPartnerSeed } from '@account-access/partner';
import { applySeed, seedCredentials, seedProfiles } from '@account-access/platform';
import { totpCode } from '@account-access/platform/testing';
import type { Page } from 'playwright-core';
import type { World } from './world.js';

/** The demo logins of packages/platform/seed/demo.json. */
export const PEOPLE = {
  john: { email: 'john.smith@example.com', password: 'demo-password-john', totpSecret: 'JBSWY3DPEHPK3PXP' },
  ana: { email: 'ana.silva@example.com', password: 'demo-password-ana' },
} as const;

/** The newest link under `path` the platform mailed to `to` (the sandbox outbox, contract §6). */
export async function mailedLink(world: World, to: string, path: string): Promise<string> {
  const outbox = await fetch(`${world.platform.url}/_sandbox/outbox?to=${encodeURIComponent(to)}`);
  assert.equal(outbox.status, 200);
  const mails = (await outbox.json()) as { links: string[] }[];
  const link = mails[0]?.links.find((l) => new URL(l).pathname.startsWith(path));
  assert.ok(link, `a link to ${path} was mailed to ${to}`);
  return link;
}

/** Signs in at the bank as one of its demo customers (the demo sign-in page) and lands on the account page. */
export async function signInAtBank(world: World, page: Page, name: string): Promise<void> {
  await page.goto(world.partner.url);
  await page.getByRole('heading', { name: 'Sign in to Demo Bank' }).waitFor();
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByRole('heading', { name: `Hello, ${name.split(' ')[0]}` }).waitFor();
}

export async function connect(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connect your Wise account' }).click();
}

/**
 * Takes the person through the platform's hosted pages (log in, security code when they have 2FA, the
 * profile, consent) and answers consent with `decision`. Screenshots are named `<prefix>-<step>`.
 */
export async function throughPlatform(
  world: World,
  page: Page,
  person: { email: string; password: string; totpSecret?: string },
  decision: 'Allow' | 'Deny',
  prefix: string,
): Promise<void> {
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await world.shot(page, `${prefix}-1-platform-login`);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  if (person.totpSecret) {
    await page.getByRole('heading', { name: 'Enter your security code' }).waitFor();
    await world.shot(page, `${prefix}-2-platform-security-code`);
    await page.getByLabel('Security code').fill(totpCode(person.totpSecret, world.platform.clock.now()));
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  const choose = page.getByRole('heading', { name: 'Choose a profile' });
  const consent = page.getByRole('button', { name: decision });
  await choose.or(consent).first().waitFor();
  if (await choose.isVisible()) {
    await world.shot(page, `${prefix}-3-platform-profile`);
    await page.getByRole('button', { name: 'Continue with this profile' }).click();
  }
  await consent.waitFor();
  await world.shot(page, `${prefix}-4-platform-consent`);
  await consent.click();
}

/** Waits until the browser is back at the bank after the platform's redirect. */
export async function backAtBank(world: World, page: Page): Promise<void> {
  await page.waitForURL(
    (url) => url.href.startsWith(world.partner.url) && !url.pathname.startsWith('/wise/callback?'),
  );
  await page.waitForLoadState('load');
}

/** Waits for the account page's success notice: where connecting ends (issue 13 item 2, a 303 after the callback). */
export async function connectedAtBank(page: Page): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: 'Your Wise account is connected.' })
    .waitFor({ timeout: 30_000 });
  await page.getByRole('heading', { name: /^Hello, / }).waitFor({ timeout: 30_000 });
}

/** What the bank's account page says about the customer's Wise account. */
export async function wiseCard(page: Page): Promise<{ status: string; profileId: string; name: string }> {
  const card = page.locator('section[aria-labelledby="wise-h"]');
  const dd = async (term: string) => {
    const found = card.locator(`dt:text-is("${term}") + dd`);
    return (await found.count()) > 0 ? ((await found.textContent()) ?? '').trim() : '';
  };
  return {
    status: ((await card.locator('.status').textContent()) ?? '').trim(),
    profileId: await dd('Wise profile'),
    name: await dd('Name at Wise'),
  };
}

/** Whether the bank's token store holds tokens for the customer (read from its database). */
export async function holdsTokens(world: World, customerId: string): Promise<boolean> {
  const { rows } = await world.partner.db.query('select 1 from wise_tokens where customer_id = $1', [
    customerId,
  ]);
  return rows.length > 0;
}

/** Links John through the whole redirect flow in a fresh browser context; returns the page, back at the bank. */
export async function linkJohn(world: World, prefix: string): Promise<Page> {
  const page = await world.page();
  await signInAtBank(world, page, 'John Smith');
  await connect(page);
  await throughPlatform(world, page, PEOPLE.john, 'Allow', prefix);
  await backAtBank(world, page);
  await connectedAtBank(page);
  return page;
}

/**
 * A customer made for one test, on both sides: a person on the platform with one personal profile (born
 * `dateOfBirth`), and the bank's customer of the same email whom the bank links by emailed code (born
 * `bankDateOfBirth`, the platform's by default; another one makes the bank's date-of-birth check refuse).
 */
export async function addEmailedCustomer(
  world: World,
  c: {
    id: string;
    email: string;
    password: string;
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    bankDateOfBirth?: string;
    phoneNumber: string;
    address: { firstLine: string; city: string };
  },
): Promise<void> {
  const { firstLine, city } = c.address;
  await applySeed(
    world.platform.platform,
    {
      users: [
        {
          email: c.email,
          password: c.password,
          profiles: [
            {
              type: 'PERSONAL',
              firstName: c.firstName,
              lastName: c.lastName,
              dateOfBirth: c.dateOfBirth,
              phoneNumber: c.phoneNumber,
              nationality: 'PRT',
              address: { addressFirstLine: firstLine, city, countryIso3Code: 'prt' },
            },
          ],
        },
      ],
    },
    [seedCredentials, seedProfiles],
  );
  await applyPartnerSeed(world.partner.partner.stores.customers, {
    customers: [
      {
        id: c.id,
        email: c.email,
        firstName: c.firstName,
        lastName: c.lastName,
        dateOfBirth: c.bankDateOfBirth ?? c.dateOfBirth,
        phoneNumber: c.phoneNumber,
        address: { firstLine, city, countryIso3: 'PRT' },
        nationality: 'PRT',
        linkMethod: 'email',
      },
    ],
  });
}
