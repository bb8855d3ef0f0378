import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  basic,
  bearer,
  linkAccount,
  PageClient,
  PERSONAL,
  postForm,
  postJson,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';
import { addPartner, codes, getAs, grantedToken } from './support.js';
import { WISE_BUSINESS_REQUEST } from './wise-examples.js';

/**
 * Contract §8: a profile a partner creates through the API with a user token is visible to that token's
 * grant, whatever the grant type. Wise's guide has business profiles created with the user's token
 * (https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation), so a partner that linked a
 * customer by the hosted flow (an authorization-code grant naming the personal profile) must read, update
 * and use the business profile it then creates with that token. Every other profile stays a 404.
 */
describe('a profile created through a grant is visible to that grant', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ settings: { sandbox: true } });
  });
  after(() => p.close());

  /** Links a seeded person to a new partner by the hosted flow; the tokens of its authorization code. */
  async function linked() {
    const client = await p.addClient({ name: 'Example Bank', redirectUris: ['https://bank.example/cb'] });
    const person = { email: `${randomUUID()}@example.com`, password: 'a long enough passphrase' };
    const userId = await seedPerson(p, { ...person, profiles: [{ ...PERSONAL, dateOfBirth: '1956-06-06' }] });
    const callback = await linkAccount(p, new PageClient(p.url), {
      client,
      redirectUri: 'https://bank.example/cb',
      ...person,
    });
    const tokens = await postForm(
      `${p.url}/oauth/token`,
      {
        grant_type: 'authorization_code',
        client_id: client.clientId,
        code: callback.searchParams.get('code')!,
        redirect_uri: 'https://bank.example/cb',
      },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(tokens.status, 200, tokens.text);
    const personalId = Number(callback.searchParams.get('profileId'));
    return { client, userId, personalId, token: tokens.body.access_token as string, tokens: tokens.body };
  }

  const send = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${p.url}${path}`, {
      method,
      headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
  };

  test('link by the hosted flow, create a business with that token: list, get, update and use it', async () => {
    const { personalId, token } = await linked();
    const created = await postJson(
      `${p.url}/v3/profiles/business-profile`,
      WISE_BUSINESS_REQUEST,
      bearer(token),
    );
    assert.equal(created.status, 200, created.text);
    const id = created.body.id as number;

    const listed = await getAs(p, token, '/v2/profiles');
    assert.deepEqual(
      listed.body.map((x: { id: number }) => x.id),
      [personalId, id],
    );
    assert.deepEqual(
      (await getAs(p, token, '/v1/profiles')).body.map((x: { id: number }) => x.id),
      [personalId, id],
    );
    const read = await getAs(p, token, `/v2/profiles/${id}`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.businessName, 'ABC Logistics Ltd');

    const updated = await send('PUT', `/v2/profiles/${id}/business-profile`, token, {
      id,
      descriptionOfBusiness: 'IT_SERVICES',
      webpage: 'https://abc-logistics.example',
    });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.webpage, 'https://abc-logistics.example');

    // Using it: its addresses, its verification documents and the sandbox simulation answer, not 404.
    const addresses = await getAs(p, token, `/v1/addresses?profile=${id}`);
    assert.equal(addresses.status, 200, addresses.text);
    const document = await postJson(
      `${p.url}/v1/profiles/${id}/verification-documents`,
      { type: 'CPF_CNPJ', uniqueIdentifier: '11.222.333/0001-81' },
      bearer(token),
    );
    assert.notEqual(document.status, 404, document.text);
    const simulated = await send('POST', `/v1/simulation/profiles/${id}/verifications`, token);
    assert.equal(simulated.status, 200, simulated.text);
  });

  test('the grant keeps it across a refresh; later registration-code grants of the partner see it', async () => {
    const { client, userId, token, tokens } = await linked();
    const created = await postJson(
      `${p.url}/v3/profiles/business-profile`,
      WISE_BUSINESS_REQUEST,
      bearer(token),
    );
    assert.equal(created.status, 200, created.text);
    const id = created.body.id as number;
    const refreshed = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.equal((await getAs(p, refreshed.body.access_token, `/v2/profiles/${id}`)).status, 200);
    const registration = await grantedToken(p, client.clientId, userId, [], 'registration_code');
    assert.equal((await getAs(p, registration, `/v2/profiles/${id}`)).status, 200);
  });

  test('every other token gets a 404: another client, another grant of the same client', async () => {
    const { client, userId, personalId, token } = await linked();
    const created = await postJson(
      `${p.url}/v3/profiles/business-profile`,
      WISE_BUSINESS_REQUEST,
      bearer(token),
    );
    assert.equal(created.status, 200, created.text);
    const id = created.body.id as number;
    const other = await addPartner(p);
    const strangers = [
      await grantedToken(p, other.clientId, userId, [personalId]),
      await grantedToken(p, other.clientId, userId, [], 'registration_code'),
      // An authorization-code grant names its profiles: another one of the same partner did not create it.
      await grantedToken(p, client.clientId, userId, [personalId]),
    ];
    for (const stranger of strangers) {
      const res = await getAs(p, stranger, `/v2/profiles/${id}`);
      assert.equal(res.status, 404, res.text);
      const put = await send('PUT', `/v2/profiles/${id}/business-profile`, stranger, { id, webpage: null });
      assert.equal(put.status, 404, put.text);
      const listed = (await getAs(p, stranger, '/v2/profiles')).body.map((x: { id: number }) => x.id);
      assert.ok(!listed.includes(id));
    }
    // The same answer as a profile that does not exist: a stranger learns nothing.
    const missing = await getAs(p, strangers[0]!, '/v2/profiles/2147483647');
    assert.deepEqual(codes(await getAs(p, strangers[0]!, `/v2/profiles/${id}`)), codes(missing));
  });
});
