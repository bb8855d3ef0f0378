import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveChild } from './protocol.js';

/**
 * The floor: a bare node:http server doing the least a token endpoint must do (read the form, check HTTP
 * Basic credentials, answer a token-shaped JSON with a fresh random token). It stores no token; for the
 * signup benchmark it keeps users in a Map so the registration_code grant checks a real code.
 */
const CLIENT_ID = 'bench-bank';
const CLIENT_SECRET = randomBytes(32).toString('base64url');
const BODY_LIMIT = 1024 * 1024;
const HOUR_12 = 12 * 3600;
const users = new Map<string, { id: number; code: string }>();

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
  });
  res.end(json);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function basicOk(header: string | undefined): boolean {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return (
    colon > 0 && decoded.slice(0, colon) === CLIENT_ID && sameSecret(decoded.slice(colon + 1), CLIENT_SECRET)
  );
}

function accessToken(now: number) {
  return {
    access_token: randomBytes(32).toString('base64url'),
    token_type: 'bearer',
    expires_in: HOUR_12 - 1,
    expires_at: new Date(now + HOUR_12 * 1000).toISOString(),
    scope: 'transfers',
  };
}

type Answer = [status: number, body: unknown];

function token(req: IncomingMessage, body: string): Answer {
  if (!basicOk(req.headers.authorization)) return [401, { error: 'invalid_client' }];
  const form = new URLSearchParams(body);
  const grantType = form.get('grant_type');
  const now = Date.now();
  if (grantType === 'client_credentials') return [200, accessToken(now)];
  if (grantType !== 'registration_code') return [400, { error: 'unsupported_grant_type' }];
  const user = users.get(form.get('email') ?? '');
  if (!user || !sameSecret(user.code, form.get('registration_code') ?? '')) {
    return [401, { error: 'invalid_grant' }];
  }
  const refreshSeconds = 20 * 365 * 24 * 3600;
  const tokens = {
    ...accessToken(now),
    refresh_token: randomBytes(32).toString('base64url'),
    refresh_token_expires_in: refreshSeconds - 1,
    refresh_token_expires_at: new Date(now + refreshSeconds * 1000).toISOString(),
    created_at: new Date(now).toISOString(),
  };
  return [200, tokens];
}

function signup(req: IncomingMessage, body: string): Answer {
  if (!/^Bearer [A-Za-z0-9_-]{43}$/.test(req.headers.authorization ?? '')) {
    return [401, { error: 'invalid_token' }];
  }
  let input: { email?: unknown; registrationCode?: unknown };
  try {
    input = JSON.parse(body);
  } catch {
    return [400, { errors: [{ code: 'ERROR', message: 'not JSON' }] }];
  }
  const { email, registrationCode } = input;
  if (typeof email !== 'string' || typeof registrationCode !== 'string' || registrationCode.length < 32) {
    return [400, { errors: [{ code: 'ERROR', message: 'email and registrationCode are required' }] }];
  }
  if (users.has(email)) return [409, { errors: [{ code: 'NOT_UNIQUE', path: 'email' }] }];
  const id = users.size + 1;
  users.set(email, { id, code: registrationCode });
  return [200, { id, name: null, email, active: true, details: null }];
}

function route(req: IncomingMessage, body: string): Answer {
  if (req.method === 'POST' && req.url === '/oauth/token') return token(req, body);
  if (req.method === 'POST' && req.url === '/v1/user/signup/registration_code') return signup(req, body);
  return [404, { error: 'not_found' }];
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > BODY_LIMIT) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => {
    const [status, answer] = route(req, Buffer.concat(chunks).toString('utf8'));
    send(res, status, answer);
  });
});

await serveChild(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ready: {
      url: `http://127.0.0.1:${port}`,
      tokenPath: '/oauth/token',
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
});
