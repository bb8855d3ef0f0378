import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { walk } from './emailed/helpers.js';
import { clientToken, registrationCode, signup, userToken } from './mail/helpers.js';
import { brazilianProfile } from './profiles/support.js';
import {
  authorizeUrl,
  basic,
  bearer,
  PageClient,
  postForm,
  postJson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';

const CALLBACK = 'https://bank.example/callback';
const NEW_PASSWORD = 'a password of my own';

describe('claim_account_code on authorize (contract §7)', () => {
  let p: TestPlatform;
  let partner: { clientId: string; clientSecret: string };
  let other: { clientId: string; clientSecret: string };
  let n = 0;

  /** A partner-created user with a personal profile the partner made, and a fresh claim-account code. */
  async function claimable() {
    const email = `claimer${++n}@example.com`;
    const code = registrationCode();
    assert.equal(
      (await signup(p, await clientToken(p, partner), { email, registrationCode: code })).status,
      200,
    );
    const token = await userToken(p, partner, email, code);
    const profile = await postJson(
      `${p.url}/v2/profiles/personal-profile`,
      brazilianProfile({ contactDetails: { email, phoneNumber: '+5511987654321' } }),
      bearer(token),
    );
    assert.ok([200, 201].includes(profile.status), JSON.stringify(profile.body));
    const claim = await postJson(`${p.url}/v1/user/claim-account`, { registrationCode: code }, bearer(token));
    assert.equal(claim.status, 200);
    return {
      email,
      code,
      profileId: profile.body.id as number,
      claimCode: claim.body.claimAccountCode as string,
    };
  }

  const start = (browser: PageClient, claimCode: string, clientId = partner.clientId) =>
    browser.get(
      authorizeUrl(p.url, {
        client_id: clientId,
        redirect_uri: CALLBACK,
        state: 's1',
        claim_account_code: claimCode,
      }),
    );

  const refusal = (location: string | null) => {
    const url = new URL(location!);
    assert.equal(`${url.origin}${url.pathname}`, CALLBACK);
    return url.searchParams;
  };

  before(async () => {
    p = await startTestPlatform();
    partner = await p.addClient({ name: 'Claiming Bank', redirectUris: [CALLBACK] });
    other = await p.addClient({ name: 'Other Bank', redirectUris: [CALLBACK] });
  });
  after(() => p.close());

  test('secure the account → profile preselected → consent → the normal callback; registration_code then fails', async () => {
    const { email, code, profileId, claimCode } = await claimable();
    const browser = new PageClient(p.url);
    const begun = await start(browser, claimCode);
    assert.equal(begun.status, 302);
    const first = await browser.open(begun.location!);
    assert.match(first.text, /Secure your account/);
    assert.match(first.text, /Claiming Bank<\/strong> opened this account for you/);
    assert.equal((first.text.match(/autocomplete="new-password"/g) ?? []).length, 2);

    const back = await walk(browser, begun.location!, { newPassword: NEW_PASSWORD });
    assert.equal(back.status, 302);
    const url = new URL(back.location!);
    assert.equal(url.searchParams.get('state'), 's1');
    assert.equal(url.searchParams.get('profileId'), String(profileId), 'their partner-created profile');
    const tokens = await postForm(
      `${p.url}/oauth/token`,
      {
        grant_type: 'authorization_code',
        client_id: partner.clientId,
        code: url.searchParams.get('code')!,
        redirect_uri: CALLBACK,
      },
      { authorization: basic(partner.clientId, partner.clientSecret) },
    );
    assert.equal(tokens.status, 200);

    const user = await p.platform.stores.users.findByEmailKey(email);
    assert.ok(user?.reclaimedAt, 'reclaimed');
    const refused = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'registration_code', client_id: partner.clientId, email, registration_code: code },
      { authorization: basic(partner.clientId, partner.clientSecret) },
    );
    assert.equal(refused.body.error, 'invalid_grant');
  });

  test('a too short password is refused on the secure-account page', async () => {
    const { claimCode } = await claimable();
    const browser = new PageClient(p.url);
    const begun = await start(browser, claimCode);
    const res = await walk(browser, begun.location!, { newPassword: 'short' });
    assert.equal(res.status, 200);
    assert.match(res.text, /at least 10 characters/);
  });

  test('a used claim code → error redirect with invalid_request', async () => {
    const { claimCode } = await claimable();
    assert.equal((await start(new PageClient(p.url), claimCode)).status, 302);
    const again = await start(new PageClient(p.url), claimCode);
    const params = refusal(again.location);
    assert.equal(params.get('error'), 'invalid_request');
    assert.match(params.get('error_description')!, /claim_account_code/);
    assert.equal(params.get('state'), 's1');
  });

  test('a claim code is bound to the partner that asked for it', async () => {
    const { claimCode } = await claimable();
    const foreign = await start(new PageClient(p.url), claimCode, other.clientId);
    assert.equal(refusal(foreign.location).get('error'), 'invalid_request');
    // Not burnt by the other client's attempt.
    assert.ok((await start(new PageClient(p.url), claimCode)).location!.startsWith('/oauth/interaction/'));
  });

  test('a claim code lives 5 minutes; an unknown one is refused', async () => {
    const { claimCode } = await claimable();
    p.clock.advance(5 * 60 + 1);
    assert.equal(
      refusal((await start(new PageClient(p.url), claimCode)).location).get('error'),
      'invalid_request',
    );
    assert.equal(
      refusal((await start(new PageClient(p.url), 'nope')).location).get('error'),
      'invalid_request',
    );
  });
});
