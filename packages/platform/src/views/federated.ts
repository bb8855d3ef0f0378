import { html } from '@account-access/kit';
import { csrfField, fieldError, invalidAttrs, layout, type PageError } from './layout.js';

/** Issue 16: the first "Continue with <provider>" for an account with a password: its password, once. */
export interface ConfirmLinkView {
  partnerName: string;
  providerName: string;
  email: string;
  action: string;
  csrf: string;
  errors?: PageError[];
}

export function confirmLinkPage(v: ConfirmLinkView): string {
  return layout({
    title: `Link your ${v.providerName} sign-in`,
    context: html`<strong>${v.partnerName}</strong> wants to connect to your account`,
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`<p>${v.providerName} says you are <strong>${v.email}</strong>, and that address has an account here.
To link them, enter this account's password once. After that, Continue with ${v.providerName} logs you in directly.</p>
<form method="post" action="${v.action}" novalidate>
  ${csrfField(v.csrf)}
  <div class="field">
    <label for="password">Password</label>
    ${fieldError(v.errors, 'password')}
    <input id="password" name="password" type="password" autocomplete="current-password" autofocus required${invalidAttrs(v.errors, 'password')}>
  </div>
  <button type="submit" class="button primary">Link and continue</button>
</form>
<form method="post" action="${v.action}" class="inline-form">
  ${csrfField(v.csrf)}
  <input type="hidden" name="cancel" value="1">
  <button type="submit" class="link-button">Do not link: log in another way</button>
</form>`,
  });
}

/** What the login page says when a federated login went no further; nothing was linked in any of them. */
export const FEDERATED_MESSAGES = {
  unavailable: (p: string) =>
    `${p} is not answering at the moment, so you could not continue with it. Try again later, or log in with your email and password.`,
  cancelled: (p: string) => `${p} did not sign you in. Try again, or log in with your email and password.`,
  rejected: (p: string) =>
    `We could not confirm your sign-in with ${p}, so nothing was linked. Try again, or log in with your email and password.`,
  unverified: (p: string) =>
    `${p} has not verified your email address, so we cannot tell which account is yours. Nothing was linked. Verify your email with ${p}, or log in with your email and password.`,
  noAccount: (p: string, email: string) =>
    `There is no account for ${email}, the address ${p} gave us, and nothing was linked. Log in with the email address of your account, or sign up through the partner first.`,
  noPassword: (_p: string, email: string) =>
    `The account for ${email} has no password yet. Set one with "Forgot or never set your password?" below, then continue.`,
  inactive: () => 'This account cannot be used to log in. Contact support.',
  linkedElsewhere: (p: string) =>
    `This ${p} sign-in is already linked to another account. Log in with that account, or with your email and password.`,
  wrongPerson: () =>
    'This link was sent to a different account. Log in with the email address the link was sent to.',
} as const;
