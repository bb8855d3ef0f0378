import { html } from '@account-access/kit';
import { csrfField, layout } from './layout.js';

/** What a finished flow's code became, when its page no longer shows it (contract §6). */
export type ShownCodeState = 'used' | 'expired' | 'elsewhere';

export interface FlowOutcomeView {
  partnerName: string;
  allowed: boolean;
  /** The profile shared; only for the browser that finished the flow. */
  profileName: string | null;
  /** The partner's site, for a way back (a redirect flow with a web redirect_uri). */
  partnerHref: string | null;
  /** A `display` flow that was allowed: why its code is not on the page. */
  code?: ShownCodeState;
  /** An emailed link (contract §6): a new start is a new email, not a new visit to the partner. */
  emailed: boolean;
}

const again = (v: FlowOutcomeView) =>
  v.emailed ? html`ask ${v.partnerName} to send you a new email` : html`start again from ${v.partnerName}`;

function codeNote(v: FlowOutcomeView) {
  if (v.code === 'used')
    return html`<p>The code shown here has been typed into ${v.partnerName}'s app; it cannot be used again.</p>`;
  if (v.code === 'expired')
    return html`<p>The code shown here has expired. If you did not type it in time, ${again(v)}.</p>`;
  if (v.code === 'elsewhere')
    return html`<p>The code is shown only where you finished connecting, in that browser. If you no longer have it, ${again(v)}.</p>`;
  return '';
}

/**
 * The page of a finished flow, on reload, Back or a second tab (issue 13): what the person decided, and a
 * way on, instead of an error.
 */
export function flowOutcomePage(v: FlowOutcomeView): string {
  const back = v.partnerHref ? html` or go <a href="${v.partnerHref}">back to ${v.partnerName}</a>` : '';
  if (!v.allowed) {
    return layout({
      title: `You denied ${v.partnerName} access`,
      body: html`<p>You chose not to connect your account. <strong>${v.partnerName}</strong> has not been given access to any of your profiles.</p>
<p class="hint">If you change your mind, ${again(v)}. You can close this page${back}.</p>`,
    });
  }
  return layout({
    title: `You allowed ${v.partnerName} to access your account`,
    ...(v.profileName ? { context: html`Access granted to <strong>${v.profileName}</strong>` } : {}),
    body: html`<p>This sign-in is finished: <strong>${v.partnerName}</strong> was given access${v.profileName ? html` to <strong>${v.profileName}</strong>` : ''}.</p>
${codeNote(v)}
<p class="hint">You can close this page${back}.</p>`,
  });
}

export interface StepDoneView {
  title: string;
  message: string;
  partnerName: string;
  continueHref: string;
  signOutAction: string;
  csrf: string;
}

/** Back to a step that cannot be taken again (issue 13): why, and the way on to where the flow is. */
export function stepDonePage(v: StepDoneView): string {
  return layout({
    title: v.title,
    context: html`<strong>${v.partnerName}</strong> wants to connect to your account`,
    body: html`<p>${v.message}</p>
<p><a class="button primary" href="${v.continueHref}">Continue</a></p>
<form method="post" action="${v.signOutAction}" class="inline-form">
  ${csrfField(v.csrf)}
  <button type="submit" class="link-button">Not you? Sign out</button>
</form>`,
  });
}
