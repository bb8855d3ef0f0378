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
${v.forgotHref ? html`<p class="after-form"><a href="${v.forgotHref}">Forgot or never set your password?</a></p>` : ''}`,
  });
}
