import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  backAtBank,
  connect,
  connectedAtBank,
  holdsTokens,
  PEOPLE,
  signInAtBank,
  throughPlatform,
  wiseCard,
} from './support/flows.js';
import { startWorld, type World } from './support/world.js';

describe('the callback refuses a state the bank did not issue, or issued and saw used (contract §10.3)', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  /** Codes the platform issued and that were exchanged: a refused callback must exchange none. */
  const exchangedCodes = async () => {
    const { rows } = await world.platform.db.query<{ n: number }>(
      'select count(*)::int as n from authorization_codes where consumed_at is not null',
    );
    return rows[0]!.n;
  };

  test('a forged state: refused in plain words, nothing exchanged, the customer can start again', async () => {
    const page = await world.page();
    await signInAtBank(world, page, 'John Smith');
    await connect(page);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    const before = await exchangedCodes();
    const forged = new URL('/wise/callback', world.partner.url);
    forged.search = new URLSearchParams({
      code: 'a-code-from-elsewhere',
      state: 'forged-state',
      profileId: '1',
    }).toString();
    const res = await page.goto(forged.href);
    assert.equal(res?.status(), 400);
    await page.getByRole('heading', { name: 'Connection refused' }).waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /We did not start this connection/);
    await world.shot(page, 'state-forged');
    assert.equal(await exchangedCodes(), before);
    assert.equal(await holdsTokens(world, 'cus-john'), false);
    assert.equal((await world.partner.partner.stores.links.get('cus-john'))?.state, 'linking');

    const missing = await page.goto(new URL('/wise/callback?code=abc', world.partner.url).href);
    assert.equal(missing?.status(), 400);
    await page.getByRole('heading', { name: 'Connection refused' }).waitFor();
    await page.context().close();
  });

  test('a reload or a second tab of the finished callback shows the connected account, at 390 and 1280 px', async () => {
    world.advance(60);
    const page = await world.page();
    const callbacks: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${world.partner.url}/wise/callback?`)) callbacks.push(request.url());
    });
    await signInAtBank(world, page, 'John Smith');
    await connect(page);
    await throughPlatform(world, page, PEOPLE.john, 'Allow', 'state');
    await backAtBank(world, page);
    await connectedAtBank(page);
    // Issue 13 item 2: a 303 to a clean URL, so no code stays in the address bar.
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/account?connected=1');
    const callback = callbacks[0]!;
    assert.match(callback, /[?&]code=/);
    const link = await world.partner.partner.stores.links.get('cus-john');
    assert.equal(link?.state, 'linked');
    const exchanged = await exchangedCodes();

    /** The page shows John's connected account with the success notice, and fits the viewport. */
    const showsConnected = async (tab: typeof page, name: string) => {
      await connectedAtBank(tab);
      assert.ok(!tab.url().includes('code='), 'no code in the URL');
      const notice = tab.getByRole('status').filter({ hasText: 'Your Wise account is connected.' });
      assert.equal(
        await notice.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor),
        'rgb(218, 251, 225)',
        'the success notice is green',
      );
      assert.deepEqual(await wiseCard(tab), {
        status: 'Connected',
        profileId: String(link?.wiseProfileId),
        name: 'John Smith',
      });
      await world.shot(tab, name);
    };
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const reloaded = await page.goto(callback);
      assert.equal(reloaded?.status(), 200);
      await showsConnected(page, `state-reload-${width}`);
      // The same browser, a second tab on the same callback.
      const second = await page.context().newPage();
      await second.setViewportSize({ width, height: 800 });
      await second.goto(callback);
      await showsConnected(second, `state-second-tab-${width}`);
      await second.close();
    }
    // Had the code gone to the platform again, it would have revoked the tokens issued from it (contract §4).
    assert.equal(await exchangedCodes(), exchanged, 'the code was not sent again');
    const after = await world.partner.partner.stores.links.get('cus-john');
    assert.equal(after?.wiseProfileId, link?.wiseProfileId);

    // Another browser bringing the same URL is still refused (contract §10.3).
    const stranger = await world.page();
    await signInAtBank(world, stranger, 'John Smith');
    const refused = await stranger.goto(callback);
    assert.equal(refused?.status(), 400);
    await stranger.getByRole('heading', { name: 'Connection refused' }).waitFor();
    await stranger.context().close();
    await page.context().close();
  });
});
