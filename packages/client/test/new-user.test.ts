// The client's new-user calls against the real platform (contract §2, §3, §7, §8, §9): a user created with a
// registration code gets a personal profile (idempotently), a CPF, a claim-account code, and a terms link.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { cpf } from '@account-access/platform/testing';
import {
  dateOfBirthMatches,
  generateRegistrationCode,
  isValidationError,
  isWiseApiError,
  type WiseClient,
} from '../src/index.js';
import { brazilianCustomer, type ClientPlatform, REDIRECT, startClientPlatform } from './support.js';

describe('client: a new user against the platform', () => {
  let cp: ClientPlatform;
  let client: WiseClient;
  let n = 0;

  before(async () => {
    cp = await startClientPlatform('Banco Exemplo');
    client = cp.client;
  });
  after(() => cp.platform.close());

  /** A user this partner created, with its registration-code tokens. */
  async function newUser() {
    const email = `new.user${++n}@example.com`;
    const registrationCode = generateRegistrationCode();
    const created = await client.createUser({ email, registrationCode, language: 'PT' });
    assert.equal(created.kind, 'created');
    const tokens = await client.tokensFromRegistrationCode({ email, registrationCode });
    return { email, registrationCode, tokens };
  }

  test('me: details are null until the personal profile exists, then filled from it', async () => {
    const { email, tokens } = await newUser();
    const before = await client.me(tokens.accessToken);
    assert.equal(before.email, email);
    assert.equal(before.details, null);
    assert.equal(before.name, null);
    assert.deepEqual(await client.listProfiles(tokens.accessToken), []);

    const profile = await client.createPersonalProfile(tokens.accessToken, brazilianCustomer(email));
    // Wise's documented create answer (https://docs.wise.com/api-reference/profile): details nested.
    assert.equal(profile.type, 'personal');
    assert.equal(profile.details.firstName, 'Ana');
    assert.equal(profile.details.dateOfBirth, '1990-05-17');
    assert.equal(profile.details.address?.countryIso3Code?.toUpperCase(), 'BRA');
    assert.deepEqual(profile.details.localizedInformation, []);

    const after = await client.me(tokens.accessToken);
    assert.equal(after.id, before.id);
    assert.equal(after.details?.firstName, 'Ana');
    assert.equal(after.details?.lastName, 'Souza');
    assert.ok(dateOfBirthMatches(after, '1990-05-17'));
    assert.equal(after.name, 'Ana Souza');

    // The registration-code grant covers the profiles the partner created (§5).
    assert.deepEqual(
      (await client.listProfiles(tokens.accessToken)).map((p) => p.id),
      [profile.id],
    );
    assert.equal((await client.getProfile(tokens.accessToken, profile.id)).id, profile.id);
    const legacy = await client.listLegacyProfiles(tokens.accessToken);
    assert.deepEqual(
      legacy.map((p) => [p.type, p.id, p.details.dateOfBirth]),
      [['personal', profile.id, '1990-05-17']],
    );
  });

  test('createPersonalProfile: the same idempotency key returns the same profile; a new one is a 409', async () => {
    const { email, tokens } = await newUser();
    const idempotencyKey = randomUUID();
    const first = await client.createPersonalProfile(tokens.accessToken, brazilianCustomer(email, 'Bia'), {
      idempotencyKey,
    });
    cp.platform.clock.advance(60);
    const replay = await client.createPersonalProfile(tokens.accessToken, brazilianCustomer(email, 'Bia'), {
      idempotencyKey,
    });
    assert.deepEqual(replay, first);
    await assert.rejects(
      client.createPersonalProfile(tokens.accessToken, brazilianCustomer(email, 'Bia'), {
        idempotencyKey: randomUUID(),
      }),
      (e) => isWiseApiError(e, 409),
    );
    // The same key with another body is refused rather than answered with the first profile.
    await assert.rejects(
      client.createPersonalProfile(
        tokens.accessToken,
        { ...brazilianCustomer(email, 'Bia'), firstName: 'Outra' },
        { idempotencyKey },
      ),
      (e) => isWiseApiError(e, 422) && isValidationError(e, 'IDEMPOTENCY_KEY_REUSED'),
    );
  });

  test('createPersonalProfile: validation errors are typed by code and path', async () => {
    const { email, tokens } = await newUser();
    const valid = brazilianCustomer(email, 'Carla');
    const rejects = (input: typeof valid, code: string, path: string) =>
      assert.rejects(client.createPersonalProfile(tokens.accessToken, input), (e) => {
        assert.ok(isWiseApiError(e, 422), String(e));
        assert.equal(e.family, 'validation');
        assert.ok(isValidationError(e, code, path), JSON.stringify(e.errors));
        return true;
      });
    await rejects({ ...valid, firstName: '' }, 'MISSING', 'firstName');
    await rejects({ ...valid, lastName: 'x'.repeat(31) }, 'ERROR', 'lastName');
    await rejects({ ...valid, dateOfBirth: '2023-02-29' }, 'ERROR', 'dateOfBirth');
    await rejects(
      { ...valid, address: { ...valid.address, stateCode: undefined } },
      'MISSING',
      'address.stateCode',
    );
    await rejects(
      { ...valid, contactDetails: { email, phoneNumber: '11987654321' } },
      'ERROR',
      'contactDetails.phoneNumber',
    );
    // Nothing was created by the failures: a valid request still succeeds.
    assert.equal((await client.createPersonalProfile(tokens.accessToken, valid)).type, 'personal');
  });

  test('createVerificationDocument: a valid CPF accepted, a bureau failure returned, bad digits typed', async () => {
    const { email, tokens } = await newUser();
    // Contract §9 sandbox bureau (Wise's Brazil guide): a valid CPF starting 2 fails with DOB_MISMATCH; one
    // starting 6-9 passes for a profile named Test User, born 2000-01-01.
    const profile = await client.createPersonalProfile(tokens.accessToken, {
      ...brazilianCustomer(email),
      firstName: 'Test',
      lastName: 'User',
      dateOfBirth: '2000-01-01',
    });
    const document = { type: 'CPF_CNPJ' as const, firstName: 'Test', lastName: 'User' };

    const rejected = await client.createVerificationDocument(tokens.accessToken, profile.id, {
      ...document,
      uniqueIdentifier: cpf('212345678'),
    });
    assert.deepEqual(rejected, { kind: 'rejected', errorMessage: 'DOB_MISMATCH', status: 422 });

    const good = cpf('712345678');
    const formatted = `${good.slice(0, 3)}.${good.slice(3, 6)}.${good.slice(6, 9)}-${good.slice(9)}`;
    assert.deepEqual(
      await client.createVerificationDocument(tokens.accessToken, profile.id, {
        ...document,
        uniqueIdentifier: formatted,
        issuerCountry: 'BR',
      }),
      { kind: 'accepted' },
    );

    const badDigits = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}`;
    await assert.rejects(
      client.createVerificationDocument(tokens.accessToken, profile.id, {
        ...document,
        uniqueIdentifier: badDigits,
      }),
      (e) => isWiseApiError(e, 422) && isValidationError(e, undefined, 'uniqueIdentifier'),
    );
    // A profile the token was not granted is not found.
    await assert.rejects(
      client.createVerificationDocument(tokens.accessToken, profile.id + 1000, {
        ...document,
        uniqueIdentifier: cpf('812345678'),
      }),
      (e) => isWiseApiError(e, 404),
    );
  });

  test('createClaimAccountCode: a code for the authorize URL; a wrong registration code is typed', async () => {
    const { tokens, registrationCode } = await newUser();
    const claimAccountCode = await client.createClaimAccountCode(tokens.accessToken, registrationCode);
    assert.ok(claimAccountCode.length >= 32);
    const url = new URL(client.authorizeUrl({ redirectUri: REDIRECT, state: 'st', claimAccountCode }));
    assert.equal(url.searchParams.get('claim_account_code'), claimAccountCode);
    assert.notEqual(
      await client.createClaimAccountCode(tokens.accessToken, registrationCode),
      claimAccountCode,
    );

    await assert.rejects(
      client.createClaimAccountCode(tokens.accessToken, generateRegistrationCode()),
      (e) => isWiseApiError(e, 422) && isValidationError(e, 'ERROR', 'registrationCode'),
    );
    const client2 = await cp.newClient('Rival Bank');
    const rivalToken = (await client2.clientCredentialsToken()).accessToken;
    await assert.rejects(client.createClaimAccountCode(rivalToken, registrationCode), (e) =>
      isWiseApiError(e, 403),
    );
  });

  test('termsUrl and fetchTerms: the partner terms and the general terms; an unknown id is a typed 404', async () => {
    assert.equal(client.termsUrl(), `${cp.platform.url}/v1/terms/${encodeURIComponent(client.clientId)}`);
    const own = await client.fetchTerms();
    assert.match(own, /^<!doctype html>/);
    assert.ok(own.includes('Banco Exemplo'), 'the partner is named');
    const general = await client.fetchTerms('default');
    assert.ok(!general.includes('Banco Exemplo'));
    // The URL is what a browser opens: it serves the same page.
    const res = await fetch(client.termsUrl());
    assert.equal(res.status, 200);
    assert.equal(await res.text(), own);
    await assert.rejects(client.fetchTerms('no-such-client'), (e) =>
      isValidationError(e, 'NOT_FOUND', 'clientId'),
    );
  });
});
