import { html } from '@account-access/kit';
import { csrfField, fieldError, invalidAttrs, layout, type PageError } from './layout.js';

export interface TwoFactorSetupView {
  email: string;
  /** The seed in base32, grouped by four for typing. */
  secret: string;
  otpauthUri: string;
  action: string;
  csrf: string;
  errors?: PageError[];
}

/** Contract §7: after reclaiming, the person may turn on TOTP. The seed is shown as text (no QR service). */
export function twoFactorSetupPage(v: TwoFactorSetupView): string {
  return layout({
    title: 'Turn on two-step verification',
    context: html`Signed in as <strong>${v.email}</strong>`,
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`<p>Add this account to your authenticator app by typing the setup key, then enter the 6‑digit code the app shows.</p>
<div class="summary">
  <p class="summary-label">Setup key</p>
  <p class="summary-value secret" id="secret">${v.secret}</p>
</div>
<details class="disclosure"><summary>Use a setup link instead</summary><p class="secret hint" id="otpauth">${v.otpauthUri}</p></details>
<form method="post" action="${v.action}" novalidate>
  ${csrfField(v.csrf)}
  <div class="field">
    <label for="code">Security code</label>
    ${fieldError(v.errors, 'code')}
    <input id="code" name="code" class="code-input" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="6" autocomplete="one-time-code" required${invalidAttrs(v.errors, 'code')}>
  </div>
  <button type="submit" class="button primary">Turn on</button>
</form>`,
  });
}

export function twoFactorOnPage(): string {
  return layout({
    title: 'Two-step verification is on',
    body: html`<p>From now on, logging in asks for a code from your authenticator app after your password.</p>
<p class="hint">You can close this page, or go back to the app you came from.</p>`,
  });
}

export function signInFirstPage(signInHref: string): string {
  return layout({
    title: 'Log in first',
    body: html`<p>Two-step verification can be turned on while you are logged in on this site.</p>
<p class="after-form"><a href="${signInHref}">Log in to your account</a></p>
<p class="hint">Never set a password? Use “Forgot or never set your password?” on the log-in page to get a link.</p>`,
  });
}
