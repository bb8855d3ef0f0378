import { escapeHtml } from '@account-access/kit';
import type { MailMessage } from '../../store/mail-outbox.js';
import { mailButton, mailHtml } from '../html.js';

export interface SetPasswordMail {
  to: string;
  platformName: string;
  /** `${issuer}/account/set-password/{token}`: single use. */
  link: string;
  validMinutes: number;
}

/** Contract §7: the link to set (or reset) a password, which also reclaims an account a partner opened. */
export function setPasswordMail(m: SetPasswordMail): MailMessage {
  const platformName = m.platformName.replace(/\s+/g, ' ').trim();
  // "at {name}" reads for any name (see email-code.ts).
  const subject = `Set your password at ${platformName}`;
  const text = `Hello,

Someone asked to set a new password for the account of this email address at ${platformName}. If it was you, open the link below and choose a password.

${m.link}

The link works once and expires in ${m.validMinutes} minutes.

If you did not ask for this, ignore this email: your account stays as it is.

${platformName}
`;
  const html = mailHtml({
    title: subject,
    platformName,
    body: `<p style="margin:0 0 16px">Hello,</p>
<p style="margin:0 0 16px">Someone asked to set a new password for the account of this email address at ${escapeHtml(platformName)}. If it was you, choose a password now.</p>
${mailButton(m.link, 'Choose a password')}
<p style="margin:0 0 16px">The link works once and expires in ${m.validMinutes} minutes.</p>
<p style="margin:0;font-size:14px;color:#454745">If you did not ask for this, ignore this email: your account stays as it is.</p>`,
  });
  return { template: 'set-password', to: m.to, subject, text, html };
}
