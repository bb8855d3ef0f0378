// The client's personal-profile calls against the real platform, used as a partner uses them (contract §8):
// a user created with a registration code gets a v2 personal profile, updates it around the update window,
// is verified by the sandbox simulation; the legacy bank flow (4-field POST /v1/profiles, then
// POST /v1/addresses); the user by id and its contact email; the typed 409 and 422 errors.
// Oracle: https://docs.wise.com/api-reference/profile, https://docs.wise.com/api-reference/address,
// https://docs.wise.com/api-reference/user, https://docs.wise.com/api-reference/simulation,
// https://docs.wise.com/guides/product/kyc/partner-kyc/updating-profiles.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { cpf } from '@account-access/platform/testing';
import {
  generateRegistrationCode,
  isValidationError,
  isWiseApiError,
  type WiseClient,
} from '../src/index.js';
import { brazilianCustomer, britishCustomer, type ClientPlatform, startClientPlatform } from './support.js';

describe('client: personal profiles against the platform', () => {
  let cp: ClientPlatform;
  let client: WiseClient;
  let n = 0;

  before(async () => {
    cp = await startClientPlatform('Profile Bank');
    client = cp.client;
  });
  after(() => cp.platform.close());

  /** A user this partner created with a registration code, and its tokens. */
  async function newUser(on: WiseClient = client) {
    const email = `profile.user${++n}@example.com`;
    const registrationCode = generateRegistrationCode();
    const created = await on.createUser({ email, registrationCode, language: 'EN' });
    assert.equal(created.kind, 'created');
    const tokens = await on.tokensFromRegistrationCode({ email, registrationCode });
    return { email, token: tokens.accessToken };
  }

  test('create (Wise answer) → list/get → update around the window → not verified → simulate → verified', async () => {
    const { email, token } = await newUser();
    const input = britishCustomer(email, 'Oliver');
    const created = await client.createPersonalProfile(token, input);
    // Wise's "Create a Personal Profile" Example Response: the request's fields under details, plus
    // localizedInformation; the address's stateCode, not sent for the UK, answered as null.
    assert.deepEqual(created, {
      id: created.id,
      type: 'personal',
      details: {
        ...input,
        address: { ...input.address, stateCode: null },
        localizedInformation: [],
      },
    });

    const listed = await client.listProfiles(token);
    assert.deepEqual(
      listed.map((p) => [p.id, p.type]),
      [[created.id, 'PERSONAL']],
    );
    const got = await client.getProfile(token, created.id);
    assert.equal(got.type, 'PERSONAL');
    assert.equal(got.type === 'PERSONAL' && got.firstName, 'Oliver');
    assert.equal(got.address?.countryIso3Code?.toLowerCase(), 'gbr');
    // The v2 address carries its id, which the address API reads (https://docs.wise.com/api-reference/address).
    const address = await client.getAddress(token, Number(got.address?.id));
    assert.deepEqual(
      [address.profile, address.details.firstLine, address.details.city, address.details.postCode],
      [created.id, '56 Shoreditch High St', 'London', 'E1 6JJ'],
    );

    // Contact details may change while the window is closed (updating-profiles guide).
    const { externalCustomerId: _x, ...update } = input;
    const contact = { email, phoneNumber: '+447700900999' };
    const contactOnly = await client.updatePersonalProfile(token, created.id, {
      ...update,
      contactDetails: contact,
    });
    assert.equal(contactOnly.id, created.id);
    assert.deepEqual((contactOnly['details'] as { contactDetails: unknown }).contactDetails, contact);

    // An identity field is refused while the window is closed: 409 with UPDATE_WINDOW_CLOSED on its path.
    await assert.rejects(
      client.updatePersonalProfile(token, created.id, { ...update, lastName: 'Wilde' }),
      (e) => {
        assert.ok(isWiseApiError(e, 409), String(e));
        assert.ok(isValidationError(e, 'UPDATE_WINDOW_CLOSED', 'lastName'), JSON.stringify(e.errors));
        return true;
      },
    );
    await client.openUpdateWindow(token, created.id);
    const renamed = await client.updatePersonalProfile(token, created.id, { ...update, lastName: 'Wilde' });
    assert.equal((renamed['details'] as { lastName: string }).lastName, 'Wilde');
    await client.closeUpdateWindow(token, created.id);
    await assert.rejects(
      client.updatePersonalProfile(token, created.id, { ...update, lastName: 'Again' }),
      (e) => isWiseApiError(e, 409) && isValidationError(e, 'UPDATE_WINDOW_CLOSED', 'lastName'),
    );
    const read = await client.getProfile(token, created.id);
    assert.equal(read.type === 'PERSONAL' && read.lastName, 'Wilde');

    // A new profile starts not verified (profile-creation guide); the sandbox simulation verifies it.
    const currencies = ['GBP', 'USD', 'EUR'];
    const before = await client.bankTransferVerificationStatus(token, created.id, currencies);
    assert.deepEqual(
      before.routes.map((r) => [r.source_currency, r.current_status]),
      currencies.map((c) => [c, 'not_verified']),
    );
    assert.match(before.request_id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await client.simulateProfileVerification(token, created.id);
    const after = await client.bankTransferVerificationStatus(token, created.id, currencies);
    assert.deepEqual(
      after.routes.map((r) => [r.source_currency, r.current_status]),
      currencies.map((c) => [c, 'verified']),
    );
    // Verifying again changes nothing and still answers 200 with no content.
    await client.simulateProfileVerification(token, created.id);
  });

  test('simulation with the application token, and verify-profile for all of a user', async () => {
    const { email, token } = await newUser();
    const first = await client.createPersonalProfile(token, britishCustomer(email, 'Edith'));
    await client.simulateProfileVerification(null, first.id);
    const status = await client.bankTransferVerificationStatus(token, first.id, ['GBP']);
    assert.equal(status.routes[0]?.current_status, 'verified');

    const other = await newUser();
    const second = await client.createPersonalProfile(other.token, britishCustomer(other.email, 'Ethel'));
    await client.simulateUserVerification(other.token);
    const verified = await client.bankTransferVerificationStatus(other.token, second.id, ['EUR']);
    assert.equal(verified.routes[0]?.current_status, 'verified');
    // Another partner's token does not reach the profile.
    const rival = await cp.newClient('Rival Verifier');
    await assert.rejects(rival.simulateProfileVerification(null, second.id), (e) => isWiseApiError(e, 404));
  });

  test('a Brazilian customer: the simulation waits for an accepted CPF, then verifies (Brazil guide)', async () => {
    const { email, token } = await newUser();
    // Sandbox bureau (contract "Verification"): a CPF starting 6-9 passes for Test User born 2000-01-01.
    const profile = await client.createPersonalProfile(token, {
      ...brazilianCustomer(email),
      firstName: 'Test',
      lastName: 'User',
      dateOfBirth: '2000-01-01',
    });
    await assert.rejects(
      client.simulateProfileVerification(token, profile.id),
      (e) => isWiseApiError(e, 422) && isValidationError(e, 'ERROR', 'profileId'),
    );
    const document = { type: 'CPF_CNPJ' as const, firstName: 'Test', lastName: 'User' };
    assert.deepEqual(
      await client.createVerificationDocument(token, profile.id, {
        ...document,
        uniqueIdentifier: cpf('712345670'),
      }),
      { kind: 'accepted' },
    );
    const brl = await client.bankTransferVerificationStatus(token, profile.id, ['BRL']);
    assert.equal(brl.routes[0]?.current_status, 'not_verified');
    // Ten simulations at once: each answers 200 with no content (the client reads none) and none fails.
    await Promise.all(
      Array.from({ length: 10 }, () => client.simulateProfileVerification(token, profile.id)),
    );
    const verified = await client.bankTransferVerificationStatus(token, profile.id, ['BRL']);
    assert.deepEqual(verified.routes, [
      {
        source_currency: 'BRL',
        maximum_entitled_amount: verified.routes[0]?.maximum_entitled_amount,
        current_status: 'verified',
      },
    ]);
  });

  test('legacy bank flow: 4-field POST /v1/profiles → POST /v1/addresses → list; the profile shows it', async () => {
    const { token } = await newUser();
    // Wise's bank-flow body: four fields, no address.
    const profile = await client.createLegacyPersonalProfile(token, {
      firstName: 'Grace',
      lastName: 'Hopper',
      dateOfBirth: '1986-12-09',
      phoneNumber: '+447700900456',
    });
    assert.equal(profile.type, 'personal');
    assert.equal(profile.details.firstName, 'Grace');
    assert.equal(profile.details.dateOfBirth, '1986-12-09');

    const details = { country: 'GB', firstLine: '1 Lovelace Row', postCode: 'N1 1AA', city: 'London' };
    const address = await client.createAddress(token, { profile: profile.id, details });
    assert.equal(address.profile, profile.id);
    assert.equal(typeof address.id, 'number');
    assert.equal(address.details.firstLine, '1 Lovelace Row');
    assert.equal(address.details.country, 'GB');
    assert.equal(address.details.city, 'London');

    const listed = await client.listAddresses(token, profile.id);
    assert.deepEqual(
      listed.map((a) => [a.id, a.profile, a.details.firstLine]),
      [[address.id, profile.id, '1 Lovelace Row']],
    );
    assert.deepEqual(await client.getAddress(token, address.id), address);

    // The address API page: the profile's primaryAddress is the address's id, on v1 and in /v1/me.
    const legacy = await client.listLegacyProfiles(token);
    assert.deepEqual(
      legacy.map((p) => [p.id, p.type, p.details['primaryAddress']]),
      [[profile.id, 'personal', address.id]],
    );
    assert.equal((await client.me(token)).details?.primaryAddress, address.id);
    const v2 = await client.getProfile(token, profile.id);
    assert.equal(v2.address?.id, address.id);
    assert.equal(v2.address?.addressFirstLine, '1 Lovelace Row');
    assert.equal(v2.address?.city, 'London');
    assert.equal(v2.address?.postCode, 'N1 1AA');
  });

  test('getUser is the user of me; the contact email is set and read back', async () => {
    const { email, token } = await newUser();
    const me = await client.me(token);
    const user = await client.getUser(token, me.id);
    assert.deepEqual(user, me);
    assert.equal(user.email, email);

    // Before any PUT there is no contact email to give: a typed 404 (the platform's choice; Wise documents
    // only the answer after a PUT).
    await assert.rejects(client.getContactEmail(token, me.id), (e) => isValidationError(e, 'NOT_FOUND'));
    assert.equal(
      await client.setContactEmail(token, me.id, 'notify.me@example.com'),
      'notify.me@example.com',
    );
    assert.equal(await client.getContactEmail(token, me.id), 'notify.me@example.com');
    // Another user's id is not this token's.
    const stranger = await newUser();
    const strangerId = (await client.me(stranger.token)).id;
    await assert.rejects(client.getUser(token, strangerId), (e) => isWiseApiError(e) && e.status >= 400);
    await assert.rejects(client.setContactEmail(token, me.id, 'not an email'), (e) => isWiseApiError(e, 422));
  });

  test('the same person on a second account is a typed 409; a bad body is a 422 with errors[] parsed', async () => {
    const a = await newUser();
    await client.createPersonalProfile(a.token, britishCustomer(a.email, 'Samuel'));
    const b = await newUser();
    await assert.rejects(client.createPersonalProfile(b.token, britishCustomer(b.email, 'Samuel')), (e) => {
      assert.ok(isWiseApiError(e, 409), String(e));
      // Profile-creation guide, "Handling duplicate Wise accounts": a 409 (contract §8 gives its body).
      assert.ok(isValidationError(e, 'NOT_UNIQUE', 'person'), e.body);
      assert.deepEqual(e.errors[0]?.arguments, ['firstName', 'lastName', 'dateOfBirth']);
      return true;
    });
    assert.deepEqual(await client.listProfiles(b.token), []);
    // A second personal profile for a user who has one, under a new idempotency key: a typed 409 too.
    await assert.rejects(
      client.createPersonalProfile(a.token, britishCustomer(a.email, 'Samson'), {
        idempotencyKey: randomUUID(),
      }),
      (e) => isWiseApiError(e, 409) && isValidationError(e, 'NOT_UNIQUE', 'type'),
    );

    const input = britishCustomer(b.email, 'Ursula');
    await assert.rejects(
      client.createPersonalProfile(b.token, {
        ...input,
        firstName: '',
        dateOfBirth: '2023-02-29',
      }),
      (e) => {
        assert.ok(isWiseApiError(e, 422), String(e));
        assert.equal(e.family, 'validation');
        assert.ok(isValidationError(e, 'MISSING', 'firstName'), JSON.stringify(e.errors));
        assert.ok(isValidationError(e, 'ERROR', 'dateOfBirth'), JSON.stringify(e.errors));
        for (const entry of e.errors) {
          assert.equal(typeof entry.code, 'string');
          assert.equal(typeof entry.message, 'string');
          assert.ok(Array.isArray(entry.arguments), JSON.stringify(entry));
        }
        return true;
      },
    );
    await assert.rejects(
      client.createLegacyPersonalProfile(b.token, {
        firstName: 'Ursula',
        lastName: '',
        dateOfBirth: '1980-01-01',
        phoneNumber: '+447700900000',
      }),
      (e) => isWiseApiError(e, 422) && isValidationError(e, undefined, 'lastName'),
    );
    // Nothing was created by the failures.
    assert.deepEqual(await client.listProfiles(b.token), []);
  });
});
