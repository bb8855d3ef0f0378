import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, connectedAtBank, signInAtBank, wiseCard } from './support/flows.js';
import { startWorld, type World } from './support/world.js';

describe('new customers: the bank opens their Wise account (contract §2, §3, §8, §9)', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  /** The platform's view of a person: their user, profiles and verification documents. */
  async function onPlatform(email: string) {
    const { rows: users } = await world.platform.db.query<{
      id: number;
      created_by_client_id: string | null;
    }>('select id, created_by_client_id from users where email = $1', [email]);
    const user = users[0];
    if (!user) return null;
    const profiles = await world.platform.platform.stores.profiles.listByUser(user.id);
    const { rows: documents } = await world.platform.db.query<{
      type: string;
      identifier_last_digits: string;
    }>(
      `select d.type, d.identifier_last_digits from verification_documents d
         join profiles p on p.id = d.profile_id where p.user_id = $1`,
      [user.id],
    );
    return { user, profiles, documents };
  }

  test('Amelia (UK, no Wise account): one click creates the account and its personal profile', async () => {
    assert.equal(await onPlatform('amelia.hughes@example.com'), null, 'she has no account before');
    const page = await world.page();
    await page.goto(world.partner.url);
    await world.shot(page, 'onboarding-0-bank-sign-in');
    await signInAtBank(world, page, 'Amelia Hughes');
    const terms = page.getByRole('link', { name: 'Wise terms and conditions' });
    assert.match((await terms.getAttribute('href')) ?? '', new RegExp(`^${world.platform.url}/`));
    await world.shot(page, 'onboarding-1-account-new-customer');
    await connect(page);
    await connectedAtBank(page);
    await world.shot(page, 'onboarding-2-connected');
    await world.shot(page, 'onboarding-3-account-linked');

    const wise = await onPlatform('amelia.hughes@example.com');
    assert.ok(wise, 'the account exists on the platform');
    assert.deepEqual(await wiseCard(page), {
      status: 'Connected',
      profileId: String(wise.profiles[0]?.id),
      name: 'Amelia Hughes',
    });
    assert.equal(wise.user.created_by_client_id, 'demo-bank');
    assert.equal(wise.profiles.length, 1);
    assert.equal(wise.profiles[0]!.type, 'PERSONAL');
    assert.equal(wise.profiles[0]!.dateOfBirth, '1991-04-12');
    assert.equal(wise.documents.length, 0, 'no document for a UK customer');
    const link = await world.partner.partner.stores.links.get('cus-amelia');
    assert.equal(link?.state, 'linked');
    assert.equal(link?.wiseProfileId, wise.profiles[0]!.id);
    await page.context().close();
  });

  test('Test User (Brazil): the account, the personal profile and the CPF reach the platform', async () => {
    const page = await world.page();
    await signInAtBank(world, page, 'Test User');
    await connect(page);
    await connectedAtBank(page);
    await world.shot(page, 'onboarding-4-account-linked-brazil');

    const wise = await onPlatform('joao.pereira@example.com');
    assert.ok(wise);
    assert.equal((await wiseCard(page)).status, 'Connected');
    assert.equal(wise.profiles.length, 1);
    assert.equal(wise.profiles[0]!.dateOfBirth, '2000-01-01');
    assert.equal(wise.documents.length, 1);
    assert.equal(wise.documents[0]!.type, 'CPF_CNPJ');
    const digits = wise.documents[0]!.identifier_last_digits.replace(/\D/g, '');
    assert.ok(digits.length > 0 && '72841596346'.endsWith(digits), 'his CPF, kept as its last digits');
    assert.equal((await world.partner.partner.stores.links.get('cus-joao'))?.state, 'linked');
    await page.context().close();
  });
});
