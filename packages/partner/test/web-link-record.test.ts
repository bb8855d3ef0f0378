import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { startTestPartner } from '../src/testing/index.js';
import { Browser } from './support/browser.js';
import { FakeWise } from './support/fake-wise.js';

/**
 * Issue 13 items 7 and 8: what the bank shows of a link is what happened, recorded when it happened: the
 * CPF sent for a new Brazilian customer (contract §9, §10.7) and its verification (webhook, contract §11),
 * `/admin`'s Method; the success notice is styled as success; both icons are served.
 */
describe('the bank shows what really happened to a link', () => {
  let wise: FakeWise;
  let partner: Awaited<ReturnType<typeof startTestPartner>>;
  beforeEach(async () => {
    wise = new FakeWise();
    wise.existing('john.smith@example.com', '1985-07-14');
    wise.existing('sofia.costa@example.com', '1993-11-30');
    partner = await startTestPartner({ client: wise.client });
    wise.now = () => partner.clock.now().getTime();
  });
  afterEach(() => partner.close());

  async function signedIn(customerId: string): Promise<Browser> {
    const browser = new Browser(partner.url);
    await browser.signIn(customerId);
    return browser;
  }

  async function connect(browser: Browser) {
    return browser.post('/wise/connect', { _csrf: await browser.csrf('/account') });
  }

  /** The `/admin` row of one customer, tags stripped. */
  async function adminRow(email: string): Promise<string> {
    const page = await new Browser(partner.url).get('/admin');
    const row = page.text.split('<tr>').find((r) => r.includes(email)) ?? '';
    return row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  }

  test('Joao (Brazil): the page shows when his CPF was sent, what Wise answered, then the verification', async () => {
    const browser = await signedIn('cus-joao');
    const before = await browser.get('/account');
    assert.match(before.text, /<h2 id="document-h">Your CPF at Wise<\/h2>/);
    assert.match(before.text, /<dd>Ending in 46<\/dd>/);
    assert.match(before.text, /Not yet: we send it when we open your Wise account/);
    assert.doesNotMatch(before.text, /728\.?415\.?963/, 'never the whole CPF');

    const sentAt = partner.clock.now();
    const connected = await connect(browser);
    assert.equal(connected.status, 303);
    assert.equal(connected.headers.get('location'), '/account?connected=1');
    const link = await partner.partner.stores.links.get('cus-joao');
    assert.equal(link?.state, 'linked');
    assert.deepEqual(link?.document, {
      type: 'CPF_CNPJ',
      submittedAt: sentAt,
      result: 'accepted',
      rejection: null,
    });
    const page = await browser.get('/account?connected=1');
    assert.match(
      page.text,
      new RegExp(
        `<dd id="document-sent"><time datetime="${sentAt.toISOString()}">2026-11-23 10:00 UTC</time>`,
      ),
    );
    assert.match(page.text, /<dd id="document-result">Received for checking<\/dd>/);
    assert.match(page.text, /<dd id="document-verification">Not reported by Wise yet<\/dd>/);

    // profiles#verification-state-change, as the receiver applies it (webhooks/apply.ts).
    const occurredAt = new Date(sentAt.getTime() + 90_000);
    await partner.partner.stores.webhooks.saveVerification(
      { wiseProfileId: link!.wiseProfileId!, state: 'verified', occurredAt },
      occurredAt,
    );
    const verified = await browser.get('/account');
    assert.match(
      verified.text,
      /<dd id="document-verification">Verified by Wise, reported <time datetime="2026-11-23T10:01:30.000Z">2026-11-23 10:01 UTC<\/time><\/dd>/,
    );
  });

  test('a CPF Wise refuses: the page says so and why', async () => {
    wise.cpfResult = 'NAME_MISMATCH';
    const browser = await signedIn('cus-joao');
    await connect(browser);
    assert.equal((await partner.partner.stores.links.get('cus-joao'))?.state, 'document_rejected');
    const page = await browser.get('/account');
    assert.match(page.text, /<dd id="document-result">Refused \(NAME_MISMATCH\): please contact us<\/dd>/);
    assert.match(await adminRow('joao.pereira@example.com'), /created with registration code/);
  });

  test('customers without a CPF have no CPF card', async () => {
    const browser = await signedIn('cus-amelia');
    await connect(browser);
    assert.doesNotMatch((await browser.get('/account')).text, /document-h/);
  });

  test('/admin says how each link was made: registration code, redirect, emailed code', async () => {
    assert.match(await adminRow('amelia.hughes@example.com'), /not started/);
    await connect(await signedIn('cus-amelia'));
    assert.match(await adminRow('amelia.hughes@example.com'), / created with registration code /);

    const john = await signedIn('cus-john');
    const authorize = new URL((await connect(john)).headers.get('location')!).searchParams;
    assert.match(await adminRow('john.smith@example.com'), /linking by redirect \(not finished\)/);
    const { code, profileId } = wise.issueCode('john.smith@example.com', authorize.get('code_challenge')!);
    const query = new URLSearchParams({ code, profileId: String(profileId), state: authorize.get('state')! });
    assert.equal((await john.get(`/wise/callback?${query}`)).status, 303);
    assert.match(await adminRow('john.smith@example.com'), / linked by redirect /);

    const sofia = await signedIn('cus-sofia');
    assert.equal((await connect(sofia)).headers.get('location'), '/wise/code');
    assert.match(await adminRow('sofia.costa@example.com'), /linking by emailed code \(not finished\)/);
    const typed = await sofia.post('/wise/code', {
      _csrf: await sofia.csrf('/wise/code'),
      code: wise.issueCode('sofia.costa@example.com').code,
    });
    assert.equal(typed.status, 303);
    assert.equal(typed.headers.get('location'), '/account?connected=1');
    assert.match(await adminRow('sofia.costa@example.com'), / linked by emailed code /);
    // The bank's setting alone is never shown as what happened.
    assert.doesNotMatch(await adminRow('amelia.hughes@example.com'), /redirect/);
  });

  test('success is green (role=status), a warning stays yellow', async () => {
    const browser = await signedIn('cus-amelia');
    await connect(browser);
    const ok = await browser.get('/account?connected=1');
    assert.match(ok.text, /<p class="notice ok" role="status">Your Wise account is connected\.<\/p>/);
    const busy = await browser.get('/account?busy=1');
    assert.match(busy.text, /<p class="notice" role="status">We are still working/);
    const css = (await browser.get('/static/app.css')).text;
    assert.match(css, /\.notice \{[^}]*background: #fff8c5/);
    assert.match(css, /\.notice\.ok \{[^}]*background: #dafbe1/);
  });

  test('/favicon.ico and /favicon.svg are served, and every page names the icon', async () => {
    const browser = new Browser(partner.url);
    const ico = await fetch(new URL('/favicon.ico', partner.url));
    assert.equal(ico.status, 200);
    assert.equal(ico.headers.get('content-type'), 'image/x-icon');
    const bytes = Buffer.from(await ico.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
    assert.equal(bytes.subarray(23, 26).toString('latin1'), 'PNG', 'holding a PNG');
    const svg = await fetch(new URL('/favicon.svg', partner.url));
    assert.equal(svg.status, 200);
    assert.match(svg.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.match(await svg.text(), /^<svg /);
    for (const path of ['/', '/nope']) {
      assert.match(
        (await browser.get(path)).text,
        /<link rel="icon" href="\/favicon.svg" type="image\/svg\+xml">/,
      );
    }
  });
});
