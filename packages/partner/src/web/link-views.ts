import { type Html, html } from '@account-access/kit';
import type { LinkState } from '../link-states.js';
import type { LinkedBy, LinkRecord } from '../store/links.js';

/**
 * What the bank records of a link, drawn for people (issue 13 item 7): how it was made, for `/admin`, and
 * the identity document sent for a new user (contract §9, §10.7), for the customer's page. Pure functions.
 */

/** What `profiles#verification-state-change` last said of the linked profile (contract §11), if anything. */
export type VerificationStatus = { readonly state: string; readonly occurredAt: Date } | null;

/** Wise's two documented states in plain words; another state Wise may add is shown as sent. */
export function verificationLabel(verification: VerificationStatus, provider: string): string {
  if (!verification) return `Not reported by ${provider} yet`;
  if (verification.state === 'verified') return `Verified by ${provider}`;
  if (verification.state === 'not_verified') return 'Not verified yet';
  return verification.state;
}

/** A moment as the admin page shows it, in UTC, inside `<time datetime>`. */
export function utcTime(at: Date): Html {
  const iso = at.toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC</time>`;
}

const LINKED_BY: Readonly<Record<LinkedBy, string>> = {
  registration_code: 'created with registration code',
  redirect: 'linked by redirect',
  email_code: 'linked by emailed code',
};

const ASKED: Readonly<Record<'redirect' | 'email', string>> = {
  redirect: 'redirect',
  email: 'emailed code',
};

const CREATING: readonly LinkState[] = ['signing_up', 'signed_up', 'profile_created', 'document_submitted'];

type MethodOf = Pick<LinkRecord, 'state' | 'linkMethod' | 'linkedBy'>;

/**
 * The admin page's Method: what really happened, as recorded when it happened (`linked_by`), or, while a
 * link is under way or failed, the way it is being tried; never the bank's setting for a link not made.
 */
export function methodLabel(link: MethodOf | null, provider: string): string {
  if (!link || link.state === 'none') return 'not started';
  if (link.linkedBy && !CREATING.includes(link.state) && link.state !== 'linking')
    return LINKED_BY[link.linkedBy];
  const asked = ASKED[link.linkMethod ?? 'redirect'];
  if (CREATING.includes(link.state)) return 'creating with registration code (not finished)';
  if (link.state === 'document_rejected') return 'created with registration code';
  if (link.state === 'conflict') return `has a ${provider} account, not linked yet`;
  if (link.state === 'linking') return `linking by ${asked} (not finished)`;
  if (link.state === 'refused_dob_mismatch' || link.state === 'link_failed')
    return `tried linking by ${asked}`;
  return 'not recorded';
}

/** A CPF shown by its last two digits only: enough for the customer to recognise it. */
function lastDigits(cpf: string): string {
  return cpf.replace(/\D/g, '').slice(-2);
}

const DOCUMENT_NAMES: Readonly<Record<string, string>> = { CPF_CNPJ: 'CPF' };

/**
 * The customer's identity document at Wise (contract §9, §10.7; a Brazilian customer's CPF): when the bank
 * sent it, what Wise answered then, and the verification Wise reported later by webhook (contract §11).
 * Drawn for a customer the bank holds a CPF for, or once a document was sent.
 */
export function documentCard(
  cpf: string | null,
  link: Pick<LinkRecord, 'document' | 'linkedBy'>,
  verification: VerificationStatus,
  provider: string,
): Html {
  const sent = link.document;
  if (!cpf && !sent) return html``;
  const name = DOCUMENT_NAMES[sent?.type ?? 'CPF_CNPJ'] ?? sent?.type ?? 'CPF';
  const notSent =
    link.linkedBy === 'redirect' || link.linkedBy === 'email_code'
      ? `Not needed: you connected the ${provider} account you already had`
      : `Not yet: we send it when we open your ${provider} account`;
  return html`<section class="card" aria-labelledby="document-h" id="document">
<h2 id="document-h">Your ${name} at ${provider}</h2>
<dl>${cpf ? html`<dt>${name}</dt><dd>Ending in ${lastDigits(cpf)}</dd>` : ''}
<dt>Sent to ${provider}</dt><dd id="document-sent">${sent ? utcTime(sent.submittedAt) : notSent}</dd>${
    sent
      ? html`<dt>${provider}'s answer</dt><dd id="document-result">${
          sent.result === 'accepted'
            ? 'Received for checking'
            : `Refused${sent.rejection ? ` (${sent.rejection})` : ''}: please contact us`
        }</dd>
<dt>Verification</dt><dd id="document-verification">${verificationLabel(verification, provider)}${
          verification ? html`, reported ${utcTime(verification.occurredAt)}` : ''
        }</dd>`
      : ''
  }</dl>
</section>`;
}
