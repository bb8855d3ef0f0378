import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  actionOf,
  authorizeUrl,
  csrfOf,
  PageClient,
  type PageResponse,
  type TestPlatform,
} from '../support/index.js';

export const REDIRECT = 'https://bank.example/callback';
/** The callback as the stand-in provider registers it (any loopback port, RFC 8252 §7.3). */
export const callbackFor = (id: string) => `http://127.0.0.1/oauth/federated/${id}/callback`;

/** The login page's "Continue with …" form actions. */
export function federatedActions(page: string): string[] {
  return [...page.matchAll(/<form method="post" action="([^"]+\/federated\/[^"]+)"/g)].map((m) => m[1]!);
}

/** Opens the partner's authorization link and lands on the login page. */
export async function openLogin(
  p: TestPlatform,
  browser: PageClient,
  clientId: string,
): Promise<PageResponse> {
  const res = await browser.get(authorizeUrl(p.url, { client_id: clientId, redirect_uri: REDIRECT }));
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}`);
  return browser.open(res.location!);
}

/** Presses "Continue with …" on the login page: the provider's authorization URL. */
export async function continueWith(browser: PageClient, login: PageResponse, id?: string): Promise<URL> {
  const action = federatedActions(login.text).find((a) => id === undefined || a.endsWith(`/federated/${id}`));
  if (!action) throw new Error('no federated button');
  const res = await browser.post(action, { csrf: csrfOf(login.text) });
  if (res.status !== 303)
    throw new Error(`federated start answered ${res.status}: ${res.text.slice(0, 300)}`);
  return new URL(res.location!, browser.base);
}

/** Signs in at the stand-in provider (its own cookies) and returns the callback URL it sends back to. */
export async function signInAtProvider(authorization: URL, email: string, password: string): Promise<URL> {
  const at = new PageClient(authorization.origin);
  let res = await at.get(authorization.href);
  for (let hops = 0; hops < 8; hops++) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.location!, authorization.origin);
      if (next.origin !== authorization.origin) return next;
      res = await at.get(next.href);
    } else if (res.status === 200 && res.text.includes('name="password"')) {
      res = await at.post(new URL(actionOf(res.text), authorization.origin).href, { email, password });
    } else throw new Error(`provider answered ${res.status}: ${res.text.slice(0, 300)}`);
  }
  throw new Error('the provider did not send the person back');
}

/** The platform's answer to the provider's redirect, followed to the page it shows. */
export async function backAtPlatform(browser: PageClient, callback: URL): Promise<PageResponse> {
  const res = await browser.get(callback.href);
  return res.status === 303 ? browser.open(res.location!) : res;
}

/**
 * A tiny hostile OpenID provider: a well-formed discovery document and JWKS, and a token endpoint that
 * answers with whatever ID token the test asks for (wrong audience, expired, signed by another key, another
 * nonce). openid-client must refuse each; nothing here validates anything.
 */
export interface HostileProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the next token response's ID token holds and how it is signed. */
  next: { claims?: Record<string, unknown>; key?: KeyObject };
  close(): Promise<void>;
}

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

export async function startHostileProvider(): Promise<HostileProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const hostile: HostileProvider = {
    issuer,
    clientId: 'platform',
    clientSecret: randomBytes(16).toString('base64url'),
    next: {},
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  server.on('request', (req, res) => {
    const json = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration')
      return json({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    if (req.url === '/jwks')
      return json({
        keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }],
      });
    if (req.url === '/token' && req.method === 'POST') {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        iss: issuer,
        aud: hostile.clientId,
        sub: 'hostile-subject',
        iat: now,
        exp: now + 300,
        email: 'ada@example.com',
        email_verified: true,
        ...hostile.next.claims,
      };
      return json({
        access_token: 'opaque',
        token_type: 'Bearer',
        expires_in: 300,
        id_token: signJwt(claims, hostile.next.key ?? privateKey, 'k1'),
      });
    }
    res.writeHead(404);
    res.end();
  });
  return hostile;
}
