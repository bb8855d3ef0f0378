import { html } from '@account-access/kit';
import { layout } from './layout.js';

export interface EmbeddedBrowserView {
  partnerName: string;
  /** What was recognised, e.g. "Android WebView" (http/embedded-browser.ts). */
  userAgent: string;
  /** This authorization request's own absolute URL, to copy into a browser. */
  url: string;
}

/**
 * The answer to an authorization request from an embedded user agent (RFC 8252 §8.12): the person is told
 * to open the page in their browser, and the partner's developer why and what to use instead (RFC 8252 §6).
 */
export function embeddedBrowserPage(v: EmbeddedBrowserView): string {
  return layout({
    title: 'Open this page in your browser',
    context: html`${v.partnerName} opened this sign-in page inside its app`,
    body: html`<p>For your security, you cannot sign in here: the app showing this page could read what you type. Copy the address below into Safari, Chrome or the browser you usually use, or go back to ${v.partnerName} and update the app.</p>
<p class="summary-value"><code>${v.url}</code></p>
<details>
  <summary>For ${v.partnerName}'s developers</summary>
  <p class="hint">This request came from an embedded browser (${v.userAgent}). Authorization pages are not shown in WebViews or in-app browsers (RFC 8252 §8.12; Wise's partner guide asks the same, and Google sign-in refuses them). Open the authorization URL in the system browser: Custom Tabs on Android, ASWebAuthenticationSession or SFSafariViewController on iOS (RFC 8252 §6).</p>
</details>`,
  });
}
