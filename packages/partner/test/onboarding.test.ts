import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { testPartner } from '../src/testing/index.js';
import { FakeWise, gate } from './support/fake-wise.js';

type P = Awaited<ReturnType<typeof testPartner>>;

describe('onboarding state machine (contract §10.1, §10.2, §10.7)', () => {
  let wise: FakeWise;
  let p: P;
  beforeEach(async () => {
    wise = new FakeWise();
    p = await testPartner({ client: wise.client });
    wise.now = () => p.now().getTime();
  });
  afterEach(() => p.close());

  const state = async (id: string) => (await p.stores.links.get(id))?.state;

  test('a new UK customer: user, tokens, personal profile from the bank record, linked', async () => {
    const outcome = await p.onboarding.connect('cus-amelia', 'session');
    assert.deepEqual(outcome, { kind: 'linked' });
    assert.equal(await state('cus-amelia'), 'linked');
    const created = wise.lastRequests['createUser'] as {
      email: string;
      registrationCode: string;
      language: string;
    };
    assert.equal(created.email, 'amelia.hughes@example.com');
    assert.match(created.registrationCode, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(created.language, 'EN');
    const profile = wise.lastRequests['createPersonalProfile'] as { input: any; idempotencyKey: string };
    assert.equal(profile.input.dateOfBirth, '1991-04-12');
    assert.equal(profile.input.address.countryIso3Code, 'GBR');
    assert.equal(profile.input.externalCustomerId, 'cus-amelia');
    assert.match(profile.idempotencyKey, /^[0-9a-f-]{36}$/);
    assert.equal(wise.calls['createVerificationDocument'], undefined, 'no CPF outside Brazil');
    assert.ok(await p.stores.tokens.get('cus-amelia'), 'tokens stored');
    const link = await p.stores.links.get('cus-amelia');
    const stored = p.vault.decrypt('cus-amelia', 'registration_code', link!.registrationCode!);
    assert.equal(stored, created.registrationCode, 'the code is kept, sealed, for recovery');
    assert.equal(link!.signupEmail, 'amelia.hughes@example.com');
  });

  test('a Brazilian customer: the CPF goes in as a CPF_CNPJ document', async () => {
    assert.deepEqual(await p.onboarding.connect('cus-joao', 'session'), { kind: 'linked' });
    const doc = wise.lastRequests['createVerificationDocument'] as { profileId: number; document: any };
    assert.equal(doc.document.type, 'CPF_CNPJ');
    assert.equal(doc.document.uniqueIdentifier, '728.415.963-46');
    const link = await p.stores.links.get('cus-joao');
    assert.equal(doc.profileId, link!.wiseProfileId);
    assert.equal((wise.lastRequests['createUser'] as any).language, 'PT');
  });

  test('a CPF the bureau rejects stops at document_rejected, with the reason in plain words', async () => {
    wise.cpfResult = 'NAME_MISMATCH';
    const outcome = await p.onboarding.connect('cus-joao', 'session');
    assert.equal(outcome.kind, 'failed');
    assert.equal(await state('cus-joao'), 'document_rejected');
    assert.match((outcome as any).message, /CPF \(NAME_MISMATCH\)/);
    assert.equal((await p.onboarding.connect('cus-joao', 'session')).kind, 'failed', 'and stays there');
    assert.equal(wise.calls['createVerificationDocument'], 1);
  });

  test('a double click creates one user: the second request finds the step taken', async () => {
    const held = gate();
    const entered = gate();
    wise.hooks['createUser'] = async () => {
      entered.open();
      await held.opened;
    };
    const first = p.onboarding.connect('cus-amelia', 'session');
    await entered.opened;
    const second = await p.onboarding.connect('cus-amelia', 'session');
    assert.deepEqual(second, { kind: 'busy', state: 'signing_up' });
    held.open();
    assert.deepEqual(await first, { kind: 'linked' });
    assert.equal(wise.calls['createUser'], 1);
    assert.equal(wise.users.size, 1);
  });

  test('ten concurrent connects still make one user and one profile', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => p.onboarding.connect('cus-amelia', 's')),
    );
    assert.ok(results.some((r) => r.kind === 'linked'));
    assert.ok(results.every((r) => r.kind === 'linked' || r.kind === 'busy'));
    assert.equal(wise.calls['createUser'], 1);
    assert.equal(wise.calls['createPersonalProfile'], 1);
  });

  test('a crash after Wise created the user resumes: the 409 is recognised as our own user', async () => {
    wise.hooks['createUserAfter'] = () => {
      throw new Error('the process died before recording the answer');
    };
    const crashed = await p.onboarding.connect('cus-amelia', 'session');
    assert.equal(crashed.kind, 'failed');
    assert.equal(await state('cus-amelia'), 'signing_up');
    delete wise.hooks['createUserAfter'];
    assert.deepEqual(await p.onboarding.connect('cus-amelia', 'session'), { kind: 'linked' });
    assert.equal(wise.users.size, 1, 'one user, not two');
    assert.equal(wise.calls['createUser'], 2);
  });

  test('a step whose process died holds its lease until it runs out, then resumes', async () => {
    await p.stores.links.transition('cus-amelia', 'none', 'signing_up', null, p.now(), {
      signupEmail: 'amelia.hughes@example.com',
      registrationCode: p.vault.encrypt('cus-amelia', 'registration_code', 'c'.repeat(43)),
    });
    const dead = await p.stores.links.claim('cus-amelia', ['signing_up'], p.now());
    assert.ok(dead);
    assert.deepEqual(await p.onboarding.connect('cus-amelia', 's'), { kind: 'busy', state: 'signing_up' });
    assert.equal(wise.calls['createUser'], undefined);
    p.clock.advance(61);
    assert.deepEqual(await p.onboarding.connect('cus-amelia', 's'), { kind: 'linked' });
    assert.equal(
      await p.stores.links.transition('cus-amelia', 'signing_up', 'signed_up', dead, p.now()),
      false,
      'the dead step can no longer move the row',
    );
  });

  test('a 409 switches to linking: an authorize URL with a state and a PKCE challenge', async () => {
    wise.existing('john.smith@example.com', '1985-07-14');
    const outcome = await p.onboarding.connect('cus-john', 'session');
    assert.equal(outcome.kind, 'redirect');
    const url = new URL((outcome as any).authorizeUrl);
    assert.equal(url.origin + url.pathname, 'https://wise.test/oauth/authorize');
    assert.equal(url.searchParams.get('client_id'), 'test-bank');
    assert.equal(url.searchParams.get('redirect_uri'), 'https://bank.example/callback');
    assert.match(url.searchParams.get('state')!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    const link = await p.stores.links.get('cus-john');
    assert.equal(link!.state, 'linking');
    assert.equal(link!.registrationCode, null, 'a code that opens nothing is not kept');
    assert.equal(await p.stores.tokens.get('cus-john'), null);
  });

  test('the emailed-code flow where the bank chose it (contract §6)', async () => {
    wise.existing('sofia.costa@example.com', '1993-11-30');
    const outcome = await p.onboarding.connect('cus-sofia', 'session');
    assert.deepEqual(outcome, { kind: 'enter_code' });
    assert.equal((wise.lastRequests['createUser'] as any).sendAuthorizationCodeAsEmail, true);
    assert.equal(await state('cus-sofia'), 'linking');
    const wrong = await p.onboarding.submitEmailCode('cus-sofia', 'ABCD-EFGH');
    assert.equal(wrong.kind, 'enter_code');
    assert.match((wrong as any).message, /did not work/);
    assert.equal(await state('cus-sofia'), 'linking', 'a wrong code may be typed again');
    const { code } = wise.issueCode('sofia.costa@example.com');
    assert.deepEqual(
      await p.onboarding.submitEmailCode('cus-sofia', ` ${code.slice(0, 4)}-${code.slice(4)} `),
      {
        kind: 'linked',
      },
    );
    assert.equal((wise.lastRequests['exchangeCode'] as any).redirectUri, undefined);
  });

  test('guarded transitions: a row not in the expected state does not move, a bad move throws', async () => {
    assert.equal(
      await p.stores.links.transition('cus-amelia', 'signing_up', 'signed_up', null, p.now()),
      false,
    );
    assert.equal(await state('cus-amelia'), 'none');
    await assert.rejects(
      p.stores.links.transition('cus-amelia', 'none', 'linked', null, p.now()),
      /no transition/,
    );
  });
});
