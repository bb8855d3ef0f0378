import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '@account-access/platform/testing';
import { backAtBank, connect, PEOPLE, signInAtBank, throughPlatform } from './support/flows.js';
import { checkPage, type PageProblems, WIDTHS } from './support/page-checks.js';
import { startWorld, type World } from './support/world.js';

// Issue 13 item 1: a right security code used a second time within its 30 seconds (RFC 6238 §5.2: refused)
// says so, and does not count toward the lockout (5 wrong codes, PLATFORM_LIMIT_TOTP). The README's table
// invites it: Deny in one browser, then connect from another. Screenshots: test-artifacts/e2e-reused-totp-*.png.

const REUSED = 'This code was just used. Wait for the next one.';

describe('a security code used twice (issue 13 item 1)', () => {
  let world: World;
  const problems: PageProblems = { overflow: [], axe: [] };
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  for (const width of WIDTHS) {
    test(`at ${width} px: John denies, then reuses the code in another browser six times, and the next code still signs him in`, async () => {
      world.advance(60); // a 30-second step of his own for this width
      const code = totpCode(PEOPLE.john.totpSecret, world.platform.clock.now());
      const first = await world.page();
      await signInAtBank(world, first, 'John Smith');
      await connect(first);
      await throughPlatform(world, first, PEOPLE.john, 'Deny', `reused-totp-${width}-first`);
      await backAtBank(world, first);
      await first.context().close();

      const page = await world.page({ viewport: { width, height: 800 } });
      await signInAtBank(world, page, 'John Smith');
      await connect(page);
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.getByLabel('Email address').fill(PEOPLE.john.email);
      await page.getByLabel('Password').fill(PEOPLE.john.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      // More times than the lockout allows wrong codes: none of them is counted.
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        await page.getByRole('heading', { name: 'Enter your security code' }).waitFor();
        await page.getByLabel('Security code').fill(code);
        await page.getByRole('button', { name: 'Continue' }).click();
        const summary = page.getByRole('alert');
        await summary.waitFor();
        assert.match((await summary.textContent()) ?? '', new RegExp(REUSED.replace(/\./g, '\\.')));
        assert.doesNotMatch(await page.content(), /not right|locked|tries left/i, `attempt ${attempt}`);
      }
      await world.shot(page, `reused-totp-${width}-message`);
      await checkPage(page, `platform-reused-totp-${width}`, problems);
      await page.setViewportSize({ width, height: 800 });

      // The next code, 30 seconds on, is accepted: no lockout. (He stops at the profile choice, so the next
      // width starts from an unconnected John again.)
      world.advance(30);
      await page
        .getByLabel('Security code')
        .fill(totpCode(PEOPLE.john.totpSecret, world.platform.clock.now()));
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Choose a profile' }).waitFor();
      await world.shot(page, `reused-totp-${width}-next-code-accepted`);
      await page.context().close();
    });
  }

  test('the pages fit the viewport and pass axe-core', () => {
    assert.deepEqual(problems, { overflow: [], axe: [] });
  });
});
