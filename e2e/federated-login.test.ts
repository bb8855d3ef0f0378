import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type StandInProvider, startStandInProvider, totpCode } from '@account-access/platform/testing';
import type { Page } from 'playwright-core';
import { backAtBank, connect, connectedAtBank, PEOPLE, signInAtBank } from './support/flows.js';
import { startWorld, type World } from './support/world.js';

// Issue 16: "Continue with Google" on the hosted login page, against a real local OpenID provider
// (oidc-provider) standing in for Google; and a legacy WebView refused at /oauth/authorize.
// Screenshots: test-artifacts/e2e-federated-*.png.

const NAME = 'Google (local sandbox)';
const AT_PROVIDER = { john: 'john-at-google' };

describe('federated login in Chromium (issue 16)', () => {
  let world: World;
  let provider: StandInProvider;
  before(async () => {
    provider = await startStandInProvider({
      name: NAME,
      redirectUris: ['http://127.0.0.1/oauth/federated/google/callback'],
      people: [{ email: PEOPLE.john.email, password: AT_PROVIDER.john }],
    });
    world = await startWorld({ platformSettings: { oidcProviders: [provider.settings('google', NAME)] } });
  });
  after(async () => {
    await world?.close();
    await provider?.close();
  });

  /** From the platform's login page through the provider's, back to the platform. */
  async function viaProvider(page: Page, email: string, password: string, shot: string) {
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByRole('button', { name: `Continue with ${NAME}` }).click();
    await page.getByRole('heading', { name: `Sign in with ${NAME}` }).waitFor();
    assert.ok(page.url().startsWith(provider.issuer), 'at the provider');
    await world.shot(page, `federated-${shot}-provider`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(world.platform.url));
  }

  async function allow(page: Page) {
    const choose = page.getByRole('heading', { name: 'Choose a profile' });
    const consent = page.getByRole('button', { name: 'Allow' });
    await choose.or(consent).first().waitFor();
    if (await choose.isVisible())
      await page.getByRole('button', { name: 'Continue with this profile' }).click();
    await consent.click();
  }

  test('first time: John links by his password, his TOTP code is still asked, and the bank receives its code', async () => {
    const page = await world.page();
    await signInAtBank(world, page, 'John Smith');
    await connect(page);
    await viaProvider(page, PEOPLE.john.email, AT_PROVIDER.john, 'john');
    await page.getByRole('heading', { name: `Link your ${NAME} sign-in` }).waitFor();
    await page.getByLabel('Password').fill(PEOPLE.john.password);
    await page.getByRole('button', { name: 'Link and continue' }).click();
    await page.getByRole('heading', { name: 'Enter your security code' }).waitFor();
    await world.shot(page, 'federated-john-security-code');
    await page.getByLabel('Security code').fill(totpCode(PEOPLE.john.totpSecret, world.platform.clock.now()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await allow(page);
    await backAtBank(world, page);
    await connectedAtBank(page);
    await page.context().close();
  });

  test('again: the provider alone logs John in (no password asked), and his TOTP code is still asked', async () => {
    world.advance(60); // the next 30-second step, so his code is a new one
    const page = await world.page();
    await page.goto(
      `${world.platform.url}/oauth/authorize?client_id=demo-bank&redirect_uri=${encodeURIComponent(world.partner.partner.config.wise.redirectUri)}&state=again`,
    );
    await viaProvider(page, PEOPLE.john.email, AT_PROVIDER.john, 'john-again');
    await page.getByRole('heading', { name: 'Enter your security code' }).waitFor();
    assert.equal(await page.getByLabel('Password').count(), 0, 'no password asked');
    await world.shot(page, 'federated-john-again');
    await page.getByLabel('Security code').fill(totpCode(PEOPLE.john.totpSecret, world.platform.clock.now()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByRole('button', { name: 'Allow' })
      .or(page.getByRole('heading', { name: 'Choose a profile' }))
      .first()
      .waitFor();
    await page.context().close();
  });

  test('a WebView user agent gets the explanation page at /oauth/authorize; an ordinary browser does not', async () => {
    const url = `${world.platform.url}/oauth/authorize?client_id=demo-bank&redirect_uri=${encodeURIComponent(world.partner.partner.config.wise.redirectUri)}`;
    const webview = await world.page({
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.0.0 Mobile Safari/537.36',
    });
    const refused = await webview.goto(url);
    assert.equal(refused?.status(), 403);
    await webview.getByRole('heading', { name: 'Open this page in your browser' }).waitFor();
    await world.shot(webview, 'federated-webview-refused');
    await webview.context().close();
    const ordinary = await world.page();
    await ordinary.goto(url);
    await ordinary.getByRole('heading', { name: 'Log in' }).waitFor();
    assert.equal(await ordinary.getByRole('heading', { name: 'Open this page in your browser' }).count(), 0);
    await ordinary.context().close();
  });
});
