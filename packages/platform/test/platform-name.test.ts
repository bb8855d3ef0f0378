import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizeUrl, PageClient, startTestPlatform } from './support/index.js';

// Issue 13 item 6, "one name": every page the platform sends is headed by PLATFORM_NAME, as its mail is.
const REDIRECT = 'https://bank.example/callback';

async function loginPage(platformName?: string) {
  const p = await startTestPlatform(platformName === undefined ? {} : { settings: { platformName } });
  try {
    const client = await p.addClient({ redirectUris: [REDIRECT] });
    const browser = new PageClient(p.url);
    const start = await browser.get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT }),
    );
    const login = await browser.open(start.location!);
    const notFound = await browser.get('/oauth/interaction/nothing-here');
    return { login: login.text, notFound: notFound.text };
  } finally {
    await p.close();
  }
}

const brand = (page: string) => /<span class="brand-name">(.*?)<\/span>/.exec(page)?.[1];
const title = (page: string) => /<title>(.*?)<\/title>/.exec(page)?.[1];

test('the hosted pages carry the configured name in their title and header, escaped', async () => {
  const named = await loginPage('Wise Sandbox');
  assert.equal(title(named.login), 'Log in · Wise Sandbox');
  assert.equal(brand(named.login), 'Wise Sandbox');
  assert.equal(brand(named.notFound), 'Wise Sandbox', 'error pages too');
  assert.doesNotMatch(named.login, /Account access|platform-name/);

  const odd = await loginPage('Ana & <Bob>');
  assert.equal(brand(odd.login), 'Ana &amp; &lt;Bob&gt;');
});

test('without PLATFORM_NAME the pages say "Account access"', async () => {
  const plain = await loginPage();
  assert.equal(title(plain.login), 'Log in · Account access');
  assert.equal(brand(plain.login), 'Account access');
});
