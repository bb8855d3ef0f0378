import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { askForEmailedCode } from '../emailed/helpers.js';
import {
  ARTIFACTS,
  bearer,
  get,
  launchChromium,
  PERSONAL,
  saveScreenshot,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';
import { linkedPartner } from '../webhooks/support.js';

describe('the sandbox inspector in a real browser (issue 11)', () => {
  let p: TestPlatform;
  let browser: Browser;

  before(async () => {
    p = await startTestPlatform({ settings: { sandbox: true } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
  });

  const shot = (page: Page, name: string) => saveScreenshot(page, `${ARTIFACTS}platform-${name}.png`);

  test('shows a linked customer’s grant; Revoke on the page ends its token; the outbox link opens the emailed-code flow', async () => {
    const bank = await linkedPartner(p, 'Inspector Bank');
    const [grant] = (await get(`${p.url}/_sandbox/grants?userId=${bank.userId}`)).body.grants;
    const person = { email: 'browsing.inspector@example.com', password: 'an inspected passphrase' };
    await seedPerson(p, { ...person, profiles: [{ ...PERSONAL }] });
    const client = await p.addClient({ name: 'Mail Bank', redirectUris: ['https://bank.example/callback'] });
    const link = await askForEmailedCode(p, client, person.email);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${p.url}/`);
    await page.getByRole('link', { name: 'The inspector' }).click();
    await page.getByRole('heading', { name: 'Sandbox inspector' }).waitFor();
    const row = page.locator(`tr[data-grant="${grant.id}"]`);
    assert.equal(await row.count(), 1, 'the grant is listed by its id');
    assert.match((await row.textContent()) ?? '', /Inspector|registration_code/);
    await shot(page, '60-inspector-1280');

    await page.getByRole('button', { name: `Revoke grant ${grant.id}` }).click();
    await page.getByRole('status').filter({ hasText: 'The grant is revoked' }).waitFor();
    assert.equal(await page.locator(`tr[data-grant="${grant.id}"]`).count(), 0);
    assert.equal((await get(`${p.url}/v1/me`, bearer(bank.userToken))).status, 401);

    const mail = page.locator('article.mail').filter({ hasText: person.email });
    await mail.getByRole('link', { name: `${p.url}${link}` }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    assert.equal(await page.getByLabel('Email address').inputValue(), person.email, 'the emailed flow');
    await shot(page, '61-inspector-mail-link-opened');
    await context.close();
  });

  test('usable at 390 px: nothing wider than the screen, every section reachable', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${p.url}/_sandbox`);
    await page.getByRole('heading', { name: 'Sandbox inspector' }).waitFor();
    // A string, run in the page: the test's own TypeScript has no DOM types.
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 390, `the page is ${width} px wide`);
    await page.getByRole('link', { name: 'Outbox' }).click();
    assert.ok(await page.getByRole('heading', { name: 'Outbox' }).isVisible());
    await shot(page, '62-inspector-390');
    await page.goto(`${p.url}/`);
    await shot(page, '63-landing-390');
    await context.close();
  });
});
