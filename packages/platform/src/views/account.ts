import { html } from '@account-access/kit';
import type { ProfileType } from '../profiles/index.js';
import { csrfField, emailField, fieldError, invalidAttrs, layout, type PageError } from './layout.js';
import { typeLabel } from './profile.js';

/**
 * The platform's own account pages (issue 12 "Disconnect"): signing in outside any partner's flow, the
 * partners connected to the account, and disconnecting one.
 */

export interface AccountSignInView {
  action: string;
  csrf: string;
  forgotHref: string;
  errors?: PageError[];
}

export function accountSignInPage(v: AccountSignInView): string {
  return layout({
    title: 'Log in to your account',
    context: 'See and manage the apps connected to your account',
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`<form method="post" action="${v.action}" novalidate>
  ${csrfField(v.csrf)}
  ${emailField(v.errors, undefined)}
  <div class="field">
    <label for="password">Password</label>
    ${fieldError(v.errors, 'password')}
    <input id="password" name="password" type="password" autocomplete="current-password" required${invalidAttrs(v.errors, 'password')}>
  </div>
  <button type="submit" class="button primary">Log in</button>
</form>
<p class="after-form"><a href="${v.forgotHref}">Forgot or never set your password?</a></p>`,
  });
}

export interface AccountCodeView {
  action: string;
  csrf: string;
  errors?: PageError[];
}

/** The second step of signing in when TOTP is on (RFC 6238). */
export function accountCodePage(v: AccountCodeView): string {
  return layout({
    title: 'Enter your security code',
    context: 'Log in to your account',
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`<p>Open your authenticator app and enter the 6‑digit code it shows for this account.</p>
<form method="post" action="${v.action}" novalidate>
  ${csrfField(v.csrf)}
  <div class="field">
    <label for="code">Security code</label>
    ${fieldError(v.errors, 'code')}
    <input id="code" name="code" class="code-input" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="6" autocomplete="one-time-code" required${invalidAttrs(v.errors, 'code')}>
  </div>
  <button type="submit" class="button primary">Continue</button>
</form>`,
  });
}

export interface ConnectedPartner {
  clientId: string;
  name: string;
  /** When the oldest live grant of this partner was given. */
  since: Date;
  profiles: { name: string; type: ProfileType }[];
}

export interface ConnectedPartnersView {
  email: string;
  partners: ConnectedPartner[];
  /** The confirmation after a disconnect (post/redirect/get): the partner's name. */
  disconnected?: string;
  confirmHref: (clientId: string) => string;
  signOutAction: string;
  twoFactorHref: string;
  csrf: string;
}

/** A date as people read it, in UTC (the platform has no idea of the person's zone), with a machine form. */
const day = (at: Date) =>
  html`<time datetime="${at.toISOString()}">${at.toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })}</time>`;

function partnerItem(p: ConnectedPartner, confirmHref: string) {
  return html`<li class="partner">
  <p class="partner-name">${p.name}</p>
  <p class="hint">Connected since ${day(p.since)}</p>
  <p class="hint">Can see and act on: ${p.profiles.length === 0 ? 'no profile' : p.profiles.map((pr, i) => html`${i > 0 ? ', ' : ''}${pr.name} (${typeLabel(pr.type).toLowerCase()})`)}</p>
  <a class="button secondary" href="${confirmHref}">Disconnect ${p.name}</a>
</li>`;
}

export function connectedPartnersPage(v: ConnectedPartnersView): string {
  return layout({
    title: 'Connected apps',
    context: html`Signed in as <strong>${v.email}</strong>`,
    body: html`${
      v.disconnected
        ? html`<div class="notice success" role="status"><p><strong>${v.disconnected}</strong> is disconnected. It can no longer see or act on your account.</p></div>`
        : ''
    }
${
  v.partners.length === 0
    ? html`<p>No app is connected to your account.</p>
<p class="hint">When you allow an app such as your bank to access your account, it is listed here and you can disconnect it.</p>`
    : html`<p>These apps can access your account. Disconnecting one stops its access at once; it would have to ask you again.</p>
<ul class="partners">${v.partners.map((p) => partnerItem(p, v.confirmHref(p.clientId)))}</ul>`
}
<p class="after-form"><a href="${v.twoFactorHref}">Two-step verification</a></p>
<form method="post" action="${v.signOutAction}" class="inline-form">
  ${csrfField(v.csrf)}
  <button type="submit" class="link-button">Sign out</button>
</form>`,
  });
}

export interface ConfirmDisconnectView {
  partner: ConnectedPartner;
  action: string;
  cancelHref: string;
  csrf: string;
}

/** One question per page: disconnecting cannot be undone by the person, only by connecting again. */
export function confirmDisconnectPage(v: ConfirmDisconnectView): string {
  return layout({
    title: `Disconnect ${v.partner.name}?`,
    body: html`<p><strong>${v.partner.name}</strong> will no longer be able to see or act on ${v.partner.profiles.length === 1 ? 'this profile' : 'these profiles'}:</p>
<ul class="ticks">${v.partner.profiles.map((p) => html`<li>${p.name} (${typeLabel(p.type).toLowerCase()})</li>`)}</ul>
<p class="hint">Its access ends at once. To use it with your account again, you connect it again from ${v.partner.name}.</p>
<form method="post" action="${v.action}" class="actions">
  ${csrfField(v.csrf)}
  <input type="hidden" name="clientId" value="${v.partner.clientId}">
  <button type="submit" class="button primary">Disconnect</button>
  <a class="button secondary" href="${v.cancelHref}">Cancel</a>
</form>`,
  });
}

export function signedOutPage(signInHref: string): string {
  return layout({
    title: 'You are signed out',
    body: html`<p>You are no longer signed in on this site.</p>
<p class="after-form"><a href="${signInHref}">Log in again</a></p>`,
  });
}
