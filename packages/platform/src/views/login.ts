import { html } from '@account-access/kit';
import { csrfField, emailField, fieldError, invalidAttrs, layout, type PageError } from './layout.js';

export interface LoginView {
  partnerName: string;
  action: string;
  csrf: string;
  /** Contract §7: where a person without a (known) password sets one. */
  forgotHref?: string;
  email?: string;
  errors?: PageError[];
  /** Issue 16: one "Continue with <name>" button per configured OpenID provider (none in a WebView). */
  federated?: { name: string; action: string }[];
}

export function loginPage(v: LoginView): string {
  return layout({
    title: 'Log in',
    context: html`<strong>${v.partnerName}</strong> wants to connect to your account`,
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`<form method="post" action="${v.action}" novalidate>
  ${csrfField(v.csrf)}
  ${emailField(v.errors, v.email)}
  <div class="field">
    <label for="password">Password</label>
    ${fieldError(v.errors, 'password')}
    <input id="password" name="password" type="password" autocomplete="current-password" required${invalidAttrs(v.errors, 'password')}>
  </div>
  <button type="submit" class="button primary">Log in</button>
</form>
${v.federated?.length ? federatedButtons(v.federated, v.csrf) : ''}
${v.forgotHref ? html`<p class="after-form"><a href="${v.forgotHref}">Forgot or never set your password?</a></p>` : ''}`,
  });
}

/** After the password form, so the page's first form stays the step's own (issue 16). */
function federatedButtons(providers: { name: string; action: string }[], csrf: string) {
  return html`<p class="or">or</p>
${providers.map(
  (p) => html`<form method="post" action="${p.action}" class="federated">
  ${csrfField(csrf)}
  <button type="submit" class="button secondary">Continue with ${p.name}</button>
</form>`,
)}`;
}
