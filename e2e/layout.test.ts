import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '@account-access/platform/testing';
import type { Page } from 'playwright-core';
import { connect, PEOPLE, signInAtBank } from './support/flows.js';
import { checkPage, errorSummaryProblems, type PageProblems } from './support/page-checks.js';
import { startWorld, type World } from './support/world.js';

const SOFIA = { email: 'sofia.costa@example.com', password: 'demo-password-sofia' };

/**
 * Issue 13, item 8 and "Tests" → Accessibility: every page of both servers, reached as people reach them,
 * fits 390 px and 1280 px without scrolling sideways, passes axe-core with no serious or critical violation,
 * and every form that shows field errors announces them in an error summary.
 */
describe('every page of the bank and the platform fits a phone and passes an accessibility check', () => {
  let world: World;
  const problems: PageProblems = { overflow: [], axe: [] };
  const summaries: string[] = [];
  let visited = 0;

  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  const check = async (page: Page, name: string) => {
    await page.waitForLoadState('load');
    visited += 1;
    await checkPage(page, name, problems);
  };
  const checkErrors = async (page: Page, name: string) => {
    await check(page, name);
    summaries.push(...(await errorSummaryProblems(page, name)));
  };
  /** The newest link under `path` mailed to `to` (the sandbox outbox, contract §6). */
  const mailedLink = async (to: string, path: string) => {
    const outbox = await fetch(`${world.platform.url}/_sandbox/outbox?to=${encodeURIComponent(to)}`);
    const mails = (await outbox.json()) as { links: string[] }[];
    const link = mails[0]?.links.find((l) => new URL(l).pathname.startsWith(path));
    assert.ok(link, `a link to ${path} was mailed to ${to}`);
    return link;
  };
  const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 1 }).waitFor();

  test('the crawl: the bank, the redirect flow, the emailed flow, the account pages, the inspector', async () => {
    const bank = await world.page();
    await bank.goto(world.partner.url);
    await check(bank, 'bank-home');
    await bank.goto(`${world.partner.url}/admin`);
    await check(bank, 'bank-admin');
    await bank.goto(`${world.partner.url}/nowhere`);
    await check(bank, 'bank-not-found');

    await signInAtBank(world, bank, 'John Smith');
    await check(bank, 'bank-account');
    await bank.goto(`${world.partner.url}/wise/callback?state=forged&code=forged`);
    await check(bank, 'bank-callback-error');
    await bank.goto(`${world.partner.url}/account`);

    // The redirect flow, each hosted step, and its error states (John has a TOTP seed).
    await connect(bank);
    await heading(bank, 'Log in');
    await check(bank, 'platform-login');
    await bank.getByLabel('Email address').fill(PEOPLE.john.email);
    await bank.getByLabel('Password').fill('not his password');
    await bank.getByRole('button', { name: 'Log in' }).click();
    await heading(bank, 'Log in');
    await checkErrors(bank, 'platform-login-error');
    await bank.getByLabel('Password').fill(PEOPLE.john.password);
    await bank.getByRole('button', { name: 'Log in' }).click();
    await heading(bank, 'Enter your security code');
    await check(bank, 'platform-2fa');
    await bank.getByLabel('Security code').fill('000000');
    await bank.getByRole('button', { name: 'Continue' }).click();
    await heading(bank, 'Enter your security code');
    await checkErrors(bank, 'platform-2fa-error');
    await bank.getByLabel('Security code').fill(totpCode(PEOPLE.john.totpSecret, world.platform.clock.now()));
    await bank.getByRole('button', { name: 'Continue' }).click();
    await heading(bank, 'Choose a profile');
    await check(bank, 'platform-profile');
    await bank.getByText('Create a new profile').click();
    await bank.getByRole('button', { name: 'Create profile and continue' }).click();
    await heading(bank, 'Choose a profile');
    await checkErrors(bank, 'platform-profile-error');
    await bank.getByRole('button', { name: 'Continue with this profile' }).click();
    await bank.getByRole('button', { name: 'Allow' }).waitFor();
    await check(bank, 'platform-consent');
    await bank.getByRole('button', { name: 'Allow' }).click();
    // The callback answers 303 to the account page, which says so (issue 13 item 2).
    await bank.getByRole('status').getByText('Your Wise account is connected.').waitFor();
    await check(bank, 'bank-connected');
    await bank.goto(`${world.partner.url}/account`);
    await check(bank, 'bank-account-linked');
    await bank.goto(`${world.partner.url}/wise/disconnect`);
    await check(bank, 'bank-disconnect');
    await bank.context().close();

    // The emailed flow: the bank's code page and its error, the platform's emailed link and shown code.
    const sofia = await world.page();
    await signInAtBank(world, sofia, 'Sofia Costa');
    await connect(sofia);
    await heading(sofia, 'Enter your Wise code');
    await check(sofia, 'bank-code');
    await sofia.getByLabel('Code from Wise').fill('ZZZZ-ZZZZ');
    await sofia.getByRole('button', { name: 'Connect' }).click();
    await heading(sofia, 'Enter your Wise code');
    await checkErrors(sofia, 'bank-code-error');
    const mail = await world.page();
    await mail.goto(await mailedLink(SOFIA.email, '/oauth/email-code/'));
    await heading(mail, 'Log in');
    await check(mail, 'platform-email-login');
    await mail.getByLabel('Password').fill(SOFIA.password);
    await mail.getByRole('button', { name: 'Log in' }).click();
    const choose = mail.getByRole('button', { name: 'Continue with this profile' });
    const allow = mail.getByRole('button', { name: 'Allow' });
    await choose.or(allow).first().waitFor();
    if (await choose.isVisible()) await choose.click();
    await allow.click();
    await mail.locator('.shown-code').waitFor();
    await check(mail, 'platform-email-code');
    await mail.context().close();
    await sofia.context().close();

    // The platform's own pages: landing, inspector, errors, the account pages (John, a fresh TOTP window).
    world.advance(60);
    const own = await world.page();
    const at = (path: string) => own.goto(`${world.platform.url}${path}`);
    await at('/');
    await check(own, 'platform-landing');
    await at('/_sandbox');
    await check(own, 'platform-inspector');
    await at('/oauth/authorize?client_id=nobody&redirect_uri=https%3A%2F%2Fnowhere.example%2F');
    await check(own, 'platform-authorize-error');
    // The platform's unknown paths answer JSON (an API server); an unknown hosted step is its HTML error page.
    await at('/oauth/interaction/unknown');
    await check(own, 'platform-interaction-error');
    await at('/account/forgot-password');
    await check(own, 'platform-forgot-password');
    await at('/account/sign-in');
    await check(own, 'platform-account-sign-in');
    await own.getByLabel('Email address').fill(PEOPLE.john.email);
    await own.getByLabel('Password').fill('not his password');
    await own.getByRole('button', { name: 'Log in' }).click();
    await heading(own, 'Log in to your account');
    await checkErrors(own, 'platform-account-sign-in-error');
    await own.getByLabel('Email address').fill(PEOPLE.john.email);
    await own.getByLabel('Password').fill(PEOPLE.john.password);
    await own.getByRole('button', { name: 'Log in' }).click();
    await heading(own, 'Enter your security code');
    await check(own, 'platform-account-code');
    await own.getByLabel('Security code').fill(totpCode(PEOPLE.john.totpSecret, world.platform.clock.now()));
    await own.getByRole('button', { name: 'Continue' }).click();
    await heading(own, 'Connected apps');
    await check(own, 'platform-account');
    await own.getByRole('link', { name: 'Disconnect Demo Bank' }).click();
    await heading(own, 'Disconnect Demo Bank?');
    await check(own, 'platform-account-disconnect');
    await own.getByRole('link', { name: 'Cancel' }).click();
    await at('/account/two-factor');
    await check(own, 'platform-two-factor-on');
    await at('/account');
    await own.getByRole('button', { name: 'Sign out' }).click();
    await heading(own, 'You are signed out');
    await check(own, 'platform-signed-out');
    await at('/account/two-factor');
    await check(own, 'platform-two-factor-sign-in-first');

    // Setting a password by an emailed link (Ana), then turning on two-step verification.
    await at('/account/forgot-password');
    await own.getByRole('button', { name: 'Email me a link' }).click();
    await heading(own, 'Set or reset your password');
    await checkErrors(own, 'platform-forgot-password-error');
    await own.getByLabel('Email address').fill(PEOPLE.ana.email);
    await own.getByRole('button', { name: 'Email me a link' }).click();
    await heading(own, 'Check your email');
    await check(own, 'platform-forgot-password-sent');
    await own.goto(await mailedLink(PEOPLE.ana.email, '/account/set-password/'));
    await own.getByLabel('New password').waitFor();
    await check(own, 'platform-set-password');
    await own.getByLabel('New password').fill('a new passphrase for Ana');
    await own.getByLabel('Type it again').fill('another passphrase');
    await own.getByRole('button', { name: 'Set password' }).click();
    await own.getByLabel('Type it again').waitFor();
    await checkErrors(own, 'platform-set-password-error');
    await own.getByLabel('New password').fill('a new passphrase for Ana');
    await own.getByLabel('Type it again').fill('a new passphrase for Ana');
    await own.getByRole('button', { name: 'Set password' }).click();
    await heading(own, 'Your password is set');
    await check(own, 'platform-password-set');
    // Without 2FA the link signs her in (contract §7), so the setup page opens next.
    await at('/account/two-factor');
    await heading(own, 'Turn on two-step verification');
    await check(own, 'platform-two-factor-setup');
    await own.getByRole('button', { name: 'Turn on' }).click();
    await heading(own, 'Turn on two-step verification');
    await checkErrors(own, 'platform-two-factor-setup-error');
    await own.context().close();

    assert.ok(visited >= 39, `${visited} pages visited`);
  });

  test('no page is wider than the viewport at 390 px or 1280 px', () => {
    assert.deepEqual(problems.overflow, []);
  });

  test('no page has a serious or critical accessibility violation (axe-core)', () => {
    assert.deepEqual(problems.axe, []);
  });

  test('each form with field errors shows a focused error summary linking to the fields', () => {
    assert.deepEqual(summaries, []);
  });
});
