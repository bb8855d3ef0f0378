import { html } from '@account-access/kit';
import { layout } from './layout.js';

/** A page for what cannot go back to the partner: unknown client, unregistered redirect_uri, expired flow. */
export function errorPage(title: string, message: string): string {
  return layout({
    title,
    body: html`<p>${message}</p><p class="hint">Go back to the app or website you came from and start again.</p>`,
  });
}
