import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  addEmailedCustomer,
  connect,
  connectedAtBank,
  holdsTokens,
  mailedLink,
  signInAtBank,
  wiseCard,
} from './support/flows.js';
import { startWorld, type World } from './support/world.js';

const SOFIA = { email: 'sofia.costa@example.com', password: 'demo-password-sofia' };
// Made for this test: the bank chose the emailed code for her, and her Wise profile has another birthday.
const MARTA = { email: 'marta.lima@example.com', password: 'demo-password-marta' };

/**
 * Opens the emailed link in its own browser context (as from the person's mail app), logs in, picks the
 * profile, allows, and returns the short code the platform shows.
 */
async function codeFromMail(
  world: World,
  person: { email: string; password: string },
  prefix: string,
): Promise<string> {
  const mail = await world.page();
  await mail.goto(await mailedLink(world, person.email, '/oauth/email-code/'));
  await mail.getByRole('heading', { name: 'Log in' }).waitFor();
  assert.equal(await mail.getByLabel('Email address').inputValue(), person.email, 'the email is filled in');
  await world.shot(mail, `${prefix}-2-platform-login`);
  await mail.getByLabel('Password').fill(person.password);
  await mail.getByRole('button', { name: 'Log in' }).click();
  const choose = mail.getByRole('heading', { name: 'Choose a profile' });
  const allow = mail.getByRole('button', { name: 'Allow' });
  await choose.or(allow).first().waitFor();
  if (await choose.isVisible()) {
    await world.shot(mail, `${prefix}-3-platform-profile`);
    await mail.getByRole('button', { name: 'Continue with this profile' }).click();
  }
  await allow.waitFor();
  await world.shot(mail, `${prefix}-4-platform-consent`);
  await allow.click();
  await mail.getByRole('heading', { name: 'Your code for Demo Bank' }).waitFor();
  await world.shot(mail, `${prefix}-5-platform-code`);
  const code = ((await mail.locator('.shown-code').textContent()) ?? '').trim();
  assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await mail.context().close();
  return code;
}

/** Types `code` on the bank's "Enter your Wise code" page and submits it. */
async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Code from Wise').fill(code);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.waitForLoadState('load');
}

describe('customers the bank links by emailed code (contract §6, §10.2-§10.4)', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
    await addEmailedCustomer(world, {
      id: 'cus-marta',
      ...MARTA,
      firstName: 'Marta',
      lastName: 'Lima',
      dateOfBirth: '1988-04-03',
      bankDateOfBirth: '1988-04-04',
      phoneNumber: '+351913456789',
      address: { firstLine: 'Rua do Carmo 7', city: 'Porto' },
    });
  });
  after(async () => {
    await world?.close();
  });

  const profileOf = async (email: string) => {
    const user = await world.platform.platform.stores.users.findByEmailKey(email);
    return (await world.platform.platform.stores.profiles.listByUser(user!.id))[0]!;
  };

  let sofiasCode = '';

  test('Sofia: Connect, the emailed link, the shown code typed at the bank in lower case, and linked', async () => {
    const page = await world.page();
    await signInAtBank(world, page, 'Sofia Costa');
    await connect(page);
    await page.getByRole('heading', { name: 'Enter your Wise code' }).waitFor();
    await world.shot(page, 'email-1-bank-enter-code');

    sofiasCode = await codeFromMail(world, SOFIA, 'email');
    // With the dash and in lower case: the bank (and the platform, contract §6) accept both.
    await typeCode(page, sofiasCode.toLowerCase());
    await connectedAtBank(page);
    await world.shot(page, 'email-6-bank-connected');
    const profile = await profileOf(SOFIA.email);
    assert.deepEqual(await wiseCard(page), {
      status: 'Connected',
      profileId: String(profile.id),
      name: 'Sofia Costa',
    });
    await world.shot(page, 'email-7-bank-account-linked');
    const link = await world.partner.partner.stores.links.get('cus-sofia');
    assert.equal(link?.state, 'linked');
    assert.equal(link?.linkMethod, 'email');
    assert.equal(link?.wiseProfileId, profile.id);
    assert.equal(await holdsTokens(world, 'cus-sofia'), true);

    // The same code again: the bank refuses it plainly and the link stays as it was.
    await page.goto(`${world.partner.url}/wise/code`);
    await typeCode(page, sofiasCode);
    assert.match(
      (await page.getByRole('alert').textContent()) ?? '',
      /already connected/,
      'a second use is refused with a clear message',
    );
    await world.shot(page, 'email-8-bank-code-used-again');
    assert.equal((await world.partner.partner.stores.links.get('cus-sofia'))?.wiseProfileId, profile.id);
    await page.context().close();
  });

  test("Marta: a wrong code and Sofia's used code are refused without linking; her own code meets another birthday", async () => {
    const page = await world.page();
    await signInAtBank(world, page, 'Marta Lima');
    await connect(page);
    await page.getByRole('heading', { name: 'Enter your Wise code' }).waitFor();

    await typeCode(page, 'ABCD-EFGH');
    await page.getByRole('heading', { name: 'Enter your Wise code' }).waitFor();
    assert.match(
      (await page.getByRole('alert').getByRole('link').textContent()) ?? '',
      /^That code did not work/,
    );
    await world.shot(page, 'email-marta-1-wrong-code');

    // Sofia's code was used already (and is not Marta's): the platform refuses it, the bank says so.
    await typeCode(page, sofiasCode);
    assert.match(
      (await page.getByRole('alert').getByRole('link').textContent()) ?? '',
      /^That code did not work/,
    );
    assert.equal((await world.partner.partner.stores.links.get('cus-marta'))?.state, 'linking');
    assert.equal(await holdsTokens(world, 'cus-marta'), false);

    const code = await codeFromMail(world, MARTA, 'email-marta');
    await typeCode(page, code);
    await page.getByRole('heading', { name: 'Wise account not connected' }).waitFor();
    assert.match(
      (await page.getByRole('alert').textContent()) ?? '',
      /its date of birth is not the one we hold/,
    );
    await world.shot(page, 'email-marta-6-bank-refuses');
    const link = await world.partner.partner.stores.links.get('cus-marta');
    assert.equal(link?.state, 'refused_dob_mismatch');
    assert.equal(link?.wiseProfileId ?? null, null);
    assert.equal(await holdsTokens(world, 'cus-marta'), false);
    await page.context().close();
  });
});
