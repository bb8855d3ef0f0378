import { escapeHtml } from '@account-access/kit';
import type { MailMessage } from '../../store/mail-outbox.js';
import { mailButton, mailHtml } from '../html.js';

const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

export interface EmailCodeMail {
  to: string;
  platformName: string;
  /** The partner that asked, by its registered name. */
  partnerName: string;
  /** `${issuer}/oauth/email-code/{token}`: single use. */
  link: string;
  validMinutes: number;
}

/**
 * Contract §6: a partner asked for access to an existing account; the person logs in through the link,
 * grants access and is shown a short code to type into the partner's app.
 */
export function emailCodeMail(input: EmailCodeMail): MailMessage {
  // Names are shown on one line (the subject is a header) whatever a partner registered.
  const m = { ...input, partnerName: oneLine(input.partnerName), platformName: oneLine(input.platformName) };
  // "your account at {name}", never "your {name} account": it reads for any name, the default "Account
  // access" too (not "your Account access account").
  const subject = `${m.partnerName} asks for access to your account at ${m.platformName}`;
  const text = `Hello,

${m.partnerName} would like to connect to your account at ${m.platformName}.

To allow it, open the link below, log in, choose a profile and grant access. You will then see a short code to type into ${m.partnerName}'s app.

${m.link}

The link works once and expires in ${m.validMinutes} minutes.

If you did not ask ${m.partnerName} for this, ignore this email: nothing changes unless you log in and agree.

${m.platformName}
`;
  const partner = escapeHtml(m.partnerName);
  const html = mailHtml({
    title: subject,
    platformName: m.platformName,
    body: `<p style="margin:0 0 16px">Hello,</p>
<p style="margin:0 0 16px"><strong>${partner}</strong> would like to connect to your account at ${escapeHtml(m.platformName)}.</p>
<p style="margin:0 0 16px">To allow it, open the link below, log in, choose a profile and grant access. You will then see a short code to type into ${partner}'s app.</p>
${mailButton(m.link, 'Log in and review access')}
<p style="margin:0 0 16px">The link works once and expires in ${m.validMinutes} minutes.</p>
<p style="margin:0;font-size:14px;color:#454745">If you did not ask ${partner} for this, ignore this email: nothing changes unless you log in and agree.</p>`,
  });
  return { template: 'email-code', to: m.to, subject, text, html };
}
