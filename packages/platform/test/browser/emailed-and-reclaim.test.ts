import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { askForEmailedCode, newestLink } from '../emailed/helpers.js';
import { clientToken, registrationCode, signup, userToken } from '../mail/helpers.js';
import { brazilianProfile } from '../profiles/support.js';
import {
  ARTIFACTS,
  authorizeUrl,
  basic,
  bearer,
  launchChromium,
  newTotpSecret,
  PERSONAL,
  partnerCallback,
  postForm,
  postJson,
  saveScreenshot,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from '../support/index.js';

describe('emailed code, reclaiming and claiming in a real browser (contract §6, §7)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let partner: Awaited<ReturnType<typeof partnerCallback>>;
  let client: { clientId: string; clientSecret: string };

  before(async () => {
    partner = await partnerCallback();
    p = await startTestPlatform();
    client = await p.addClient({ name: 'Example Bank', redirectUris: [partner.url] });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
    await new Promise((resolve) => partner?.server.close(resolve));
  });

  const shot = (page: Page, name: string) => saveScreenshot(page, `${ARTIFACTS}platform-${name}.png`);
  const tokenRequest = (form: Record<string, string>) =>
    postForm(`${p.url}/oauth/token`, form, { authorization: basic(client.clientId, client.clientSecret) });

  /** A person the partner opened an account for (contract §2), with a profile the partner created. */
  async function partnerCreated(email: string) {
    const code = registrationCode();
    assert.equal(
      (await signup(p, await clientToken(p, client), { email, registrationCode: code })).status,
      200,
    );
    const token = await userToken(p, client, email, code);
    const profile = await postJson(
      `${p.url}/v2/profiles/personal-profile`,
      brazilianProfile({ contactDetails: { email, phoneNumber: '+5511987654321' } }),
      bearer(token),
    );
    assert.ok([200, 201].includes(profile.status));
    return { code, token };
  }

  test('emailed link → login with 2FA → profile → Allow → a code the partner exchanges once', async () => {
    const person = {
      email: 'ada@example.com',
      password: 'an emailed passphrase',
      totpSecret: newTotpSecret(),
    };
    await seedPerson(p, { ...person, profiles: [{ ...PERSONAL }] });
    const link = await askForEmailedCode(p, client, person.email);
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${p.url}${link}`);

    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    assert.equal(await page.getByLabel('Email address').inputValue(), person.email, 'filled in');
    await shot(page, '20-email-code-login');
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByLabel('Security code').fill(totpCode(person.totpSecret, p.clock.now()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Continue with this profile' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.getByRole('heading', { name: 'Your code for Example Bank' }).waitFor();
    await shot(page, '21-email-code-shown');
    const code = (await page.locator('.shown-code').textContent())!.trim();
    assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const first = await tokenRequest({ grant_type: 'authorization_code', code });
    assert.equal(first.status, 200, first.text);
    assert.equal((await tokenRequest({ grant_type: 'authorization_code', code })).status, 400);

    // The link again: access was allowed, and the page says so (issue 13, item 3), with nothing to do.
    await page.goto(`${p.url}${link}`);
    await page.getByRole('heading', { name: 'You already allowed Example Bank' }).waitFor();
    assert.equal(await page.locator('form').count(), 0);
    await shot(page, '22-email-code-link-used');

    // Deny on a new link (a minute later: one email a minute).
    p.clock.advance(61);
    await page.goto(`${p.url}${await askForEmailedCode(p, client, person.email)}`);
    await page.getByRole('button', { name: 'Continue with this profile' }).click();
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByRole('heading', { name: 'Example Bank was not given access' }).waitFor();
    await shot(page, '23-email-code-denied');
    await context.close();
  });

  test('reclaiming: forgot password → email → set password → the registration_code grant fails', async () => {
    const email = 'opened@example.com';
    const { code } = await partnerCreated(email);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: partner.url, state: 'r' }),
    );
    await page.getByRole('link', { name: 'Forgot or never set your password?' }).click();

    await page.getByRole('heading', { name: 'Set or reset your password' }).waitFor();
    await shot(page, '24-forgot-password');
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await shot(page, '25-forgot-password-sent');

    await page.goto(`${p.url}${await newestLink(p, email)}`);
    await page.getByRole('heading', { name: 'Choose a password' }).waitFor();
    await shot(page, '26-set-password');
    await page.getByLabel('New password').fill('too short');
    await page.getByLabel('Type it again').fill('too short');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, '26b-set-password-error');
    await page.getByLabel('New password').fill('now this account is mine');
    await page.getByLabel('Type it again').fill('now this account is mine');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await shot(page, '27-password-set');

    // Then may turn on 2FA: the seed is shown as text, confirmed with a code from it.
    await page.getByRole('link', { name: 'Turn on two-step verification' }).click();
    await page.getByRole('heading', { name: 'Turn on two-step verification' }).waitFor();
    await shot(page, '27b-two-factor-setup');
    const secret = (await page.locator('#secret').textContent())!.replace(/\s/g, '');
    await page.getByLabel('Security code').fill(totpCode(secret, p.clock.now()));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('heading', { name: 'Two-step verification is on' }).waitFor();
    await shot(page, '27c-two-factor-on');

    const refused = await tokenRequest({
      grant_type: 'registration_code',
      client_id: client.clientId,
      email,
      registration_code: code,
    });
    assert.equal(refused.body.error, 'invalid_grant');
    await context.close();
  });

  test('claiming with claim_account_code: secure the account, allow, back at the partner', async () => {
    const email = 'claimed@example.com';
    const { code, token } = await partnerCreated(email);
    const claim = await postJson(`${p.url}/v1/user/claim-account`, { registrationCode: code }, bearer(token));
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(
      authorizeUrl(p.url, {
        client_id: client.clientId,
        redirect_uri: partner.url,
        state: 'claim-state',
        claim_account_code: claim.body.claimAccountCode,
      }),
    );
    await page.getByRole('heading', { name: 'Secure your account' }).waitFor();
    await shot(page, '28-claim-secure-account');
    await page.getByLabel('New password').fill('claimed and secured');
    await page.getByLabel('Type it again').fill('claimed and secured');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('heading', { name: 'Choose a profile' }).waitFor();
    assert.ok(await page.getByLabel(/Ana Souza/).isChecked(), 'the partner-created profile is preselected');
    await shot(page, '29-claim-profile');
    await page.getByRole('button', { name: 'Continue with this profile' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.href.startsWith(partner.url));
    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('state'), 'claim-state');
    const exchanged = await tokenRequest({
      grant_type: 'authorization_code',
      code: landed.searchParams.get('code')!,
      redirect_uri: partner.url,
    });
    assert.equal(exchanged.status, 200, exchanged.text);
    await context.close();
  });
});
