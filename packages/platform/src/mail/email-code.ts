import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { randomToken } from '../crypto/secrets.js';
import type { ClientRecord } from '../store/clients.js';
import type { Stores } from '../store/stores.js';
import { emailKey, type UserRecord } from '../store/users.js';
import { emailCodeMail } from './templates/email-code.js';

/** Contract §6: the emailed link lives as long as the code it leads to, 30 minutes. */
export const EMAIL_LINK_TTL_SECONDS = 30 * 60;
/** Contract §6 (ours): at most one email per user per partner per 60 seconds. */
export const EMAIL_LINK_RESEND_SECONDS = 60;
/** The path of the page behind the link; the token follows it. */
export const EMAIL_LINK_PATH = '/oauth/email-code/';

/** Link tokens are stored only as keyed hashes, in their own domain (architecture "Secrets at rest"). */
export function hashEmailLinkToken(serverSecret: Buffer, token: string): string {
  return hashSecret(serverSecret, HASH.emailAuthorization, token);
}

export interface EmailCodeRequest {
  user: Pick<UserRecord, 'id' | 'email'>;
  client: Pick<ClientRecord, 'clientId' | 'name'>;
}

/**
 * Records a single-use link for `user` to grant `client` access and queues the email carrying it, both on
 * `stores` bound to one transaction (`Stores.transaction`): the email exists exactly when the link does. 'limited' (and nothing written) when this partner
 * already had an email sent to this user in the last 60 seconds.
 */
export async function queueEmailCodeLink(
  stores: Stores,
  platform: Platform,
  { user, client }: EmailCodeRequest,
): Promise<'sent' | 'limited'> {
  const now = platform.now();
  const links = stores.emailAuthorizations;
  if (!(await links.takeSendSlot(user.id, client.clientId, now, EMAIL_LINK_RESEND_SECONDS))) return 'limited';
  const token = randomToken(32);
  await links.create({
    tokenHash: hashEmailLinkToken(platform.config.serverSecret, token),
    clientId: client.clientId,
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + EMAIL_LINK_TTL_SECONDS * 1000),
  });
  const mail = emailCodeMail({
    to: user.email,
    platformName: platform.config.platformName,
    partnerName: client.name,
    link: `${platform.config.issuer}${EMAIL_LINK_PATH}${token}`,
    validMinutes: EMAIL_LINK_TTL_SECONDS / 60,
  });
  await stores.mailOutbox.enqueue(mail, { now, domain: new URL(platform.config.issuer).hostname });
  return 'sent';
}

/** `queueEmailCodeLink` in a transaction of its own. */
export function sendEmailCodeLink(
  platform: Platform,
  request: EmailCodeRequest,
): Promise<'sent' | 'limited'> {
  return platform.stores.transaction((stores) => queueEmailCodeLink(stores, platform, request));
}

/**
 * Contract §6: create-user met an existing email with `sendAuthorizationCodeAsEmail: true`. The caller answers
 * 409 whatever happens here; an inactive account gets no email.
 */
export async function emailCodeToExistingUser(
  platform: Platform,
  clientId: string,
  email: string,
): Promise<'sent' | 'limited' | 'skipped'> {
  const [user, client] = await Promise.all([
    platform.stores.users.findByEmailKey(emailKey(email)),
    platform.stores.clients.find(clientId),
  ]);
  if (!user?.active || !client) return 'skipped';
  return sendEmailCodeLink(platform, { user, client });
}
