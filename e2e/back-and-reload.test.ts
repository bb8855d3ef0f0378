import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '@account-access/platform/testing';
import type { Page } from 'playwright-core';
import { backAtBank, connect, connectedAtBank, PEOPLE, signInAtBank } from './support/flows.js';
import { checkPage, type PageProblems } from './support/page-checks.js';
import { startWorld, type World } from './support/world.js';

// Issue 13 items 3 and 4: Back in the middle of the platform's hosted flow, Back and reload once it is
// finished, and reload of the emailed flow's short-code page, at 390 and 1280 px. Screenshots:
// test-artifacts/e2e-back-*.png and e2e-shown-code-*.png; the pages are also measured and checked with axe.

const SOFIA = { email: 'sofia.costa@example.com', password: 'demo-password-sofia' };

describe('Back and reload on the platform’s hosted pages (issue 13)', () => {
  let world: World;
  const problems: PageProblems = { overflow: [], axe: [] };
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  const heading = async (page: Page) => ((await page.locator('h1').textContent()) ?? '').trim();
  const at = async (width: number) => world.page({ viewport: { width, height: 800 } });

  /** Every platform response's status, so that no step of the walk is an error page. */
  const statuses = (page: Page) => {
    const seen: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(world.platform.url) && r.request().resourceType() === 'document')
        seen.push(r.status());
    });
    return seen;
  };

  // Ana's link ends refused at the bank (another date of birth, README), John's connected: the platform's
  // pages say the same either way, since she did allow access.
  for (const [width, name, person, atBank] of [
    [390, 'Ana Silva', PEOPLE.ana, 'Wise account not connected'],
    [1280, 'John Smith', PEOPLE.john, /^Hello, John/],
  ] as const) {
    test(`${name} at ${width} px: Back to the profile choice, Back to a done step, and Back after finishing`, async () => {
      world.advance(60); // a fresh TOTP step for John
      const page = await at(width);
      const seen = statuses(page);
      await signInAtBank(world, page, name);
      await connect(page);
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.getByLabel('Email address').fill(person.email);
      await page.getByLabel('Password').fill(person.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      if ('totpSecret' in person) {
        await page.getByRole('heading', { name: 'Enter your security code' }).waitFor();
        await page.getByLabel('Security code').fill(totpCode(person.totpSecret, world.platform.clock.now()));
        await page.getByRole('button', { name: 'Continue' }).click();
      }
      await page.getByRole('heading', { name: 'Choose a profile' }).waitFor();
      await page.getByRole('button', { name: 'Continue with this profile' }).click();
      await page.getByRole('button', { name: 'Allow' }).waitFor();
      assert.match(page.url(), /\/oauth\/interaction\/[^/]+\/consent$/, 'the consent step has its own URL');

      // Back from consent: the profile choice again, which may still change.
      await page.goBack();
      await page.getByRole('heading', { name: 'Choose a profile' }).waitFor();
      assert.match(page.url(), /\/profile$/);
      await world.shot(page, `back-${width}-1-profile-again`);
      await checkPage(page, `platform-back-profile-${width}`, problems);

      // Back once more: login (or the security code) is done; the page says so and leads on.
      await page.setViewportSize({ width, height: 800 });
      await page.goBack();
      assert.match(await heading(page), /^(You are already logged in|Your security code was accepted)$/);
      await world.shot(page, `back-${width}-2-step-done`);
      await checkPage(page, `platform-back-step-done-${width}`, problems);
      await page.setViewportSize({ width, height: 800 });
      await page.getByRole('link', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Allow' }).click();
      await backAtBank(world, page);
      await page.getByRole('heading', { name: atBank }).waitFor();

      // Back from the bank to the platform's last page, then reload: what was decided, and a way back.
      await page.goBack();
      await page.getByRole('heading', { name: 'You allowed Demo Bank to access your account' }).waitFor();
      await world.shot(page, `back-${width}-3-finished`);
      await page.reload();
      await page.getByRole('heading', { name: 'You allowed Demo Bank to access your account' }).waitFor();
      assert.match((await page.locator('main').textContent()) ?? '', /You can close this page/);
      await world.shot(page, `back-${width}-4-finished-reloaded`);
      await checkPage(page, `platform-finished-${width}`, problems);
      assert.deepEqual(
        seen.filter((s) => s >= 400),
        [],
        'no platform page of the walk was an error',
      );
      await page.getByRole('link', { name: 'back to Demo Bank' }).click();
      await page.waitForURL((url) => url.href.startsWith(world.partner.url));
      await page.context().close();
    });
  }

  test('the short-code page shows its code again on reload, in this browser only, until it is used', async () => {
    const bank = await world.page();
    await signInAtBank(world, bank, 'Sofia Costa');
    await connect(bank);
    await bank.getByRole('heading', { name: 'Enter your Wise code' }).waitFor();
    const response = await fetch(
      `${world.platform.url}/_sandbox/outbox?to=${encodeURIComponent(SOFIA.email)}`,
    );
    const mails = (await response.json()) as { links: string[] }[];
    const link = mails[0]!.links.find((l) => new URL(l).pathname.startsWith('/oauth/email-code/'))!;

    const mail = await at(390);
    await mail.goto(link);
    await mail.getByLabel('Password').fill(SOFIA.password);
    await mail.getByRole('button', { name: 'Log in' }).click();
    await mail.getByRole('button', { name: 'Continue with this profile' }).click();
    await mail.getByRole('button', { name: 'Allow' }).click();
    const title = mail.getByRole('heading', { name: 'Your code for Demo Bank' });
    await title.waitFor();
    const code = ((await mail.locator('.shown-code').textContent()) ?? '').trim();
    const codePage = mail.url();
    for (const width of [390, 1280]) {
      await mail.setViewportSize({ width, height: 800 });
      const reloaded = await mail.reload();
      assert.equal(reloaded?.status(), 200);
      await title.waitFor();
      assert.equal(((await mail.locator('.shown-code').textContent()) ?? '').trim(), code, 'the same code');
      await world.shot(mail, `shown-code-${width}-reloaded`);
    }
    await checkPage(mail, 'platform-shown-code-reloaded', problems);

    // Another browser with the page's address: the outcome, not the code.
    for (const width of [390, 1280]) {
      const other = await at(width);
      await other.goto(codePage);
      await other.getByRole('heading', { name: 'You allowed Demo Bank to access your account' }).waitFor();
      assert.doesNotMatch((await other.locator('main').textContent()) ?? '', new RegExp(code));
      await world.shot(other, `shown-code-${width}-other-browser`);
      await other.context().close();
    }

    await bank.getByLabel('Code from Wise').fill(code);
    await bank.getByRole('button', { name: 'Connect' }).click();
    await connectedAtBank(bank);
    await mail.reload();
    await mail.getByRole('heading', { name: 'You allowed Demo Bank to access your account' }).waitFor();
    assert.match((await mail.locator('main').textContent()) ?? '', /has been typed into Demo Bank's app/);
    await world.shot(mail, 'shown-code-1280-used');
    await mail.context().close();
    await bank.context().close();
    assert.deepEqual(problems, { overflow: [], axe: [] });
  });
});
