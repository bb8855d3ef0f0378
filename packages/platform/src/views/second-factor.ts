import { html } from '@account-access/kit';
import { csrfField, fieldError, invalidAttrs, layout, type PageError } from './layout.js';

export interface SecondFactorView {
  partnerName: string;
  action: string;
  signOutAction: string;
  csrf: string;
  errors?: PageError[];
}

export function secondFactorPage(v: SecondFactorView): string {
  return layout({
    title: 'Enter your security code',
    context: html`<strong>${v.partnerName}</strong> wants to connect to your account`,
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`<p>Open your authenticator app and enter the 6‑digit code it shows for this account.</p>
<form method="post" action="${v.action}" novalidate>
  ${csrfField(v.csrf)}
  <div class="field">
    <label for="code">Security code</label>
    ${fieldError(v.errors, 'code')}
    <input id="code" name="code" class="code-input" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="6" autocomplete="one-time-code" autofocus required${invalidAttrs(v.errors, 'code')}>
  </div>
  <button type="submit" class="button primary">Continue</button>
</form>
<form method="post" action="${v.signOutAction}" class="inline-form">
  ${csrfField(v.csrf)}
  <button type="submit" class="link-button">Not you? Sign out</button>
</form>`,
  });
}
