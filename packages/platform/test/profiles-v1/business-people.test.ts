import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  codes,
  getAs,
  LEGACY_BUSINESS,
  legacyPersonal,
  type Partner,
  type PartnerUser,
  postJson,
  putJson,
  signUp,
} from './support.js';

/**
 * Directors and UBOs of a business profile (contract §8). Oracle: https://docs.wise.com/api-reference/profile
 * ("Create/List/Update business directors", "… ultimate owners": request and response bodies) and
 * https://docs.wise.com/guides/developer/errors, "Create UBOs" (the 400 form).
 */
const DIRECTORS = [
  { firstName: 'John', lastName: 'Doe', dateOfBirth: '1982-05-20', countryOfResidenceIso3Code: 'usa' },
  { firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1981-12-07', countryOfResidenceIso3Code: 'usa' },
];
const UBOS = [
  {
    name: 'John Doe',
    dateOfBirth: '1982-05-20',
    countryOfResidenceIso3Code: 'usa',
    addressFirstLine: '123 Fake St',
    postCode: 'FK 12345',
    ownershipPercentage: 30,
  },
  {
    name: 'Jane Doe',
    dateOfBirth: '1981-12-07',
    countryOfResidenceIso3Code: 'usa',
    addressFirstLine: '125 Fake St',
    postCode: 'FK 12545',
    ownershipPercentage: 70,
  },
];

const [JOHN, JANE] = UBOS as [(typeof UBOS)[0] & object, (typeof UBOS)[1] & object];

describe('directors and UBOs of business profiles (contract §8)', () => {
  let p: TestPlatform;
  let partner: Partner;
  let user: PartnerUser;
  let personalId: number;
  let businessId: number;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    user = await signUp(p, partner);
    personalId = (await postJson(`${p.url}/v1/profiles`, legacyPersonal(), bearer(user.token))).body.id;
    businessId = (await postJson(`${p.url}/v1/profiles`, LEGACY_BUSINESS, bearer(user.token))).body.id;
  });
  after(() => p.close());

  const url = (id: number | string, kind: string) => `${p.url}/v1/profiles/${id}/${kind}`;
  const withoutIds = (list: { id: unknown }[]) => list.map(({ id: _, ...rest }) => rest);

  test('directors: POST adds and answers the whole list, GET lists, PUT replaces (Wise\u2019s bodies)', async () => {
    const added = await postJson(url(businessId, 'directors'), DIRECTORS, bearer(user.token));
    assert.equal(added.status, 200, added.text);
    // "List business directors for a profile", example response: integer ids, the fields as sent.
    assert.deepEqual(withoutIds(added.body), DIRECTORS);
    assert.ok(added.body.every((d: { id: unknown }) => Number.isInteger(d.id)));
    assert.deepEqual((await getAs(p, user.token, `/v1/profiles/${businessId}/directors`)).body, added.body);
    const oliver = {
      firstName: 'Oliver',
      lastName: 'Wilson',
      dateOfBirth: '1977-07-01',
      countryOfResidenceIso3Code: 'GBR',
    };
    const more = await postJson(url(businessId, 'directors'), [oliver], bearer(user.token));
    assert.deepEqual(withoutIds(more.body), [...DIRECTORS, { ...oliver, countryOfResidenceIso3Code: 'gbr' }]);
    const replaced = await putJson(url(businessId, 'directors'), DIRECTORS, bearer(user.token));
    assert.equal(replaced.status, 200);
    // "Update business directors for a profile": the new list, with new ids.
    assert.deepEqual(withoutIds(replaced.body), DIRECTORS);
    assert.ok(
      !replaced.body.some((d: { id: number }) => more.body.some((m: { id: number }) => m.id === d.id)),
    );
  });

  test('UBOs: Wise\u2019s bodies, 32-hex ids, a null ownershipPercentage', async () => {
    const added = await postJson(url(businessId, 'ubos'), [JOHN], bearer(user.token));
    assert.equal(added.status, 200, added.text);
    // "Create a business ultimate owner for a profile", example response.
    assert.deepEqual(added.body, [{ id: added.body[0].id, ...JOHN }]);
    assert.match(String(added.body[0]?.id), /^[0-9a-f]{32}$/);
    const second = await postJson(url(businessId, 'ubos'), [JANE], bearer(user.token));
    assert.deepEqual(withoutIds(second.body), UBOS);
    assert.deepEqual((await getAs(p, user.token, `/v1/profiles/${businessId}/ubos`)).body, second.body);
    const replaced = await putJson(
      url(businessId, 'ubos'),
      [{ ...JOHN, ownershipPercentage: null }],
      bearer(user.token),
    );
    assert.deepEqual(withoutIds(replaced.body), [{ ...JOHN, ownershipPercentage: null }]);
  });

  test('a personal profile: directors 422, UBOs 400; another user\u2019s business: 404', async () => {
    const directors = await postJson(url(personalId, 'directors'), DIRECTORS, bearer(user.token));
    assert.equal(directors.status, 422);
    assert.deepEqual(codes(directors), ['profileId:ERROR']);
    const ubos = await getAs(p, user.token, `/v1/profiles/${personalId}/ubos`);
    assert.equal(ubos.status, 400);
    assert.equal(ubos.body.errors[0].code, 'BAD_REQUEST');
    const other = await signUp(p, partner);
    for (const kind of ['directors', 'ubos']) {
      assert.equal((await getAs(p, other.token, `/v1/profiles/${businessId}/${kind}`)).status, 404);
      assert.equal((await putJson(url(businessId, kind), [], bearer(other.token))).status, 404);
      assert.equal((await getAs(p, user.token, `/v1/profiles/abc/${kind}`)).status, 404);
    }
  });

  test('bad directors: 422 at [i].field; bad UBOs: Wise\u2019s 400 BAD_REQUEST form; nothing saved', async () => {
    const before = (await getAs(p, user.token, `/v1/profiles/${businessId}/directors`)).body;
    const res = await postJson(
      url(businessId, 'directors'),
      [{ firstName: 'John', dateOfBirth: '1982-02-30', countryOfResidenceIso3Code: 'xyz' }, 7],
      bearer(user.token),
    );
    assert.equal(res.status, 422);
    assert.deepEqual(codes(res), [
      '[0].countryOfResidenceIso3Code:ERROR',
      '[0].dateOfBirth:ERROR',
      '[0].lastName:MISSING',
      '[1]:UNEXPECTED',
    ]);
    assert.deepEqual((await getAs(p, user.token, `/v1/profiles/${businessId}/directors`)).body, before);
    // https://docs.wise.com/guides/developer/errors, "Create UBOs": a blank UBO object is a 400 BAD_REQUEST.
    const blank = await postJson(url(businessId, 'ubos'), [{}], bearer(user.token));
    assert.equal(blank.status, 400);
    assert.ok(blank.body.errors.length >= 4);
    for (const e of blank.body.errors) {
      assert.deepEqual(Object.keys(e).sort(), ['arguments', 'code', 'message']);
      assert.equal(e.code, 'BAD_REQUEST');
      assert.deepEqual(e.arguments, []);
    }
  });

  test('wrong types and oversized bodies are 4xx, never 500', async () => {
    const bodies: unknown[] = [
      {},
      'text',
      [null],
      Array.from({ length: 101 }, () => DIRECTORS[0]!),
      [{ ...DIRECTORS[0]!, firstName: 'x'.repeat(1000) }],
      [{ ...DIRECTORS[0]!, dateOfBirth: '2999-01-01' }],
      [{ ...JOHN, ownershipPercentage: 101 }],
      [{ ...JOHN, ownershipPercentage: '30' }],
      [{ ...JOHN, postCode: { a: 1 } }],
    ];
    for (const kind of ['directors', 'ubos']) {
      for (const body of bodies) {
        for (const send of [postJson, putJson]) {
          const res = await send(url(businessId, kind), body, bearer(user.token));
          assert.ok(res.status >= 400 && res.status < 500, `${kind} ${res.status} ${res.text}`);
        }
      }
    }
  });

  test('ten parallel PUTs leave one caller\u2019s list whole', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        putJson(
          url(businessId, 'directors'),
          DIRECTORS.map((d) => ({ ...d, lastName: `Doe${i}` })),
          bearer(user.token),
        ),
      ),
    );
    const list = (await getAs(p, user.token, `/v1/profiles/${businessId}/directors`)).body;
    assert.equal(list.length, 2);
    assert.equal(list[0].lastName, list[1].lastName);
  });
});
