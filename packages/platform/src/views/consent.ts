import { html } from '@account-access/kit';
import type { ProfileType } from '../profiles/index.js';
import { csrfField, layout, type PageError } from './layout.js';
import { typeLabel } from './profile.js';

export interface ConsentView {
  partnerName: string;
  profileName: string;
  profileType: ProfileType;
  email: string;
  action: string;
  signOutAction: string;
  /** Where the person can disconnect later (the account pages' connected apps). */
  accountHref: string;
  csrf: string;
  errors?: PageError[];
}

export function consentPage(v: ConsentView): string {
  return layout({
    title: `Allow ${v.partnerName} to access your account?`,
    context: html`Signed in as <strong>${v.email}</strong>`,
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`<div class="summary">
  <p class="summary-label">Profile</p>
  <p class="summary-value">${v.profileName} <span class="tag">${typeLabel(v.profileType)}</span></p>
</div>
<p><strong>${v.partnerName}</strong> will be able to:</p>
<ul class="ticks">
  <li>see this profile's details</li>
  <li>act on this profile on your behalf until you disconnect it</li>
</ul>
<p class="hint">Your other profiles stay private. You can disconnect at any time from <a href="${v.accountHref}">Connected apps</a> in your account.</p>
<form method="post" action="${v.action}" class="actions">
  ${csrfField(v.csrf)}
  <button type="submit" name="decision" value="allow" class="button primary">Allow</button>
  <button type="submit" name="decision" value="deny" class="button secondary">Deny</button>
</form>
<form method="post" action="${v.signOutAction}" class="inline-form">
  ${csrfField(v.csrf)}
  <button type="submit" class="link-button">Not you? Sign out</button>
</form>`,
  });
}
