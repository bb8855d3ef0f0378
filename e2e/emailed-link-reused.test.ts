import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addEmailedCustomer, connect, connectedAtBank, mailedLink, signInAtBank } from './support/flows.js';
import { checkPage, type PageProblems } from './support/page-checks.js';
import { startWorld, type World } from './support/world.js';

const SOFIA = { email: 'sofia.costa@example.com', password: 'demo-password-sofia' };
// Made for this test: a customer the bank links by emailed code, who answers Deny.
const RITA = { email: 'rita.alves@example.com', password: 'demo-password-rita' };
const LINK_PATH = '/oauth/email-code/';
const PHONE = { viewport: { width: 390, height: 800 } };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** Logs in on the platform's page the emailed link led to, and goes on to the consent page. */
async function logInToConsent(page: Page, person: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const choose = page.getByRole('heading', { name: 'Choose a profile' });
  const allow = page.getByRole('button', { name: 'Allow' });
  await choose.or(allow).first().waitFor();
  if (await choose.isVisible())
    await page.getByRole('button', { name: 'Continue with this profile' }).click();
  await allow.waitFor();
}

/**
 * Issue 13, item 3: opening an emailed link again tells the truth. A flow left open goes on where it was;
 * after Allow the person reads that the bank was already allowed; after Deny that it was not given access.
 */
describe('an emailed link opened again says what happened (Chromium, 390 px and 1280 px)', () => {
  let world: World;
  const problems: PageProblems = { overflow: [], axe: [] };
  before(async () => {
    world = await startWorld();
    await addEmailedCustomer(world, {
      id: 'cus-rita',
      ...RITA,
      firstName: 'Rita',
      lastName: 'Alves',
      dateOfBirth: '1990-06-12',
      phoneNumber: '+351912345670',
      address: { firstLine: 'Rua Augusta 12', city: 'Lisboa' },
    });
  });
  after(async () => {
    await world?.close();
  });

  test('Sofia: the link again mid-flow resumes it; after Allow and the code typed, "You already allowed"', async () => {
    const bank = await world.page(DESKTOP);
    await signInAtBank(world, bank, 'Sofia Costa');
    await connect(bank);
    await bank.getByRole('heading', { name: 'Enter your Wise code' }).waitFor();
    const link = await mailedLink(world, SOFIA.email, LINK_PATH);

    // On her phone: the link, then (the mail app reopened) the same link again, before logging in.
    const phone = await world.page(PHONE);
    await phone.goto(link);
    await phone.getByRole('heading', { name: 'Log in' }).waitFor();
    await phone.goto(link);
    await phone.getByRole('heading', { name: 'Log in' }).waitFor();
    assert.equal(await phone.getByLabel('Email address').inputValue(), SOFIA.email, 'the same flow goes on');
    await world.shot(phone, 'email-link-again-resumes-390');
    await logInToConsent(phone, SOFIA);
    await phone.getByRole('button', { name: 'Allow' }).click();
    await phone.getByRole('heading', { name: 'Your code for Demo Bank' }).waitFor();
    const code = ((await phone.locator('.shown-code').textContent()) ?? '').trim();
    await bank.getByLabel('Code from Wise').fill(code);
    await bank.getByRole('button', { name: 'Connect' }).click();
    await connectedAtBank(bank);

    // The link once more, on the phone and on a desktop: the truth, and nothing more to do.
    for (const page of [phone, await world.page(DESKTOP)]) {
      await page.goto(link);
      assert.equal(await heading(page), 'You already allowed Demo Bank');
      const text = (await page.locator('main').textContent()) ?? '';
      assert.match(text, /There is nothing more to do here/);
      assert.doesNotMatch(text, /Nothing was shared/);
      assert.equal(await page.locator('form').count(), 0);
      await page.getByRole('link', { name: 'Connected apps' }).waitFor();
    }
    await checkPage(phone, 'email-link-again-allowed', problems);
    await phone.context().close();
    await bank.context().close();
  });

  test('Rita: Deny, then the link again says Demo Bank was not given access', async () => {
    const bank = await world.page(DESKTOP);
    await signInAtBank(world, bank, 'Rita Alves');
    await connect(bank);
    await bank.getByRole('heading', { name: 'Enter your Wise code' }).waitFor();
    const link = await mailedLink(world, RITA.email, LINK_PATH);
    const phone = await world.page(PHONE);
    await phone.goto(link);
    await logInToConsent(phone, RITA);
    await phone.getByRole('button', { name: 'Deny' }).click();
    await phone.getByRole('heading', { name: 'Demo Bank was not given access' }).waitFor();
    await phone.goto(link);
    assert.equal(await heading(phone), 'Demo Bank was not given access');
    assert.match((await phone.locator('main').textContent()) ?? '', /ask Demo Bank to send you a new email/);
    await checkPage(phone, 'email-link-again-denied', problems);
    await phone.context().close();
    await bank.context().close();
  });

  test('the pages fit 390 px and pass axe-core', () => {
    assert.deepEqual(problems, { overflow: [], axe: [] });
  });
});
