import { html } from '@account-access/kit';
import { layout } from './layout.js';

export interface ShownCodeView {
  partnerName: string;
  /** Grouped for reading, e.g. `K7QF-3MZP`. */
  code: string;
  profileName: string;
  validMinutes: number;
}

/** Contract §6 and §4 `forwardingMode=showCode`: the short code to type into the partner's app, after Allow. */
export function shownCodePage(v: ShownCodeView): string {
  return layout({
    title: `Your code for ${v.partnerName}`,
    context: html`Access granted to <strong>${v.profileName}</strong>`,
    body: html`<p>Type this code into <strong>${v.partnerName}</strong>'s app to finish connecting:</p>
<p class="shown-code" aria-label="Your code: ${v.code.split('').join(' ')}">${v.code}</p>
<ul class="ticks">
  <li>It works once, and only in ${v.partnerName}'s app.</li>
  <li>It expires in ${v.validMinutes} minutes.</li>
</ul>
<p class="hint">Never read this code to anyone who calls or messages you. You can close this page once you have typed it.</p>`,
  });
}

/** Contract §6 (an emailed link) and §4 `forwardingMode=showCode`: the person chose Deny. */
export function notGrantedPage(partnerName: string, emailed: boolean): string {
  return layout({
    title: `${partnerName} was not given access`,
    body: html`<p>You chose not to connect your account. <strong>${partnerName}</strong> has not been given access to any of your profiles.</p>
<p class="hint">If you change your mind, ${emailed ? html`ask ${partnerName} to send you a new email` : html`start connecting again from ${partnerName}`}. You can close this page.</p>`,
  });
}

export interface AlreadyAllowedView {
  partnerName: string;
  profileName: string;
  /** The account page, where a connected partner is disconnected. */
  accountHref: string;
}

/** Issue 13, item 3: an emailed link opened again after the person allowed access (contract §6). */
export function alreadyAllowedPage(v: AlreadyAllowedView): string {
  return layout({
    title: `You already allowed ${v.partnerName}`,
    context: html`Access granted to <strong>${v.profileName}</strong>`,
    body: html`<p>You used this link already and allowed <strong>${v.partnerName}</strong> to access <strong>${v.profileName}</strong>. There is nothing more to do here, and you can close this page.</p>
<p class="hint">Each emailed link works once. If ${v.partnerName} still asks you for a code, ask it to send you a new email. You can disconnect ${v.partnerName} at any time from <a href="${v.accountHref}">Connected apps</a> in your account.</p>`,
  });
}
