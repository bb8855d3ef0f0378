import { type Html, html } from '@account-access/kit';
import { MIN_PASSWORD_LENGTH } from '../auth/password-rules.js';
import { csrfField, emailField, fieldError, invalidAttrs, layout, type PageError } from './layout.js';

export interface ForgotPasswordView {
  action: string;
  csrf: string;
  email?: string;
  errors?: PageError[];
}

/** Contract §7: "Forgot or never set your password?": asks for the email, whatever account there is. */
export function forgotPasswordPage(v: ForgotPasswordView): string {
  return layout({
    title: 'Set or reset your password',
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`<p>Enter the email address of your account. We will email you a link to choose a new password.</p>
<p class="hint">This also works if a partner app opened the account for you and you never had a password.</p>
<form method="post" action="${v.action}" novalidate>
  ${csrfField(v.csrf)}
  ${emailField(v.errors, v.email)}
  <button type="submit" class="button primary">Email me a link</button>
</form>`,
  });
}

/** The one answer to the forgot-password form, so it never tells whether an account exists. */
export function resetLinkSentPage(): string {
  return layout({
    title: 'Check your email',
    body: html`<p>If an account exists for that address, we have sent it a link to set a new password.</p>
<p class="hint">The link works once and expires in 30 minutes. If nothing arrives, check your spam folder, or try again in a few minutes.</p>`,
  });
}

export interface SetPasswordView {
  title?: string;
  intro?: Html;
  action: string;
  csrf: string;
  email: string;
  errors?: PageError[];
}

export function setPasswordPage(v: SetPasswordView): string {
  return layout({
    title: v.title ?? 'Choose a password',
    context: html`For <strong>${v.email}</strong>`,
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`${v.intro ?? ''}<form method="post" action="${v.action}" novalidate>
  ${csrfField(v.csrf)}
  <input type="email" name="username" autocomplete="username" value="${v.email}" hidden readonly>
  <div class="field">
    <label for="password">New password</label>
    <p class="hint" id="password-hint">At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.</p>
    ${fieldError(v.errors, 'password')}
    <input id="password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required${invalidAttrs(v.errors, 'password')}>
  </div>
  <div class="field">
    <label for="confirmPassword">Type it again</label>
    ${fieldError(v.errors, 'confirmPassword')}
    <input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required${invalidAttrs(v.errors, 'confirmPassword')}>
  </div>
  <button type="submit" class="button primary">Set password</button>
</form>`,
  });
}

export function passwordSetPage(signedIn: boolean, twoFactorHref: string): string {
  return layout({
    title: 'Your password is set',
    body: html`<p>From now on, log in with your email address and this password. Partner apps can no longer sign in for you without asking.</p>
${
  signedIn
    ? html`<p class="hint">You are now logged in on this site. You can close this page, or go back to the app you came from.</p>
<p class="after-form"><a href="${twoFactorHref}">Turn on two-step verification</a></p>`
    : html`<p class="hint">Your account has two-step verification, so log in again to continue.</p>`
}`,
  });
}

/** Contract §7 claim: the interaction step where the person secures an account a partner opened for them. */
export function claimPasswordPage(v: SetPasswordView & { partnerName: string }): string {
  return setPasswordPage({
    ...v,
    title: 'Secure your account',
    intro: html`<p><strong>${v.partnerName}</strong> opened this account for you. Choose a password so that you, and only you, can log in to it.</p>`,
  });
}
