import { errorSummary, FAVICON_SVG_PATH, type Html, html } from '@account-access/kit';
import { type LinkState, stateLabels } from '../link-states.js';
import type { Customer } from '../store/customers.js';
import type { LinkRecord } from '../store/links.js';
import { documentCard, methodLabel, type VerificationStatus, verificationLabel } from './link-views.js';

/**
 * Views get only what they show: these are the fields each page draws, never the partner's config or a
 * whole record with fields a page has no business with.
 */
export interface PageContext {
  /** The CSRF token the page's forms carry. */
  readonly csrf: string;
  /** Whoever is signed in (the header shows the name and a sign-out form). */
  readonly signedIn: Pick<Customer, 'firstName' | 'lastName'> | null;
  /** Whether the demo sign-in and the admin page exist. */
  readonly demo: boolean;
  /** What the pages call the provider, e.g. "Wise" (`PARTNER_PROVIDER_NAME`, issue 13). */
  readonly provider: string;
}

export type SignInChoice = Pick<Customer, 'id' | 'firstName' | 'lastName' | 'email' | 'note'>;
export type AccountHolder = Pick<Customer, 'firstName' | 'email' | 'dateOfBirth' | 'cpf'> & {
  readonly address: Pick<Customer['address'], 'countryIso3'>;
};
export type LinkStatus = Pick<
  LinkRecord,
  'state' | 'lastError' | 'wiseProfileId' | 'linkMethod' | 'linkedBy' | 'document'
>;

export interface AdminRow {
  readonly customer: Pick<Customer, 'firstName' | 'lastName' | 'email'>;
  readonly link: Pick<
    LinkRecord,
    'state' | 'lastError' | 'linkMethod' | 'linkedBy' | 'wiseProfileId' | 'updatedAt'
  > | null;
  readonly hasTokens: boolean;
  readonly verification: VerificationStatus;
}

export function layout(title: string, ctx: PageContext, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Demo Bank</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="${FAVICON_SVG_PATH}" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="bar">
  <a href="/">Demo Bank</a>
  ${
    ctx.signedIn
      ? html`<form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${ctx.csrf}">
  <span>${ctx.signedIn.firstName} ${ctx.signedIn.lastName}</span>
  <button class="secondary" type="submit">Sign out</button></form>`
      : ''
  }
</header>
<main id="main">
${body}
</main>
</body>
</html>
`.value;
}

export const csrfField = (ctx: PageContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

export function signInPage(ctx: PageContext, customers: readonly SignInChoice[]): string {
  return layout(
    'Sign in',
    ctx,
    html`<h1>Sign in to Demo Bank</h1>
<div class="card">
<p class="muted">A demonstration: pick a customer to sign in as. No password is needed.</p>
<ul class="people">
${customers.map(
  (c) => html`<li><div><strong>${c.firstName} ${c.lastName}</strong><br><span class="muted">${c.email}</span>
  ${c.note ? html`<br><small class="muted">${c.note}</small>` : ''}</div>
  <form method="post" action="/sign-in">${csrfField(ctx)}<input type="hidden" name="customerId" value="${c.id}">
  <button type="submit" aria-label="Sign in as ${c.firstName} ${c.lastName}">Sign in</button></form></li>`,
)}
</ul>
</div>
${ctx.demo ? html`<p><a href="/admin">Admin: customers and link states</a></p>` : ''}`,
  );
}

function verificationClass(verification: VerificationStatus): string {
  return verification?.state === 'verified' ? 'ok' : 'wait';
}

function statusClass(state: LinkState): string {
  if (state === 'linked') return 'ok';
  // The customer's own choice: neither good nor bad news.
  if (state === 'disconnected') return 'off';
  if (['refused_dob_mismatch', 'link_failed', 'document_rejected', 'relink_required'].includes(state))
    return 'bad';
  return 'wait';
}

export function accountPage(
  ctx: PageContext,
  customer: AccountHolder,
  link: LinkStatus,
  extra: {
    termsUrl: string;
    notice?: string | undefined;
    /** `ok`: the notice reports something done (green), else something to wait for (yellow). */
    noticeKind?: 'ok' | 'wait';
    wiseName?: string | null;
    verification?: VerificationStatus;
  },
): string {
  const provider = ctx.provider;
  const connectable = link.state !== 'linked' && link.state !== 'document_rejected';
  const newUser = link.state === 'none';
  return layout(
    'Your account',
    ctx,
    html`<h1>Hello, ${customer.firstName}</h1>
${extra.notice ? html`<p class="notice${extra.noticeKind === 'ok' ? ' ok' : ''}" role="status">${extra.notice}</p>` : ''}
<section class="card" aria-labelledby="wise-h">
<h2 id="wise-h">Your ${provider} account</h2>
<p>Status: <span class="status ${statusClass(link.state)}">${stateLabels(provider)[link.state]}</span></p>
${link.lastError ? html`<p class="error" role="alert">${link.lastError}</p>` : ''}
${
  link.wiseProfileId !== null
    ? html`<p>Verification: <span class="verification ${verificationClass(extra.verification ?? null)}" id="verification">${verificationLabel(extra.verification ?? null, provider)}</span></p>`
    : ''
}
${
  link.state === 'linked'
    ? html`<dl><dt>${provider} profile</dt><dd>${link.wiseProfileId ?? '—'}</dd>${
        typeof extra.wiseName === 'string' ? html`<dt>Name at ${provider}</dt><dd>${extra.wiseName}</dd>` : ''
      }</dl>
<p class="actions"><a class="button secondary" href="/wise/disconnect">Disconnect your ${provider} account</a></p>`
    : ''
}
${
  connectable
    ? html`<form method="post" action="/wise/connect">${csrfField(ctx)}
<p>${
        newUser
          ? html`We will open a ${provider} account for you with the details we hold, or connect the one you have.
By continuing you agree to the <a href="${extra.termsUrl}" target="_blank" rel="noopener noreferrer">${provider} terms and conditions</a>.`
          : `Connect the ${provider} account that belongs to you.`
      }</p>
<button type="submit">Connect your ${provider} account</button></form>`
    : ''
}
${
  link.state === 'linking' && link.linkMethod === 'email'
    ? html`<p><a href="/wise/code">Enter the code from the ${provider} email</a></p>`
    : ''
}
</section>
${documentCard(customer.cpf, link, extra.verification ?? null, provider)}
<section class="card" aria-labelledby="you-h">
<h2 id="you-h">Your details at Demo Bank</h2>
<dl><dt>Email</dt><dd>${customer.email}</dd><dt>Date of birth</dt><dd>${customer.dateOfBirth}</dd>
<dt>Country</dt><dd>${customer.address.countryIso3}</dd></dl>
</section>`,
  );
}

export function codePage(ctx: PageContext, message?: string): string {
  const provider = ctx.provider;
  return layout(
    // GOV.UK: the title says there is an error, so it is heard first when the page opens.
    message ? `Error: Enter your ${provider} code` : `Enter your ${provider} code`,
    ctx,
    html`<h1>Enter your ${provider} code</h1>
${message ? errorSummary([{ text: message, field: 'code' }]) : ''}
<div class="card">
<p>${provider} has emailed you a link. Open it, sign in to ${provider}, choose your profile and allow access:
${provider} then shows you a short code. Type it here.</p>
<form method="post" action="/wise/code">${csrfField(ctx)}
<label for="code">Code from ${provider}</label>
${message ? html`<p class="field-error" id="code-error">${message}</p>` : ''}
<input id="code" name="code" type="text" autocomplete="one-time-code" inputmode="text" required
 ${message ? html`aria-invalid="true" aria-describedby="code-error"` : ''}>
<p><button type="submit">Connect</button></p>
</form>
</div>
<p><a href="/account">Back to your account</a></p>`,
  );
}

export function messagePage(
  ctx: PageContext,
  title: string,
  message: string,
  kind: 'ok' | 'error' = 'error',
): string {
  return layout(
    title,
    ctx,
    html`<h1>${title}</h1>
<div class="card"><p class="${kind === 'ok' ? 'notice ok' : 'error'}" role="${kind === 'ok' ? 'status' : 'alert'}">${message}</p>
<p><a href="/account">Back to your account</a></p></div>`,
  );
}

/**
 * The table scrolls inside its card on a phone; the card takes focus (a named region) so the keyboard can
 * scroll it too (WCAG 2.1.1, axe `scrollable-region-focusable`).
 */
export function adminPage(ctx: PageContext, rows: readonly AdminRow[]) {
  return layout(
    'Admin',
    ctx,
    html`<h1>Customers and their ${ctx.provider} links</h1>
<div class="card table-wrap" tabindex="0" role="region" aria-label="Customers">
<table>
<caption class="muted">No secret is shown here: registration codes and tokens stay in the vault.</caption>
<thead><tr><th scope="col">Customer</th><th scope="col">State</th><th scope="col">Method</th>
<th scope="col">${ctx.provider} profile</th><th scope="col">Verification</th><th scope="col">Tokens</th><th scope="col">Updated</th></tr></thead>
<tbody>
${rows.map(
  ({
    customer,
    link,
    hasTokens,
    verification,
  }) => html`<tr><td>${customer.firstName} ${customer.lastName}<br><small class="muted">${customer.email}</small></td>
<td class="wide">${link ? link.state : 'none'}${
    link?.lastError ? html`<br><small class="muted">${link.lastError}</small>` : ''
  }</td><td>${methodLabel(link, ctx.provider)}</td>
<td>${link?.wiseProfileId ?? ''}</td><td>${link?.wiseProfileId ? verificationLabel(verification, ctx.provider) : ''}</td>
<td>${hasTokens ? 'stored' : ''}</td>
<td class="nowrap">${
    link
      ? html`${link.updatedAt.toISOString().slice(0, 10)}<br><small class="muted">${link.updatedAt.toISOString().slice(11, 16)} UTC</small>`
      : ''
  }</td></tr>`,
)}
</tbody>
</table>
</div>`,
  );
}
