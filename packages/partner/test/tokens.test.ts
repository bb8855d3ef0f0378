import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { isRelinkRequired } from '@account-access/client';
import { testPartner } from '../src/testing/index.js';
import { FakeWise, gate } from './support/fake-wise.js';

type P = Awaited<ReturnType<typeof testPartner>>;

describe('the central token store (contract §5, §10.8)', () => {
  let wise: FakeWise;
  let p: P;
  beforeEach(async () => {
    wise = new FakeWise();
    p = await testPartner({ client: wise.client });
    wise.now = () => p.now().getTime();
  });
  afterEach(() => p.close());

  test('ten concurrent callers with an expiring token cause exactly one refresh', async () => {
    await p.onboarding.connect('cus-amelia', 's');
    const before = await p.stores.tokens.get('cus-amelia');
    p.clock.advance(12 * 3600 - 60); // inside the five-minute refresh-ahead window
    const held = gate();
    wise.hooks['refresh'] = () => held.opened;
    const calls = Array.from({ length: 10 }, () => p.tokens.getAccessToken('cus-amelia'));
    held.open();
    const results = await Promise.all(calls);
    assert.equal(wise.calls['refresh'], 1);
    assert.equal(new Set(results).size, 1, 'everyone gets the one new token');
    assert.notEqual(results[0], before!.accessToken);
    assert.equal((await p.stores.tokens.get('cus-amelia'))!.accessToken, results[0], 'stored');
  });

  test('a token far from expiry is served from the store without a refresh', async () => {
    await p.onboarding.connect('cus-amelia', 's');
    const stored = await p.stores.tokens.get('cus-amelia');
    assert.equal(await p.tokens.getAccessToken('cus-amelia'), stored!.accessToken);
    assert.equal(wise.calls['refresh'], undefined);
  });

  test('a rejected refresh is recovered from the registration code of a customer the bank created', async () => {
    await p.onboarding.connect('cus-amelia', 's');
    const issued = wise.calls['tokensFromRegistrationCode'];
    wise.refreshFails = true;
    const token = await p.tokens.getAccessToken('cus-amelia', { forceRefresh: true });
    assert.equal(wise.calls['tokensFromRegistrationCode'], (issued ?? 0) + 1);
    assert.equal((await p.stores.tokens.get('cus-amelia'))!.accessToken, token);
    assert.equal((await p.stores.links.get('cus-amelia'))!.state, 'linked');
  });

  test('when the registration code is rejected too (reclaimed), the customer must link again', async () => {
    await p.onboarding.connect('cus-amelia', 's');
    wise.refreshFails = true;
    wise.registrationFails = true;
    await assert.rejects(p.tokens.getAccessToken('cus-amelia', { forceRefresh: true }), isRelinkRequired);
    assert.equal(await p.stores.tokens.get('cus-amelia'), null);
    const link = await p.stores.links.get('cus-amelia');
    assert.equal(link!.state, 'relink_required');
    assert.match(link!.lastError!, /Connect it again/);
    wise.existing('amelia.hughes@example.com', '1991-04-12');
    assert.equal((await p.onboarding.connect('cus-amelia', 's')).kind, 'redirect', 'and is sent to link');
  });

  test('a linked (not created) customer has no registration code: a dead refresh means linking again', async () => {
    wise.existing('john.smith@example.com', '1985-07-14');
    const outcome = await p.onboarding.connect('cus-john', 'sess');
    const authorize = new URL((outcome as any).authorizeUrl).searchParams;
    const { code, profileId } = wise.issueCode('john.smith@example.com');
    await p.onboarding.callback(
      'sess',
      new URLSearchParams({ code, profileId: String(profileId), state: authorize.get('state')! }),
    );
    assert.equal((await p.stores.links.get('cus-john'))!.state, 'linked');
    wise.refreshFails = true;
    const before = wise.calls['tokensFromRegistrationCode'];
    await assert.rejects(p.tokens.getAccessToken('cus-john', { forceRefresh: true }), isRelinkRequired);
    assert.equal(wise.calls['tokensFromRegistrationCode'], before, 'no code to try');
    assert.equal((await p.stores.links.get('cus-john'))!.state, 'relink_required');
  });
});
