import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  backAtBank,
  connect,
  connectedAtBank,
  holdsTokens,
  PEOPLE,
  signInAtBank,
  throughPlatform,
  wiseCard,
} from './support/flows.js';
import { startWorld, type World } from './support/world.js';

describe('customers who already have an account link it through the redirect (contract §4, §10.2-§10.4)', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  const profileOf = async (email: string) => {
    const user = await world.platform.platform.stores.users.findByEmailKey(email);
    return (await world.platform.platform.stores.profiles.listByUser(user!.id))[0]!;
  };

  test('John denies access: the bank says so in plain words and holds nothing', async () => {
    const page = await world.page();
    await signInAtBank(world, page, 'John Smith');
    await connect(page);
    await throughPlatform(world, page, PEOPLE.john, 'Deny', 'deny');
    await backAtBank(world, page);
    await page.getByRole('heading', { name: 'Wise account not connected' }).waitFor();
    assert.match(
      (await page.getByRole('alert').textContent()) ?? '',
      /^You chose not to give us access to your Wise account\./,
    );
    await world.shot(page, 'deny-5-bank-says-why');
    assert.equal((await world.partner.partner.stores.links.get('cus-john'))?.state, 'link_failed');
    assert.equal(await holdsTokens(world, 'cus-john'), false);
    await page.context().close();
  });

  test('John links with his password and TOTP code and lands linked with his own profile', async () => {
    // A fresh security code: the platform refuses one used already (RFC 6238 replay protection).
    world.advance(60);
    const page = await world.page();
    await signInAtBank(world, page, 'John Smith');
    await world.shot(page, 'link-0-bank-account-existing-customer');
    await connect(page);
    assert.ok(page.url().startsWith(world.platform.url), 'the authorize page opens as a full page');
    await throughPlatform(world, page, PEOPLE.john, 'Allow', 'link');
    await backAtBank(world, page);
    await connectedAtBank(page);
    await world.shot(page, 'link-5-bank-connected');
    const profile = await profileOf('john.smith@example.com');
    assert.deepEqual(await wiseCard(page), {
      status: 'Connected',
      profileId: String(profile.id),
      name: 'John Smith',
    });
    await world.shot(page, 'link-6-bank-account-linked');
    const link = await world.partner.partner.stores.links.get('cus-john');
    assert.equal(link?.state, 'linked');
    assert.equal(link?.wiseProfileId, profile.id);
    assert.equal(await holdsTokens(world, 'cus-john'), true);
    await page.context().close();
  });

  test('Ana: a Wise profile born on another day is refused, and the bank keeps no token for her', async () => {
    const page = await world.page();
    await signInAtBank(world, page, 'Ana Silva');
    await connect(page);
    await throughPlatform(world, page, PEOPLE.ana, 'Allow', 'dob');
    await backAtBank(world, page);
    await page.getByRole('heading', { name: 'Wise account not connected' }).waitFor();
    assert.match(
      (await page.getByRole('alert').textContent()) ?? '',
      /its date of birth is not the one we hold/,
    );
    await world.shot(page, 'dob-5-bank-refuses');
    await page.getByRole('link', { name: 'Back to your account' }).click();
    assert.equal((await wiseCard(page)).status, 'Not connected: the Wise account is not yours');
    await world.shot(page, 'dob-6-bank-account-refused');
    const link = await world.partner.partner.stores.links.get('cus-ana');
    assert.equal(link?.state, 'refused_dob_mismatch');
    assert.equal(link?.wiseProfileId ?? null, null);
    assert.equal(await holdsTokens(world, 'cus-ana'), false);
    await page.context().close();
  });

  test("the admin page lists each customer's link state, and no secret", async () => {
    const page = await world.page();
    await page.goto(`${world.partner.url}/admin`);
    await page.getByRole('heading', { name: 'Customers and their Wise links' }).waitFor();
    const row = (email: string) => page.getByRole('row').filter({ hasText: email });
    assert.match((await row('john.smith@example.com').textContent()) ?? '', /linked/);
    assert.match((await row('ana.silva@example.com').textContent()) ?? '', /refused_dob_mismatch/);
    const { rows } = await world.partner.db.query<{ access_token: string }>(
      'select access_token from wise_tokens',
    );
    const html = await page.content();
    for (const r of rows) assert.ok(!html.includes(r.access_token), 'no sealed token on the page');
    await world.shot(page, 'admin');
    await page.context().close();
  });
});
