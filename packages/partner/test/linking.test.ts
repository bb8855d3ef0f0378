import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { testPartner } from '../src/testing/index.js';
import { FakeWise } from './support/fake-wise.js';

type P = Awaited<ReturnType<typeof testPartner>>;

describe('linking: the state parameter and the callback (contract §4, §10.3-§10.6)', () => {
  let wise: FakeWise;
  let p: P;
  beforeEach(async () => {
    wise = new FakeWise();
    p = await testPartner({ client: wise.client });
    wise.now = () => p.now().getTime();
    wise.existing('john.smith@example.com', '1985-07-14');
    wise.existing('ana.silva@example.com', '1990-02-28');
  });
  afterEach(() => p.close());

  /** Starts linking for a customer in a session; returns the authorize URL's parameters. */
  async function start(customerId: string, session: string) {
    const outcome = await p.onboarding.connect(customerId, session);
    assert.equal(outcome.kind, 'redirect');
    return new URL((outcome as { authorizeUrl: string }).authorizeUrl).searchParams;
  }

  /** The callback the platform would send after the person granted access. */
  function granted(email: string, authorize: URLSearchParams) {
    const { code, profileId } = wise.issueCode(email, authorize.get('code_challenge') ?? undefined);
    return new URLSearchParams({ code, profileId: String(profileId), state: authorize.get('state')! });
  }

  const state = async (id: string) => (await p.stores.links.get(id))?.state;

  test('the right state from the right session links, with the PKCE verifier of the challenge', async () => {
    const authorize = await start('cus-john', 'session-a');
    const outcome = await p.onboarding.callback('session-a', granted('john.smith@example.com', authorize));
    assert.deepEqual(outcome, { kind: 'linked' });
    assert.equal(await state('cus-john'), 'linked');
    const exchange = wise.lastRequests['exchangeCode'] as { redirectUri: string; codeVerifier: string };
    assert.equal(exchange.redirectUri, 'https://bank.example/callback');
    const challenge = createHash('sha256').update(exchange.codeVerifier).digest('base64url');
    assert.equal(challenge, authorize.get('code_challenge'));
    assert.ok(await p.stores.tokens.get('cus-john'));
  });

  test('a missing state is refused before anything is exchanged', async () => {
    const authorize = await start('cus-john', 'session-a');
    const callback = granted('john.smith@example.com', authorize);
    callback.delete('state');
    const outcome = await p.onboarding.callback('session-a', callback);
    assert.equal(outcome.kind, 'state_refused');
    assert.equal((outcome as any).reason, 'missing');
    assert.equal(wise.calls['exchangeCode'], undefined);
  });

  test('a forged state is refused as unknown', async () => {
    const authorize = await start('cus-john', 'session-a');
    const callback = granted('john.smith@example.com', authorize);
    callback.set('state', 'A'.repeat(43));
    const outcome = await p.onboarding.callback('session-a', callback);
    assert.equal((outcome as any).reason, 'unknown');
    assert.equal(wise.calls['exchangeCode'], undefined);
  });

  test('a replayed state is never exchanged again: its own session sees the link, any other is refused', async () => {
    const authorize = await start('cus-john', 'session-a');
    const callback = granted('john.smith@example.com', authorize);
    assert.deepEqual(await p.onboarding.callback('session-a', callback), { kind: 'linked' });
    // Issue 13 item 2: a reload in the session that finished shows where it ended.
    assert.deepEqual(await p.onboarding.callback('session-a', callback), { kind: 'linked' });
    assert.equal(((await p.onboarding.callback('session-b', callback)) as any).reason, 'reused');
    assert.equal(wise.calls['exchangeCode'], 1);
  });

  test('a replayed state of a link that did not finish is refused as reused', async () => {
    const ana = await start('cus-ana', 'session-a');
    const callback = granted('ana.silva@example.com', ana);
    assert.equal((await p.onboarding.callback('session-a', callback)).kind, 'failed');
    assert.equal(((await p.onboarding.callback('session-a', callback)) as any).reason, 'reused');
    assert.equal(wise.calls['exchangeCode'], 1);
  });

  test('concurrent callbacks with one state: exactly one is exchanged, none links twice', async () => {
    const authorize = await start('cus-john', 'session-a');
    const callback = granted('john.smith@example.com', authorize);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => p.onboarding.callback('session-a', callback)),
    );
    assert.equal(wise.calls['exchangeCode'], 1);
    // The others are replays in the same session: told it is connected, busy, or (before the first has
    // claimed the row) refused; never a second exchange.
    for (const r of results) assert.ok(['linked', 'busy', 'state_refused'].includes(r.kind), r.kind);
    assert.ok(results.some((r) => r.kind === 'linked'));
    assert.equal(await state('cus-john'), 'linked');
  });

  test('a state older than ten minutes is refused as expired (fake clock)', async () => {
    const authorize = await start('cus-john', 'session-a');
    const callback = granted('john.smith@example.com', authorize);
    p.clock.advance(599);
    const other = await start('cus-john', 'session-a');
    p.clock.advance(2);
    assert.equal(((await p.onboarding.callback('session-a', callback)) as any).reason, 'expired');
    assert.equal(wise.calls['exchangeCode'], undefined);
    // The attempt started later is still within its ten minutes.
    assert.deepEqual(await p.onboarding.callback('session-a', granted('john.smith@example.com', other)), {
      kind: 'linked',
    });
  });

  test('a state from another browser session is refused, and stays usable by its own session', async () => {
    const authorize = await start('cus-john', 'session-a');
    const callback = granted('john.smith@example.com', authorize);
    assert.equal(((await p.onboarding.callback('session-b', callback)) as any).reason, 'other_session');
    assert.equal(wise.calls['exchangeCode'], undefined);
    assert.deepEqual(await p.onboarding.callback('session-a', callback), { kind: 'linked' });
  });

  test('error and error_description are shown in plain words; the customer may start again', async () => {
    const authorize = await start('cus-john', 'session-a');
    const callback = new URLSearchParams({
      error: 'access_denied',
      error_description: 'The user denied access',
      state: authorize.get('state')!,
    });
    const outcome = await p.onboarding.callback('session-a', callback);
    assert.equal(outcome.kind, 'failed');
    assert.match((outcome as any).message, /You chose not to give us access.*The user denied access/);
    assert.equal(await state('cus-john'), 'link_failed');
    assert.equal(wise.calls['exchangeCode'], undefined);
    assert.equal((await p.onboarding.connect('cus-john', 'session-a')).kind, 'redirect');
  });

  test('a personal profile with another date of birth is not linked; its tokens are revoked, never stored', async () => {
    const authorize = await start('cus-ana', 'session-a');
    const outcome = await p.onboarding.callback('session-a', granted('ana.silva@example.com', authorize));
    assert.equal(outcome.kind, 'failed');
    assert.equal((outcome as any).state, 'refused_dob_mismatch');
    assert.match((outcome as any).message, /date of birth is not the one we hold/);
    assert.equal(await state('cus-ana'), 'refused_dob_mismatch');
    assert.equal(await p.stores.tokens.get('cus-ana'), null);
    assert.equal(wise.revoked.length, 1);
    const { rowCount } = await p.db.query('select 1 from wise_tokens');
    assert.equal(rowCount, 0);
  });

  test('an expired or used code at the exchange fails the link with plain words', async () => {
    const authorize = await start('cus-john', 'session-a');
    const callback = new URLSearchParams({ code: 'NOPE', profileId: '1', state: authorize.get('state')! });
    const outcome = await p.onboarding.callback('session-a', callback);
    assert.equal((outcome as any).state, 'link_failed');
    assert.match((outcome as any).message, /expired or was already used/);
  });

  test('a business profile cannot prove the same person: not linked, tokens discarded', async () => {
    wise.users.delete('john.smith@example.com');
    wise.existingBusiness('john.smith@example.com');
    const authorize = await start('cus-john', 'session-a');
    const outcome = await p.onboarding.callback('session-a', granted('john.smith@example.com', authorize));
    assert.equal((outcome as any).state, 'link_failed');
    assert.match((outcome as any).message, /choose your personal Wise profile/);
    assert.equal(await p.stores.tokens.get('cus-john'), null);
    assert.equal(wise.revoked.length, 1);
  });

  test('the emailed code gets the same date-of-birth check', async () => {
    await p.db.query("update customers set link_method = 'email' where id = 'cus-ana'");
    assert.deepEqual(await p.onboarding.connect('cus-ana', 'session-a'), { kind: 'enter_code' });
    const { code } = wise.issueCode('ana.silva@example.com');
    const outcome = await p.onboarding.submitEmailCode('cus-ana', code);
    assert.equal((outcome as any).state, 'refused_dob_mismatch');
    assert.equal(await p.stores.tokens.get('cus-ana'), null);
  });

  test('connecting again while a callback is being exchanged is told to wait, not raced', async () => {
    await start('cus-john', 'session-a');
    const held = await p.stores.links.claim('cus-john', ['linking'], p.now());
    assert.ok(held);
    assert.deepEqual(await p.onboarding.connect('cus-john', 'session-a'), { kind: 'busy', state: 'linking' });
  });
});
