// The client's business-profile calls against the real platform, used as a partner uses them (contract §8):
// a business created on v2 (after the personal profile) and on v3 (with its representative), listed on v1
// and v2, updated, its directors and ultimate beneficial owners added, read and replaced; the legacy
// business create. Oracle: https://docs.wise.com/api-reference/profile ("Create a Business Profile",
// "Create/List/Update business directors", "… ultimate owners"),
// https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  type CreateBusinessProfileInput,
  type CreatePersonalProfileInput,
  type DirectorInput,
  generateRegistrationCode,
  isValidationError,
  isWiseApiError,
  type UboInput,
  type WiseClient,
} from '../src/index.js';
import { createBusinessRequest, directorsRequest, ubosUpdateRequest } from '../src/testing/wise-examples.js';
import { type ClientPlatform, startClientPlatform } from './support.js';

/**
 * Wise's example bodies (https://docs.wise.com/api-reference/profile: "Create a Business Profile", "Create
 * business directors", "Update business ultimate owners"), the same ones the client's unit tests send.
 */
const WISE_BUSINESS: CreateBusinessProfileInput = createBusinessRequest;
const DIRECTORS: DirectorInput[] = directorsRequest;
const UBOS: UboInput[] = ubosUpdateRequest;

const withoutIds = <T extends { id: unknown }>(list: T[]) => list.map(({ id: _, ...rest }) => rest);

/** A representative, Wise's example person with a first name of the test's own. */
function person(email: string, firstName: string): CreatePersonalProfileInput & { preferredName?: string } {
  return {
    firstName,
    lastName: 'Wilson',
    address: {
      addressFirstLine: '50 Sunflower Ave',
      city: 'Phoenix',
      countryIso3Code: 'usa',
      postCode: '10025',
      stateCode: 'AZ',
    },
    dateOfBirth: '1977-07-01',
    contactDetails: { email, phoneNumber: '+3725064992' },
  };
}

describe('client: business profiles against the platform', () => {
  let cp: ClientPlatform;
  let client: WiseClient;
  let n = 0;

  before(async () => {
    cp = await startClientPlatform('Business Bank');
    client = cp.client;
  });
  after(() => cp.platform.close());

  async function newUser() {
    const email = `business.user${++n}@example.com`;
    const registrationCode = generateRegistrationCode();
    assert.equal((await client.createUser({ email, registrationCode })).kind, 'created');
    const tokens = await client.tokensFromRegistrationCode({ email, registrationCode });
    return { email, token: tokens.accessToken };
  }

  test('v2 create after the personal profile: listed on v1 and v2; updated; the same key answers the same', async () => {
    const { email, token } = await newUser();
    const personal = await client.createPersonalProfile(token, person(email, 'Oliver'));
    const idempotencyKey = randomUUID();
    const created = await client.createBusinessProfile(token, WISE_BUSINESS, { idempotencyKey });
    assert.equal(typeof created.id, 'number');
    assert.equal(created['businessName'], 'ABC Logistics Ltd');
    cp.platform.clock.advance(30);
    assert.deepEqual(await client.createBusinessProfile(token, WISE_BUSINESS, { idempotencyKey }), created);

    const v2 = await client.listProfiles(token);
    assert.deepEqual(v2.map((p) => [p.id, p.type]).sort(), [
      [personal.id, 'PERSONAL'],
      [created.id, 'BUSINESS'],
    ]);
    const got = await client.getProfile(token, created.id);
    // Wise documents no create answer; the platform's is the profile object GET /v2/profiles/{id} serves.
    assert.deepEqual(got, created);
    // Times as Wise's profile examples give them: UTC to the second, no zone.
    assert.match(String(got.createdAt), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    assert.equal(got.type === 'BUSINESS' && got.businessName, 'ABC Logistics Ltd');
    assert.equal(got.type === 'BUSINESS' && got.webpage, 'https://abc-logistics.com');
    const v1 = await client.listLegacyProfiles(token);
    const legacy = v1.find((p) => p.id === created.id);
    assert.equal(legacy?.type, 'business');
    assert.equal(legacy?.details['name'], 'ABC Logistics Ltd');

    // Fields left out keep their values; the business name waits for the update window.
    const updated = await client.updateBusinessProfile(token, created.id, {
      businessFreeFormDescription: 'Freight and storage',
    });
    assert.equal(updated.id, created.id);
    assert.equal(updated['businessFreeFormDescription'], 'Freight and storage');
    assert.equal(updated['webpage'], 'https://abc-logistics.com');
    await assert.rejects(
      client.updateBusinessProfile(token, created.id, { businessName: 'XYZ Logistics Ltd' }),
      (e) => isWiseApiError(e, 409) && isValidationError(e, 'UPDATE_WINDOW_CLOSED', 'businessName'),
    );
    await client.openUpdateWindow(token, created.id);
    const renamed = await client.updateBusinessProfile(token, created.id, {
      businessName: 'XYZ Logistics Ltd',
    });
    assert.equal(renamed['businessName'], 'XYZ Logistics Ltd');
    await client.closeUpdateWindow(token, created.id);
  });

  test('ten parallel creates with one idempotency key: one business, the same answer to all', async () => {
    const { email, token } = await newUser();
    const personal = await client.createPersonalProfile(token, person(email, 'Ottilie'));
    const idempotencyKey = randomUUID();
    const input = { ...WISE_BUSINESS, businessName: 'Parallel Freight Ltd' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => client.createBusinessProfile(token, input, { idempotencyKey })),
    );
    assert.ok(answers.every((a) => JSON.stringify(a) === JSON.stringify(answers[0])));
    const ids = new Set((await client.listProfiles(token)).map((p) => p.id));
    assert.deepEqual(ids, new Set([personal.id, answers[0]?.id]));
  });

  test('v3 create with the representative: the person and the business in one call', async () => {
    const { email, token } = await newUser();
    const created = await client.createBusinessProfile(
      token,
      {
        ...WISE_BUSINESS,
        businessName: 'Wilson Freight Ltd',
        businessRepresentative: person(email, 'Olive'),
      },
      { version: 'v3' },
    );
    const profiles = await client.listProfiles(token);
    assert.deepEqual(profiles.map((p) => p.type).sort(), ['BUSINESS', 'PERSONAL']);
    const business = profiles.find((p) => p.id === created.id);
    assert.equal(business?.type === 'BUSINESS' && business.businessName, 'Wilson Freight Ltd');
    const representative = profiles.find((p) => p.type === 'PERSONAL');
    assert.equal(representative?.type === 'PERSONAL' && representative.firstName, 'Olive');

    // Without a personal profile, and without a representative, v2 is refused with a typed error.
    const lone = await newUser();
    await assert.rejects(
      client.createBusinessProfile(lone.token, WISE_BUSINESS),
      (e) => isWiseApiError(e, 422) && isValidationError(e, 'MISSING', 'businessRepresentative'),
    );
    assert.deepEqual(await client.listProfiles(lone.token), []);
    // The same business twice on one user is a 409 NOT_UNIQUE, whatever the idempotency key.
    await assert.rejects(
      client.createBusinessProfile(token, { ...WISE_BUSINESS, businessName: 'Wilson Freight Ltd' }),
      (e) => isWiseApiError(e, 409) && isValidationError(e, 'NOT_UNIQUE', 'businessName'),
    );
  });

  test('directors and UBOs: add, get, replace; Wise\u2019s bodies and ids', async () => {
    const { email, token } = await newUser();
    await client.createPersonalProfile(token, person(email, 'Otto'));
    const business = await client.createBusinessProfile(token, {
      ...WISE_BUSINESS,
      businessName: 'Otto Logistics Ltd',
    });

    const added = await client.addDirectors(token, business.id, DIRECTORS);
    assert.deepEqual(withoutIds(added), DIRECTORS);
    assert.ok(added.every((d) => Number.isInteger(d.id)));
    assert.deepEqual(await client.getDirectors(token, business.id), added);
    const replaced = await client.replaceDirectors(token, business.id, [DIRECTORS[1]!]);
    assert.deepEqual(withoutIds(replaced), [DIRECTORS[1]]);
    assert.deepEqual(await client.getDirectors(token, business.id), replaced);

    const owners = await client.addUbos(token, business.id, [UBOS[0]!]);
    assert.deepEqual(withoutIds(owners), [UBOS[0]]);
    assert.match(owners[0]!.id, /^[0-9a-f]{32}$/);
    const both = await client.addUbos(token, business.id, [UBOS[1]!]);
    assert.deepEqual(withoutIds(both), UBOS);
    assert.deepEqual(await client.getUbos(token, business.id), both);
    const johnAlone = { ...UBOS[0]!, ownershipPercentage: null };
    const ubosReplaced = await client.replaceUbos(token, business.id, [johnAlone]);
    assert.deepEqual(withoutIds(ubosReplaced), [johnAlone]);
    assert.deepEqual(await client.getUbos(token, business.id), ubosReplaced);

    // A bad director is a 422 at its index, and nothing is saved.
    await assert.rejects(
      client.addDirectors(token, business.id, [{ ...DIRECTORS[0]!, dateOfBirth: '1982-02-30' }]),
      (e) => isWiseApiError(e, 422) && isValidationError(e, 'ERROR', '[0].dateOfBirth'),
    );
    assert.deepEqual(await client.getDirectors(token, business.id), replaced);
    // Errors guide, "Create UBOs": a blank owner is a 400 BAD_REQUEST per missing field, parsed as errors[].
    await assert.rejects(client.addUbos(token, business.id, [{} as UboInput]), (e) => {
      assert.ok(isWiseApiError(e, 400), String(e));
      assert.ok(e.errors.length >= 4, e.body);
      assert.ok(e.errors.every((entry) => entry.code === 'BAD_REQUEST' && typeof entry.message === 'string'));
      return true;
    });
    assert.deepEqual(await client.getUbos(token, business.id), ubosReplaced);
    // Another user's business is not found.
    const stranger = await newUser();
    await assert.rejects(client.getDirectors(stranger.token, business.id), (e) => isWiseApiError(e, 404));
    await assert.rejects(client.getUbos(stranger.token, business.id), (e) => isWiseApiError(e, 404));
  });

  test('legacy business create: refused before the personal profile, then created and listed on v2', async () => {
    const { token } = await newUser();
    const details = {
      name: 'Legacy Logistics Ltd',
      registrationNumber: '12144940',
      companyType: 'LIMITED',
      companyRole: 'OWNER',
      descriptionOfBusiness: 'Information and communication',
      webpage: 'https://legacy-logistics.example',
    };
    // Legacy reference, "Create (Business)": "Business profile cannot be created without personal profile."
    await assert.rejects(
      client.createLegacyBusinessProfile(token, details),
      (e) => isWiseApiError(e, 422) && isValidationError(e, 'ERROR', 'type'),
    );
    await client.createLegacyPersonalProfile(token, {
      firstName: 'Leonard',
      lastName: 'Legacy',
      dateOfBirth: '1970-03-04',
      phoneNumber: '+447700900321',
    });
    const profile = await client.createLegacyBusinessProfile(token, details);
    assert.equal(profile.type, 'business');
    assert.equal(profile.details['name'], 'Legacy Logistics Ltd');
    const v2 = await client.getProfile(token, profile.id);
    assert.equal(v2.type === 'BUSINESS' && v2.businessName, 'Legacy Logistics Ltd');
    const directors = await client.addDirectors(token, profile.id, DIRECTORS);
    assert.deepEqual(withoutIds(directors), DIRECTORS);
  });

  // "Retrieve / Update the Business Representative", "Submit a new Business Representative"
  // (https://docs.wise.com/api-reference/profile): the representative is the user's personal profile.
  test('the business representative: read, update details, transfer; a personal id is a 404', async () => {
    const { email, token } = await newUser();
    const created = await client.createBusinessProfile(
      token,
      { ...WISE_BUSINESS, businessName: 'Rep Freight Ltd', businessRepresentative: person(email, 'Oriel') },
      { version: 'v3' },
    );
    const read = await client.getBusinessRepresentative(token, created.id);
    const personal = (await client.listProfiles(token)).find((p) => p.type === 'PERSONAL');
    assert.equal(read.businessRepresentativeId, personal?.id);
    assert.equal(read.firstName, 'Oriel');
    // Wise's "Example Request - Update Details".
    const contactDetails = { email: 'o.wilson@example.com', phoneNumber: '+3725064992' };
    const updated = await client.updateBusinessRepresentative(token, created.id, {
      updateContext: 'UPDATE_DETAILS',
      contactDetails,
    });
    assert.deepEqual(updated, { ...read, contactDetails });
    const next = { ...person('o.wilson@example.com', 'Orson'), preferredName: 'Olivia' };
    const transferred = await client.submitBusinessRepresentative(token, created.id, {
      ...next,
      contactDetails: { email: 'o.wilson@example.com', phoneNumber: '+3725064992' },
    });
    assert.deepEqual(transferred, { businessRepresentativeId: read.businessRepresentativeId, ...next });
    assert.deepEqual(await client.getBusinessRepresentative(token, created.id), transferred);
    await assert.rejects(client.getBusinessRepresentative(token, read.businessRepresentativeId), (e) =>
      isWiseApiError(e, 404),
    );
    await assert.rejects(
      client.updateBusinessRepresentative(token, created.id, {
        updateContext: 'UPDATE_DETAILS',
        firstName: 'Ada',
      }),
      (e) => isWiseApiError(e, 409) && isValidationError(e, 'UPDATE_WINDOW_CLOSED', 'firstName'),
    );
  });
});
