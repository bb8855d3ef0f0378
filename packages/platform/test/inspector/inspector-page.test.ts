import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../src/http/page-headers.js';
import { PageClient } from '../../src/testing/flow.js';
import { publishEvent } from '../../src/webhooks/publish.js';
import { enqueue, message } from '../mail/helpers.js';
import { personalProfile } from '../store/support.js';
import { get, startTestPlatform, type TestPlatform } from '../support/index.js';
import { type LinkedPartner, linkedPartner, verifiedData } from '../webhooks/support.js';

/** Every `<form>` of the page: its action and the CSRF token it carries. */
function forms(html: string): { action: string; csrf: string | null }[] {
  return [...html.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => ({
    action: m[1]!.replace(/&amp;/g, '&'),
    csrf: /name="csrf" value="([^"]+)"/.exec(m[2]!)?.[1] ?? null,
  }));
}

describe('GET /_sandbox, the inspector', () => {
  let p: TestPlatform;
  let bank: LinkedPartner;
  before(async () => {
    p = await startTestPlatform({ settings: { sandbox: true } });
    bank = await linkedPartner(p, 'Inspector <b>Bank</b>');
    await enqueue(p, {
      ...message('ana@example.com', 7),
      subject: 'Your code <script>alert(1)</script>',
      text: `Open ${p.url}/oauth/email/abc?x=1&y=2. Then "quote" <tag>\n`,
    });
    await p.platform.stores.webhookSubscriptions.create(
      {
        id: '6f1c3a2e-7d43-4b7e-9a55-0f6d2c1b9a01',
        scope: { domain: 'application', clientId: bank.clientId },
        createdBy: { type: 'application', id: bank.clientId },
        name: 'hook',
        triggerOn: 'profiles#verification-state-change',
        delivery: { version: '2.0.0', url: 'http://127.0.0.1:9/hook' },
      },
      p.clock.now(),
    );
    await p.platform.stores.transaction((stores) =>
      publishEvent(
        stores,
        {
          type: 'profiles#verification-state-change',
          userId: bank.userId,
          profileId: 4,
          data: verifiedData(4),
        },
        p.clock.now(),
      ),
    );
  });
  after(() => p.close());

  test('an HTML page with the hosted pages’ headers, every value escaped', async () => {
    const browser = new PageClient(p.url);
    const res = await browser.get('/_sandbox');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.ok(!res.text.includes('<script'), 'nothing typed becomes markup');
    assert.ok(res.text.includes('Your code &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.match(res.text, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    const css = await fetch(`${p.url}/assets/inspector.css`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
  });

  test('the outbox is mail: its links are real links, the rest of the text is text', async () => {
    const { text } = await new PageClient(p.url).get('/_sandbox');
    const link = `${p.url}/oauth/email/abc?x=1&amp;y=2`;
    assert.ok(
      text.includes(`<a href="${link}" rel="noreferrer">${link}</a>. Then &quot;quote&quot; &lt;tag&gt;`),
    );
    assert.ok(text.includes('ana@example.com'));
  });

  test('webhook deliveries with their attempts and a Redeliver form that needs the page’s CSRF token', async () => {
    const browser = new PageClient(p.url);
    const page = await browser.get('/_sandbox');
    const [shown] = (await get(`${p.url}/_sandbox/webhooks?clientId=${bank.clientId}`)).body;
    const redeliver = forms(page.text).find((f) =>
      f.action.endsWith(`/webhooks/${shown.deliveryId}/redeliver`),
    );
    assert.ok(redeliver?.csrf, 'a Redeliver button for the delivery');
    assert.ok(page.text.includes('profiles#verification-state-change'));

    assert.equal((await browser.post(redeliver.action, {})).status, 403, 'no token');
    assert.equal(
      (await new PageClient(p.url).post(redeliver.action, { csrf: redeliver.csrf })).status,
      403,
      'another browser',
    );

    p.clock.advance(3600);
    const done = await browser.post(redeliver.action, { csrf: redeliver.csrf });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/_sandbox?done=redelivered#webhooks');
    const [after] = (await get(`${p.url}/_sandbox/webhooks?clientId=${bank.clientId}`)).body;
    assert.deepEqual([after.status, after.nextAttemptAt], ['pending', p.clock.now().toISOString()]);
    const next = await browser.get(done.location);
    assert.match(next.text, /role="status">The delivery is due again/);
  });

  test('a refused action is an error page with the control plane’s own message, never a 500', async () => {
    const browser = new PageClient(p.url);
    const { csrf } = forms((await browser.get('/_sandbox')).text)[0]!;
    const res = await browser.post('/_sandbox/inspector/webhooks/not-a-delivery/redeliver', { csrf: csrf! });
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(res.text, /There is no webhook delivery with this id/);
  });

  test('verification documents: what they say and the last digits, never the hash', async () => {
    const profile = await p.platform.stores.profiles.create(
      personalProfile(bank.userId, bank.clientId),
      p.clock.now(),
    );
    if (profile === 'conflict') assert.fail('conflict');
    const saved = await p.platform.stores.verificationDocuments.create(
      {
        profileId: profile.id,
        clientId: bank.clientId,
        type: 'PASSPORT',
        identifierHash: 'hash-never-shown',
        identifierLastDigits: '4321',
        firstName: 'Ana',
        lastName: 'Silva',
        issueDate: null,
        expiryDate: null,
        issuerCountry: 'BR',
        issuerState: null,
        nationality: null,
        extra: null,
      },
      p.clock.now(),
    );
    assert.ok(!('usedBy' in saved));
    const { text } = await new PageClient(p.url).get('/_sandbox');
    const documents = text.slice(text.indexOf('id="documents"'), text.indexOf('id="requests"'));
    assert.match(documents, /PASSPORT/);
    assert.match(documents, /…4321/);
    assert.match(documents, /Ana Silva/);
    assert.ok(!text.includes('hash-never-shown'));
  });
});
