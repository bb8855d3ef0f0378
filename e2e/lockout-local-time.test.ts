import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { connect, PEOPLE, signInAtBank } from './support/flows.js';
import { checkPage, type PageProblems } from './support/page-checks.js';
import { startWorld, type World } from './support/world.js';

/** Half an hour off UTC, so a local time differs from the UTC words in its minutes too. */
const ZONE = 'Asia/Kolkata';
const IN_ZONE = { timezoneId: ZONE, locale: 'en-GB' } as const;

/** `hh:mm:ss` of `iso` in ZONE, as the person there reads a clock. */
const localClock = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

/** The retry time in the page's error summary: its datetime and the words shown. */
async function retryTime(page: Page): Promise<{ iso: string; text: string }> {
  const time = page.locator('.error-summary time').first();
  return {
    iso: (await time.getAttribute('datetime')) ?? '',
    text: ((await time.textContent()) ?? '').trim(),
  };
}

const summary = async (page: Page) => ((await page.locator('.error-summary').textContent()) ?? '').trim();

/**
 * Issue 13, item 5: the tries left are shown once fewer than 3 remain, and a lockout page says until when
 * in the person's own time zone (here India, set on the browser); without scripts it still says it in UTC.
 */
describe('a lockout says until when, in local time (Chromium, 390 px and 1280 px)', () => {
  let world: World;
  const problems: PageProblems = { overflow: [], axe: [] };
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  test("John's security code, wrong five times on the hosted page: tries left, then the lockout in India's time", async () => {
    const page = await world.page({ ...IN_ZONE, viewport: { width: 390, height: 800 } });
    await signInAtBank(world, page, 'John Smith');
    await connect(page);
    await page.getByLabel('Email address').fill(PEOPLE.john.email);
    await page.getByLabel('Password').fill(PEOPLE.john.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Enter your security code' }).waitFor();
    const wrong = async () => {
      await page.getByLabel('Security code').fill('000000');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('.error-summary').waitFor();
      return summary(page);
    };
    assert.doesNotMatch(await wrong(), /left/);
    assert.doesNotMatch(await wrong(), /left/);
    assert.match(await wrong(), /2 tries left before sign-in is locked for up to 15 minutes\./);
    await checkPage(page, 'lockout-2fa-tries-left', problems);
    assert.match(await wrong(), /1 try left before sign-in is locked for up to 15 minutes\./);
    assert.match(await wrong(), /That was the last try for now\. You can try again at/);
    const locked = await wrong();
    assert.match(locked, /^There is a problem\s*Too many attempts\. You can try again at /);
    const { iso, text } = await retryTime(page);
    assert.ok(text.includes(localClock(iso)), `"${text}" shows ${localClock(iso)}, the time in ${ZONE}`);
    assert.doesNotMatch(text, /UTC/);
    assert.equal(
      await page.locator('.error-summary time').first().getAttribute('title'),
      `${iso.slice(11, 19)} UTC on ${iso.slice(0, 10)}`,
      'the UTC words stay at hand',
    );
    await checkPage(page, 'lockout-2fa-locked', problems);
    await page.context().close();
  });

  test("Ana's password at the account sign-in: tries left, the lockout in local time, and in UTC without scripts", async () => {
    const page = await world.page({ ...IN_ZONE, viewport: { width: 1280, height: 800 } });
    const platform = world.platform.url;
    await page.goto(`${platform}/account/sign-in`);
    const tryPassword = async (password: string) => {
      await page.getByLabel('Email address').fill(PEOPLE.ana.email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('.error-summary').waitFor();
      return summary(page);
    };
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      answers.push(await tryPassword(`wrong ${i}`));
      // Past each progressive delay (1 s, 2 s, … 64 s): the next try is taken.
      world.advance(64);
    }
    assert.doesNotMatch(answers[6]!, /left/);
    assert.match(answers[7]!, /2 tries left before sign-in is locked for up to 15 minutes\./);
    assert.match(answers[8]!, /1 try left before sign-in is locked for up to 15 minutes\./);
    const locked = await tryPassword(PEOPLE.ana.password);
    assert.match(locked, /Too many attempts\. You can try again at /);
    const { iso, text } = await retryTime(page);
    assert.ok(text.includes(localClock(iso)), `"${text}" shows ${localClock(iso)}, the time in ${ZONE}`);
    assert.doesNotMatch(text, /UTC/);
    await checkPage(page, 'lockout-account-locked', problems);

    // The same page without scripts: the UTC words, still true.
    const plain = await world.page({ ...IN_ZONE, javaScriptEnabled: false });
    await plain.goto(page.url());
    assert.equal((await retryTime(plain)).text, `${iso.slice(11, 19)} UTC on ${iso.slice(0, 10)}`);
    // A screenshot only: axe-core and the width check run inside the page, and this page runs nothing.
    await world.shot(plain, 'lockout-account-locked-no-script');
    await plain.context().close();
    await page.context().close();
  });

  test('the lockout pages fit 390 px and pass axe-core', () => {
    assert.deepEqual(problems, { overflow: [], axe: [] });
  });
});
