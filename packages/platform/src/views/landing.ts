import { type Html, html } from '@account-access/kit';
import { layout } from './layout.js';

export interface LandingLinks {
  /** The sandbox inspector; null outside sandbox mode. */
  inspector: string | null;
  /** The contract served as text; null when the file is not there (no dead links). */
  contract: string | null;
  /** The machine-readable API description; null until the platform serves one. */
  apiDescription: string | null;
  /** The reference page rendered from it; null until the platform serves one. */
  apiReference: string | null;
}

export interface Landing {
  issuer: string;
  sandbox: boolean;
  /** The run mode (development, test, production): whether the control plane needs the sandbox key. */
  mode: string;
  links: LandingLinks;
}

const FOOTER = 'account-access platform: a Wise-compatible authorization server and account API.';

const item = (href: string | null, label: string, about: string): Html | '' =>
  href === null ? '' : html`<li><a href="${href}">${label}</a> <span class="hint">${about}</span></li>`;

/**
 * `GET /` (issue 11): what runs here and where to go next. In production only what the public may read;
 * in sandbox mode the inspector and the control plane too.
 */
export function landingPage(page: Landing): string {
  const { links } = page;
  const docs = html`<ul class="links">
    ${item(links.contract, 'The contract', 'what this server speaks, byte for byte: Wise’s partner account-access API')}
    ${item(links.apiReference, 'API reference', 'every route, its parameters, bodies and responses')}
    ${item(links.apiDescription, 'API description', 'OpenAPI, for tools')}
  </ul>`;
  if (!page.sandbox) {
    return layout({
      title: 'Account access',
      wide: true,
      footer: FOOTER,
      body: html`<p>This is an account provider’s authorization server and account API, compatible with Wise’s partner API.</p>${docs}`,
    });
  }
  return layout({
    title: 'Account access platform',
    context: html`<span class="tag">Sandbox</span>`,
    wide: true,
    footer: FOOTER,
    body: html`<p>A local, stateful stand-in for Wise’s sandbox: the OAuth 2.0 authorization server, the user,
profile and verification API, the hosted login, consent and emailed-code pages, a mail outbox and webhooks.
Nothing here is real money or a real person.</p>
<dl class="facts">
  <dt>API base and issuer</dt><dd><code>${page.issuer}</code></dd>
  <dt>Mode</dt><dd>sandbox, in ${page.mode} mode: the control plane under <code>/_sandbox/</code> is on</dd>
  <dt>Access</dt><dd>${
    page.mode === 'production'
      ? html`the inspector and the control plane need the sandbox key (<code>PLATFORM_SANDBOX_KEY</code>)`
      : html`open to requests from this machine without a key; from anywhere else the sandbox key (<code>PLATFORM_SANDBOX_KEY</code>)`
  }</dd>
</dl>
<h2>Where to go</h2>
<ul class="links">
  ${item(links.inspector, 'The inspector', 'users, clients, grants, the outbox, webhooks, requests, the clock and faults')}
</ul>
${docs}`,
  });
}

/** The contract, as the plain text it is, inside the platform's page (nothing in it is markup). */
export function contractPage(markdown: string): string {
  return layout({
    title: 'The contract',
    wide: true,
    footer: FOOTER,
    body: html`<p class="hint"><a href="/">Back to the start page</a></p><pre class="document">${markdown}</pre>`,
  });
}
