import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface Captured {
  envelope: { from: string; to: string[] };
  raw: string;
}

/**
 * An SMTP server in this process on an ephemeral port, that records what it receives. `state` switches it
 * between accepting, refusing every connection with 421 (down), and refusing recipients with 550.
 */
export interface SmtpCapture {
  url: string;
  messages: Captured[];
  state: 'up' | 'down' | 'reject-recipients';
  /** Resolves with the next message received (an event, not a timer). */
  next(): Promise<Captured>;
  close(): Promise<void>;
}

const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

export async function startSmtpCapture(options: { auth?: { user: string; pass: string } } = {}) {
  const capture = { messages: [] as Captured[], state: 'up' } as SmtpCapture;
  const waiting: ((message: Captured) => void)[] = [];
  capture.next = () => new Promise((resolve) => waiting.push(resolve));
  const server = new SMTPServer({
    logger: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) {
        callback(null, { user: auth.username });
      } else callback(smtpError('Authentication failed', 535));
    },
    onConnect(_session, callback) {
      callback(capture.state === 'down' ? smtpError('Service not available, try later', 421) : null);
    },
    onRcptTo(_address, _session, callback) {
      callback(capture.state === 'reject-recipients' ? smtpError('No such mailbox', 550) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        const message = {
          envelope: {
            from: from ? from.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        capture.messages.push(message);
        callback();
        for (const resolve of waiting.splice(0)) resolve(message);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : '';
  capture.url = `smtp://${credentials}127.0.0.1:${port}`;
  capture.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return capture;
}

export interface ParsedMail {
  headers: Map<string, string>;
  parts: { contentType: string; body: string }[];
}

function splitHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decode(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'base64')
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding?.toLowerCase() === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** Just enough MIME to read a multipart/alternative message back. */
export function parseMail(raw: string): ParsedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = splitHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const sections = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((s) => s.replace(/^\r\n/, ''))
    : [raw];
  const parts = sections.map((section) => {
    const at = section.indexOf('\r\n\r\n');
    const h = splitHeaders(section.slice(0, at));
    return {
      contentType: (h.get('content-type') ?? '').split(';')[0]!.trim(),
      body: decode(section.slice(at + 4).replace(/\r\n$/, ''), h.get('content-transfer-encoding')),
    };
  });
  return { headers, parts };
}
