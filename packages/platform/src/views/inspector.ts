import { type Html, html } from '@account-access/kit';
import {
  INSPECTOR_ACTIONS,
  type InspectorClock,
  type InspectorData,
  type InspectorFault,
  type InspectorRequest,
} from './inspector-data.js';
import {
  actionButton,
  clientsTable,
  deliveriesTable,
  documentsTable,
  grantsTable,
  outboxList,
  usersTable,
} from './inspector-sections.js';
import { csrfField, layout } from './layout.js';

/** The inspector's own rules on top of the platform's stylesheet (tables, mail, small buttons). */
export const INSPECTOR_STYLESHEET_PATH = '/assets/inspector.css';

/** The JSON twin of the journal section (issue 11 `GET /_sandbox/requests`). */
const REQUESTS_JSON = '/_sandbox/requests?limit=50';

const section = (id: string, title: string, body: Html, links: Html | '' = '') =>
  html`<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${links}${body}</section>`;

/** A section whose service this platform does not have is said so, not left out silently. */
const missing = html`<p class="hint">Not available on this platform.</p>`;

function clockForm(clock: InspectorClock, csrf: string): Html {
  const offset =
    clock.offsetSeconds === 0 ? 'real time' : `${clock.offsetSeconds} seconds ahead of real time`;
  return html`<p>Platform time <strong><time datetime="${clock.now}">${clock.now}</time></strong> (${offset}).</p>
<form method="post" action="${INSPECTOR_ACTIONS.clock}" class="inline-fields">
  <label for="advance-seconds">Advance by (seconds)</label>
  <input id="advance-seconds" name="advanceSeconds" type="number" min="1" step="1" inputmode="numeric" required value="1800">
  <button type="submit" class="small-button">Advance</button>${csrfField(csrf)}
</form>
<p class="hint">30 minutes: 1800 (codes and links expire); 12 hours: 43200 (access tokens expire).</p>
${clock.offsetSeconds === 0 ? '' : html`<form method="post" action="${INSPECTOR_ACTIONS.clock}"><input type="hidden" name="reset" value="true"><button type="submit" class="small-button">Back to real time</button>${csrfField(csrf)}</form>`}`;
}

function requestsTable(requests: readonly InspectorRequest[]): Html {
  if (requests.length === 0) return html`<p class="hint">No requests yet.</p>`;
  return html`<div class="scroll"><table><thead><tr><th scope="col">At</th><th scope="col">Request</th><th scope="col">Status</th><th scope="col">Client</th><th scope="col">ms</th></tr></thead><tbody>
${requests.map((r) => html`<tr><td>${r.at}</td><td class="wrap"><code>${r.method} ${r.path}</code></td><td>${r.status}</td><td class="wrap">${r.clientId ?? '–'}</td><td>${r.durationMs}</td></tr>`)}
</tbody></table></div>`;
}

function faultsList(faults: readonly InspectorFault[], csrf: string): Html {
  if (faults.length === 0)
    return html`<p class="hint">No active faults: every request gets its real answer.</p>`;
  return html`<ul class="plain">${faults.map(
    (f) =>
      html`<li><code>${f.method} ${f.path}</code> → ${f.drop ? 'dropped connection' : (f.status ?? 'the real answer')}${f.delayMs ? ` after ${f.delayMs} ms` : ''} · ${f.remaining} left</li>`,
  )}</ul>${actionButton(csrf, INSPECTOR_ACTIONS.clearFaults, 'Clear faults', 'Clear every fault')}`;
}

const NAV: readonly [string, string][] = [
  ['clock', 'Clock'],
  ['users', 'Users'],
  ['clients', 'Clients'],
  ['grants', 'Grants'],
  ['outbox', 'Outbox'],
  ['webhooks', 'Webhooks'],
  ['documents', 'Documents'],
  ['requests', 'Requests'],
  ['faults', 'Faults'],
];

/**
 * `GET /_sandbox`, the inspector (issue 11): everything the sandbox holds, server-rendered like the hosted
 * pages (the same escaping, CSP and CSRF), usable without JavaScript and at 390 px.
 */
export function inspectorPage(data: InspectorData): string {
  const { csrf } = data;
  return layout({
    title: 'Sandbox inspector',
    context: html`<a href="/">Account access platform</a> · sandbox`,
    wide: true,
    stylesheets: [INSPECTOR_STYLESHEET_PATH],
    footer:
      'The sandbox control plane: every button here is a call a script can make too (README, “sandbox mode”).',
    body: html`${data.logout ? actionButton(data.logout.csrf, data.logout.action, 'Log out', 'Log out of the inspector') : ''}
${data.notice ? html`<p class="notice" role="status">${data.notice}</p>` : ''}
<nav aria-label="Sections"><ul class="section-nav">${NAV.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ul></nav>
${section('clock', 'Clock', data.clock ? clockForm(data.clock, csrf) : missing)}
${section('users', 'Users', data.users ? usersTable(data.users, csrf) : missing)}
${section('clients', 'Clients', data.clients ? clientsTable(data.clients) : missing)}
${section('grants', 'Live grants', data.grants ? grantsTable(data.grants, csrf) : missing)}
${section('outbox', 'Outbox', outboxList(data.outbox))}
${section('webhooks', 'Webhook deliveries', deliveriesTable(data.webhooks, csrf))}
${section('documents', 'Verification documents', documentsTable(data.documents))}
${section(
  'requests',
  'Requests',
  data.requests ? requestsTable(data.requests) : missing,
  data.requests
    ? html`<p class="hint">The latest 50, newest first. <a href="${REQUESTS_JSON}">As JSON</a>, with headers and bodies (secrets redacted).</p>`
    : '',
)}
${section('faults', 'Faults', data.faults ? faultsList(data.faults, csrf) : missing)}`,
  });
}

export const INSPECTOR_STYLESHEET = `
section { border-top: 1px solid #e3e5df; padding-top: .5rem; margin-top: 1.5rem; }
.section-nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.section-nav a { color: var(--brand); font-weight: 600; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid #e3e5df; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.wrap { overflow-wrap: anywhere; min-width: 8rem; }
ul.plain, ol.plain { list-style: none; padding: 0; margin: 0; }
.tag.danger { color: var(--danger); border-color: var(--danger); }
.small-button { font: inherit; font-weight: 600; font-size: .9rem; padding: .35rem .75rem; border-radius: .5rem;
  border: 2px solid var(--brand); background: #fff; color: var(--brand); cursor: pointer; min-height: 2.25rem; }
.small-button:hover { background: var(--soft); }
.row-action { display: inline-block; margin: .15rem .25rem .15rem 0; }
.actions-cell { white-space: nowrap; }
.mail { border: 1px solid #e3e5df; border-radius: .6rem; padding: .75rem 1rem; margin-bottom: .75rem; }
.mail-head { display: grid; grid-template-columns: auto 1fr; gap: .1rem .75rem; margin: 0 0 .5rem; }
.mail-head dt { color: var(--muted); } .mail-head dd { margin: 0; overflow-wrap: anywhere; }
.mail-text { white-space: pre-wrap; overflow-wrap: anywhere; font: .85rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 0; }
.mail-text a { color: var(--brand); font-weight: 600; }
.inline-fields { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: .5rem; }
.inline-fields label { margin: 0; }
.inline-fields input { width: 9rem; font: inherit; padding: .35rem .5rem; border: 2px solid var(--line); border-radius: .5rem; }
/* A narrow screen: each row becomes a block of its cells, so every button is in reach without scrolling. */
@media (max-width: 40rem) {
  table, tbody, tr, td { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border-bottom: 1px solid #e3e5df; padding: .5rem 0; }
  td { border: 0; padding: .15rem 0; min-width: 0; }
  .wrap { min-width: 0; }
}
.notice { border-left: 4px solid var(--accent); background: var(--soft); padding: .6rem .9rem; border-radius: .4rem; }
`;
