import { type Html, html } from '@account-access/kit';
import {
  INSPECTOR_ACTIONS,
  type InspectorClient,
  type InspectorDelivery,
  type InspectorDocument,
  type InspectorGrant,
  type InspectorMail,
  type InspectorUser,
} from './inspector-data.js';
import { csrfField } from './layout.js';
import { textWithLinks } from './mail-links.js';

/** A small form with one button: the inspector's actions work without JavaScript (post/redirect/get). */
export const actionButton = (csrf: string, action: string, label: string, about: string): Html =>
  html`<form method="post" action="${action}" class="row-action"><button type="submit" class="small-button" aria-label="${about}">${label}</button>${csrfField(csrf)}</form>`;

const none = (what: string) => html`<p class="hint">${what}</p>`;
const yes = (value: boolean, label: string) => (value ? html`<span class="tag">${label}</span>` : '');
/** A table that scrolls on its own on a narrow screen instead of widening the page. */
const table = (head: readonly string[], rows: readonly Html[]) =>
  html`<div class="scroll"><table><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;

export function usersTable(users: readonly InspectorUser[], csrf: string): Html {
  if (users.length === 0) return none('No users yet.');
  return table(
    ['Id', 'Email', 'Profiles', 'State', 'Sign-in'],
    users.map(
      (u) => html`<tr>
  <td>${u.id}</td>
  <td class="wrap">${u.email}${u.createdByClientId ? html`<br><span class="hint">created by ${u.createdByClientId}</span>` : ''}</td>
  <td>${u.profiles.length === 0 ? '–' : html`<ul class="plain">${u.profiles.map((p) => html`<li>${p.id} ${p.type.toLowerCase()}: ${p.name ?? '–'} <span class="hint">${p.verificationState}</span></li>`)}</ul>`}</td>
  <td>${u.state}${yes(u.reclaimed, 'reclaimed')}</td>
  <td>${u.twoFactor ? html`<span class="tag">2FA${u.sandboxTotp ? ' (111111)' : ''}</span>` : html`<span class="hint">no 2FA</span>`}
    ${u.locked ? html`<span class="tag danger">locked</span>${actionButton(csrf, INSPECTOR_ACTIONS.unlockUser(u.email), 'Unlock', `Unlock ${u.email}`)}` : ''}
    ${u.linkedIdentities.map((i) => html`<br><span class="hint">linked: ${i.provider} (${i.email})</span>`)}</td>
</tr>`,
    ),
  );
}

export function clientsTable(clients: readonly InspectorClient[]): Html {
  if (clients.length === 0) return none('No clients yet.');
  return table(
    ['Client id', 'Name', 'Kind', 'Redirect URIs'],
    clients.map(
      (
        c,
      ) => html`<tr><td class="wrap"><code>${c.clientId}</code></td><td>${c.name}</td><td>${c.public ? 'public' : 'confidential'}</td>
  <td class="wrap">${c.redirectUris.length === 0 ? '–' : html`<ul class="plain">${c.redirectUris.map((u) => html`<li>${u}</li>`)}</ul>`}</td></tr>`,
    ),
  );
}

export function grantsTable(grants: readonly InspectorGrant[], csrf: string): Html {
  if (grants.length === 0)
    return none('No live grants. A partner gets one when a customer links or signs up.');
  return table(
    ['Grant', 'Client', 'User', 'Tokens', ''],
    grants.map((g) => {
      const refresh = g.refreshToken
        ? html`<li>refresh: ${g.refreshToken.expired ? 'expired' : `until ${g.refreshToken.expiresAt ?? 'never'}`}</li>`
        : '';
      const access = g.accessTokens.map((t) => html`<li>access #${t.id}: until ${t.expiresAt}</li>`);
      return html`<tr data-grant="${g.id}">
  <td class="wrap"><code>${g.id}</code><br><span class="hint">${g.grantType}, ${g.createdAt}</span></td>
  <td class="wrap">${g.clientId}</td>
  <td>${g.userId ?? '–'}${g.profileIds.length ? html`<br><span class="hint">profiles ${g.profileIds.join(', ')}</span>` : ''}</td>
  <td><ul class="plain">${refresh}${access}</ul></td>
  <td class="actions-cell">${actionButton(csrf, INSPECTOR_ACTIONS.revokeGrant(g.id), 'Revoke', `Revoke grant ${g.id}`)}${actionButton(csrf, INSPECTOR_ACTIONS.expireGrant(g.id), 'Expire', `Expire the access tokens of grant ${g.id}`)}</td>
</tr>`;
    }),
  );
}

/** Each mail as a mail: who, what, when, and its text with every link a real link. */
export function outboxList(mails: readonly InspectorMail[]): Html {
  if (mails.length === 0) return none('No mail yet.');
  return html`${mails.map(
    (m) => html`<article class="mail" id="mail-${m.id}">
  <dl class="mail-head"><dt>To</dt><dd>${m.to}</dd><dt>Subject</dt><dd><strong>${m.subject}</strong></dd>
  <dt>Written</dt><dd>${m.createdAt}${m.deliveredAt ? ` · sent ${m.deliveredAt}` : ' · not sent'}</dd></dl>
  <pre class="mail-text">${textWithLinks(m.text)}</pre>
</article>`,
  )}`;
}

export function deliveriesTable(deliveries: readonly InspectorDelivery[], csrf: string): Html {
  if (deliveries.length === 0) return none('No webhook deliveries yet.');
  return table(
    ['Event', 'To', 'Status', 'Attempts', ''],
    deliveries.map(
      (d) => html`<tr>
  <td>${d.eventType}${yes(d.test, 'test')}<br><span class="hint wrap">${d.deliveryId}</span></td>
  <td class="wrap">${d.url}<br><span class="hint">${d.clientId}</span></td>
  <td>${d.status}${d.nextAttemptAt ? html`<br><span class="hint">next ${d.nextAttemptAt}</span>` : ''}</td>
  <td>${d.attempts.length === 0 ? '–' : html`<ol class="plain">${d.attempts.map((a) => html`<li>#${a.attempt} ${a.attemptedAt}: ${a.status ?? 'no answer'}${a.error ? ` (${a.error})` : ''}</li>`)}</ol>`}</td>
  <td>${actionButton(csrf, INSPECTOR_ACTIONS.redeliver(d.deliveryId), 'Redeliver', `Redeliver ${d.deliveryId}`)}</td>
</tr>`,
    ),
  );
}

export function documentsTable(documents: readonly InspectorDocument[]): Html {
  if (documents.length === 0) return none('No verification documents yet.');
  return table(
    ['Profile', 'Type', 'Number', 'Holder', 'Partner', 'Sent'],
    documents.map(
      (d) => html`<tr><td>${d.profileId}</td><td>${d.type}</td><td>…${d.identifierLastDigits}</td>
  <td>${[d.firstName, d.lastName].filter(Boolean).join(' ') || '–'}</td><td class="wrap">${d.clientId}</td><td>${d.createdAt}</td></tr>`,
    ),
  );
}
