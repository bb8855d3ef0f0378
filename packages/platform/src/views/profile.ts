import { Html, html } from '@account-access/kit';
import { MAX_BUSINESS_NAME, MAX_NAME, type ProfileType } from '../profiles/index.js';
import { csrfField, fieldError, invalidAttrs, layout, type PageError } from './layout.js';

export interface ProfileChoice {
  id: number;
  type: ProfileType;
  name: string;
}

export interface ProfileView {
  partnerName: string;
  email: string;
  action: string;
  signOutAction: string;
  csrf: string;
  profiles: ProfileChoice[];
  /** A person has at most one personal profile (contract §8). */
  canCreatePersonal: boolean;
  values?: Record<string, string>;
  errors?: PageError[];
}

/** The word for a profile's type on the pages. */
export const typeLabel = (t: ProfileType) => (t === 'PERSONAL' ? 'Personal' : 'Business');

function chooser(v: ProfileView) {
  if (v.profiles.length === 0) return html``;
  return html`<form method="post" action="${v.action}" novalidate>
  ${csrfField(v.csrf)}
  <fieldset class="choices">
    <legend>Your profiles</legend>
    ${fieldError(v.errors, 'profileId')}
    ${v.profiles.map((p, i) => {
      // The first radio carries the field's own id so the error summary can link to it.
      const id = i === 0 ? 'profileId' : `profile-${p.id}`;
      return html`<label class="choice" for="${id}">
      <input type="radio" id="${id}" name="profileId" value="${p.id}"${i === 0 ? html` checked` : ''}>
      <span class="choice-text"><span class="choice-name">${p.name}</span><span class="choice-meta">${typeLabel(p.type)} profile</span></span>
    </label>`;
    })}
  </fieldset>
  <button type="submit" class="button primary">Continue with this profile</button>
</form>`;
}

function creator(v: ProfileView) {
  const val = (name: string) => v.values?.[name] ?? '';
  const type = v.values?.['type'] ?? (v.canCreatePersonal ? 'PERSONAL' : 'BUSINESS');
  const input = (name: string, label: string, attrs: string, hint?: string) => html`<div class="field">
      <label for="${name}">${label}</label>
      ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ''}
      ${fieldError(v.errors, name)}
      <input id="${name}" name="${name}" ${new Html(attrs)} value="${val(name)}"${invalidAttrs(v.errors, name)}>
    </div>`;
  const form = html`<form method="post" action="${v.action}" class="creator" novalidate>
  ${csrfField(v.csrf)}
  <fieldset class="choices compact">
    <legend>Profile type</legend>
    <div class="choice-row">
    ${
      v.canCreatePersonal
        ? html`<label class="choice" for="type-personal"><input type="radio" id="type-personal" name="type" value="PERSONAL"${type === 'PERSONAL' ? html` checked` : ''}><span class="choice-text"><span class="choice-name">Personal</span><span class="choice-meta">For yourself</span></span></label>`
        : ''
    }
    <label class="choice" for="type-business"><input type="radio" id="type-business" name="type" value="BUSINESS"${type === 'BUSINESS' ? html` checked` : ''}><span class="choice-text"><span class="choice-name">Business</span><span class="choice-meta">For a company you run</span></span></label>
    </div>
  </fieldset>
  <div class="group group-personal">
    <p class="group-title">Personal profile</p>
    ${input('firstName', 'First name', `type="text" autocomplete="given-name" maxlength="${MAX_NAME}"`)}
    ${input('lastName', 'Last name', `type="text" autocomplete="family-name" maxlength="${MAX_NAME}"`)}
    ${input('dateOfBirth', 'Date of birth', 'type="date" autocomplete="bday"', 'For example, 27 April 1990')}
  </div>
  <div class="group group-business">
    <p class="group-title">Business profile</p>
    ${input('businessName', 'Business name', `type="text" autocomplete="organization" maxlength="${MAX_BUSINESS_NAME}"`)}
  </div>
  <button type="submit" class="button ${v.profiles.length ? 'secondary' : 'primary'}">Create profile and continue</button>
</form>`;
  return v.profiles.length
    ? html`<details class="disclosure"${v.values ? html` open` : ''}><summary>Create a new profile</summary>${form}</details>`
    : html`<p>You don't have a profile yet. Create one to connect.</p>${form}`;
}

export function profilePage(v: ProfileView): string {
  return layout({
    title: v.profiles.length ? 'Choose a profile' : 'Create a profile',
    context: html`<strong>${v.partnerName}</strong> will get access to one profile`,
    ...(v.errors ? { errors: v.errors } : {}),
    body: html`<p class="signed-in">Signed in as <strong>${v.email}</strong></p>
${chooser(v)}
${creator(v)}
<form method="post" action="${v.signOutAction}" class="inline-form">
  ${csrfField(v.csrf)}
  <button type="submit" class="link-button">Not you? Sign out</button>
</form>`,
  });
}
