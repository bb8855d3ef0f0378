import nodemailer from 'nodemailer';

/** What the worker needs of a mail transport: nodemailer's `sendMail`, narrowed. */
export interface MailTransport {
  sendMail(message: OutgoingMessage): Promise<unknown>;
  close(): void;
}

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date: Date;
  headers: Record<string, string>;
}

/** Short enough that an attempt always ends well within a worker's lease (worker.ts). */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** An SMTP transport for `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…:465`). */
export function smtpTransport(smtpUrl: string): MailTransport {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS });
  return {
    // Messages are ours and never reference files or URLs to inline; refuse them all the same.
    sendMail: (message) =>
      transport.sendMail({ ...message, disableFileAccess: true, disableUrlAccess: true }),
    close: () => transport.close(),
  };
}

/** The parts of an SMTP URL that must never reach a log line or the outbox's last_error. */
export function smtpSecrets(smtpUrl: string | null): string[] {
  if (!smtpUrl) return [];
  try {
    const { password } = new URL(smtpUrl);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}
