import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { WiseApiError, WiseNetworkError } from '@account-access/client';
import { testPartner } from '../src/testing/index.js';
import { FakeWise } from './support/fake-wise.js';

type P = Awaited<ReturnType<typeof testPartner>>;

/** Disconnect (issue 12): revoke at the platform, then `linked → disconnected`, tokens and code forgotten. */
describe('onboarding: Disconnect', () => {
  let wise: FakeWise;
  let p: P;
  beforeEach(async () => {
    wise = new FakeWise();
    p = await testPartner({ client: wise.client });
    wise.now = () => p.now().getTime();
    assert.deepEqual(await p.onboarding.connect('cus-amelia', 'session'), { kind: 'linked' });
  });
  afterEach(() => p.close());

  const link = (id = 'cus-amelia') => p.stores.links.get(id);

  test('revokes the stored tokens at the platform, then forgets them and the registration code', async () => {
    const held = await p.stores.tokens.get('cus-amelia');
    assert.ok(held);
    assert.deepEqual(await p.onboarding.disconnect('cus-amelia'), {
      kind: 'disconnected',
      revocation: 'revoked',
    });
    assert.deepEqual(wise.revoked, [{ token: held.refreshToken, tokenTypeHint: 'refresh_token' }]);
    const after = await link();
    assert.equal(after?.state, 'disconnected');
    assert.equal(after?.registrationCode, null, 'no code left that could mint new tokens');
    assert.equal(after?.lastError, null);
    assert.equal(await p.stores.tokens.get('cus-amelia'), null);
  });

  test('a second Disconnect says it is done and revokes nothing more', async () => {
    await p.onboarding.disconnect('cus-amelia');
    assert.deepEqual(await p.onboarding.disconnect('cus-amelia'), {
      kind: 'disconnected',
      revocation: 'nothing_held',
    });
    assert.equal(wise.calls['revoke'], 1);
  });

  test('ten Disconnects at once: one revocation, and every answer is disconnected or busy', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => p.onboarding.disconnect('cus-amelia')),
    );
    assert.equal(wise.calls['revoke'], 1);
    for (const outcome of outcomes) assert.ok(['disconnected', 'busy'].includes(outcome.kind), outcome.kind);
    assert.equal((await link())?.state, 'disconnected');
    assert.equal(await p.stores.tokens.get('cus-amelia'), null);
  });

  test('when the platform cannot be reached, nothing changes and the customer may try again', async () => {
    wise.hooks['revoke'] = () => {
      throw new WiseNetworkError('POST /oauth/revoke', { cause: new Error('ECONNREFUSED') });
    };
    const outcome = await p.onboarding.disconnect('cus-amelia');
    assert.equal(outcome.kind, 'failed');
    assert.match((outcome as { message: string }).message, /could not reach Wise/);
    assert.equal((await link())?.state, 'linked');
    assert.ok(await p.stores.tokens.get('cus-amelia'), 'the tokens stay, for the retry');
    delete wise.hooks['revoke'];
    assert.equal(
      (await p.onboarding.disconnect('cus-amelia')).kind,
      'disconnected',
      'the lease was given back',
    );
  });

  test('a platform without revocation (Wise answers 404) still disconnects: the tokens are discarded', async () => {
    wise.hooks['revoke'] = () => {
      throw new WiseApiError({ endpoint: 'POST /oauth/revoke', status: 404, body: '' });
    };
    assert.deepEqual(await p.onboarding.disconnect('cus-amelia'), {
      kind: 'disconnected',
      revocation: 'unsupported',
    });
    assert.equal(await p.stores.tokens.get('cus-amelia'), null);
  });

  test('a customer who is not linked has nothing to disconnect', async () => {
    const outcome = await p.onboarding.disconnect('cus-john');
    assert.equal(outcome.kind, 'failed');
    assert.match((outcome as { message: string }).message, /not connected/);
    assert.equal(wise.calls['revoke'], undefined);
  });

  test('after Disconnect, Connect starts linking again (the redirect flow)', async () => {
    await p.onboarding.disconnect('cus-amelia');
    const outcome = await p.onboarding.connect('cus-amelia', 'session');
    assert.equal(outcome.kind, 'redirect');
    assert.equal((await link())?.state, 'linking');
  });
});
