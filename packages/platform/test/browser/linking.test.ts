import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  ARTIFACTS,
  authorizeUrl,
  basic,
  launchChromium,
  newTotpSecret,
  PERSONAL,
  partnerCallback,
  pkcePair,
  postForm,
  saveScreenshot,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from '../support/index.js';

describe('linking an account in a real browser (contract §4)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let partner: Awaited<ReturnType<typeof partnerCallback>>;
  let client: { clientId: string; clientSecret: string };
  const person = {
    email: 'grace@example.com',
    password: 'a long and memorable passphrase',
    totpSecret: newTotpSecret(),
  };

  before(async () => {
    partner = await partnerCallback();
    p = await startTestPlatform();
    client = await p.addClient({ name: 'Example Bank', redirectUris: [partner.url] });
    await seedPerson(p, {
      ...person,
      profiles: [
        { ...PERSONAL, firstName: 'Grace', lastName: 'Hopper' },
        { type: 'BUSINESS', businessName: 'Hopper Compilers Ltd' },
      ],
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
    await new Promise((resolve) => partner?.server.close(resolve));
  });

  const shot = (page: Page, name: string) => saveScreenshot(page, `${ARTIFACTS}platform-${name}.png`);

  const start = (page: Page, state: string, challenge?: string) =>
    page.goto(
      authorizeUrl(p.url, {
        client_id: client.clientId,
        redirect_uri: partner.url,
        state,
        response_type: 'code',
        ...(challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
      }),
    );

  const backAtPartner = (page: Page) => page.waitForURL((url) => url.href.startsWith(partner.url));

  test('log in with 2FA, pick a profile, allow, land on the partner with a code that exchanges once', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    const { verifier, challenge } = pkcePair();
    await start(page, 'browser-state', challenge);

    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await shot(page, '1-login');
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, '1b-login-error');
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.getByRole('heading', { name: 'Enter your security code' }).waitFor();
    await shot(page, '2-second-factor');
    await page.getByLabel('Security code').fill(totpCode(person.totpSecret, p.clock.now()));
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Choose a profile' }).waitFor();
    await shot(page, '3-profile');
    await page.getByLabel(/Hopper Compilers Ltd/).check();
    await page.getByRole('button', { name: 'Continue with this profile' }).click();

    await page.getByRole('heading', { name: 'Allow Example Bank to access your account?' }).waitFor();
    assert.ok(await page.getByText('Hopper Compilers Ltd').isVisible());
    await shot(page, '4-consent');
    await page.getByRole('button', { name: 'Allow' }).click();
    await backAtPartner(page);

    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('state'), 'browser-state');
    assert.equal(landed.searchParams.get('iss'), p.platform.config.issuer);
    assert.match(landed.searchParams.get('profileId') ?? '', /^\d+$/);
    const code = landed.searchParams.get('code')!;
    const callbacks = partner.hits.filter((hit) => hit.pathname === '/callback');
    assert.equal(callbacks.at(-1)?.searchParams.get('code'), code);

    const exchange = () =>
      postForm(
        `${p.url}/oauth/token`,
        { grant_type: 'authorization_code', code, redirect_uri: partner.url, code_verifier: verifier },
        { authorization: basic(client.clientId, client.clientSecret) },
      );
    const first = await exchange();
    assert.equal(first.status, 200, first.text);
    assert.equal((await exchange()).status, 400);

    // A second visit in the same browser: the platform session skips login and 2FA.
    await start(page, 'second-visit');
    await page.getByRole('heading', { name: 'Choose a profile' }).waitFor();
    assert.equal(await page.getByLabel('Password').count(), 0);
    await shot(page, '5-profile-with-session');
    await page.getByText('Create a new profile').click();
    await page.getByLabel('Business', { exact: false }).first().check();
    await page.getByLabel('Business name').waitFor();
    assert.equal(await page.getByLabel('First name').isVisible(), false, 'only the chosen type is asked for');
    await page.getByLabel('Business name').focus();
    await shot(page, '5b-create-business-profile');
    await context.close();
  });

  test('Deny sends the person back with access_denied', async () => {
    p.clock.advance(60);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await start(page, 'deny-state');
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await shot(page, '6-login-mobile');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByLabel('Security code').fill(totpCode(person.totpSecret, p.clock.now()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Continue with this profile' }).click();
    await page.getByRole('button', { name: 'Deny' }).waitFor();
    await shot(page, '7-consent-mobile');
    await page.getByRole('button', { name: 'Deny' }).click();
    await backAtPartner(page);
    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('error'), 'access_denied');
    assert.equal(landed.searchParams.get('state'), 'deny-state');
    assert.equal(landed.searchParams.get('code'), null);
    await context.close();
  });

  test('a person with no profile creates one, with errors shown and fixed on the way', async () => {
    p.clock.advance(60);
    await seedPerson(p, { email: 'new@example.com', password: 'a newcomer with no profile' });
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await start(page, 'new-profile');
    await page.getByLabel('Email address').fill('new@example.com');
    await page.getByLabel('Password').fill('a newcomer with no profile');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Create a profile' }).waitFor();
    await shot(page, '9-create-profile');
    await page.getByLabel('First name').fill('Nia');
    await page.getByLabel('Date of birth').fill('2999-01-01');
    await page.getByRole('button', { name: 'Create profile and continue' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByLabel('First name').inputValue(), 'Nia');
    await shot(page, '9b-create-profile-errors');
    await page.getByRole('link', { name: 'Enter your last name.' }).click();
    assert.ok(
      await page.getByLabel('Last name').evaluate((input) => input.ownerDocument.activeElement === input),
    );
    await page.getByLabel('Last name').fill('Ng');
    await page.getByLabel('Date of birth').fill('1985-02-28');
    await page.getByRole('button', { name: 'Create profile and continue' }).click();
    await page.getByRole('heading', { name: 'Allow Example Bank to access your account?' }).waitFor();
    assert.ok(await page.getByText('Nia Ng').isVisible());
    await page.getByRole('button', { name: 'Allow' }).click();
    await backAtPartner(page);
    assert.match(new URL(page.url()).searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);
    await context.close();
  });

  test('an unknown client gets an error page, not a redirect', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    const res = await page.goto(authorizeUrl(p.url, { client_id: 'nobody', redirect_uri: partner.url }));
    assert.equal(res?.status(), 400);
    assert.ok(page.url().startsWith(p.url));
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await shot(page, '8-error');
    await context.close();
  });
});
