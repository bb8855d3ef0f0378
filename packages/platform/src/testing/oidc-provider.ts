import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { html } from '@account-access/kit';

/**
 * Issue 16: a real OpenID provider standing in for Google, beside the platform in tests and in `npm start`:
 * node-oidc-provider (certified), with seeded people, one confidential client and a plain login page of its
 * own, listening on port 0 of loopback. It needs no internet. People log in with their email and password; a
 * person may be seeded with an unverified email.
 */
export interface StandInPerson {
  email: string;
  password: string;
  /** The `email_verified` claim; true unless false. */
  emailVerified?: boolean;
  /** The `sub`; made from the email when absent. */
  subject?: string;
}

export interface StandInOptions {
  people: StandInPerson[];
  /**
   * The relying party's callback URLs. The client is registered as native (RFC 8252 §7.3), so a loopback
   * `http://127.0.0.1/…` callback matches whatever port the platform is bound to.
   */
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  /** The title of its login page. */
  name?: string;
}

export interface StandInProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider as the platform's PLATFORM_OIDC_PROVIDERS entry would name it. */
  settings(
    id: string,
    name: string,
  ): { id: string; name: string; issuer: string; clientId: string; clientSecret: string };
  close(): Promise<void>;
}

/** The part of oidc-provider's API used here (the package ships no types). */
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{
    uid: string;
    prompt: { name: string };
    params: { client_id: string };
    session?: { accountId: string };
  }>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: object,
    options?: object,
  ): Promise<void>;
  Grant: new (o: {
    clientId: string;
    accountId: string;
  }) => {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  };
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;

/** oidc-provider's storage, in this process: what a stand-in that lives as long as its test or `npm start` needs. */
class MemoryAdapter {
  private static rows = new Map<string, { payload: Record<string, unknown>; expiresAt: number }>();
  constructor(private readonly model: string) {}
  private key = (id: string) => `${this.model}:${id}`;
  async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
    MemoryAdapter.rows.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
  }
  async find(id: string) {
    const row = MemoryAdapter.rows.get(this.key(id));
    return row && row.expiresAt > Date.now() ? row.payload : undefined;
  }
  async findByUid(uid: string) {
    for (const [key, row] of MemoryAdapter.rows)
      if (key.startsWith(`${this.model}:`) && row.payload['uid'] === uid) return row.payload;
    return undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(id: string) {
    const row = MemoryAdapter.rows.get(this.key(id));
    if (row) row.payload['consumed'] = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    MemoryAdapter.rows.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const [key, row] of MemoryAdapter.rows)
      if (row.payload['grantId'] === grantId) MemoryAdapter.rows.delete(key);
  }
}

const readBody = async (req: IncomingMessage) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
};

function loginPage(name: string, action: string, error?: string): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in – ${name}</title></head>
<body><main><h1>Sign in with ${name}</h1>
${error ? html`<p role="alert">${error}</p>` : ''}
<form method="post" action="${action}">
<p><label for="email">Email</label><br><input id="email" name="email" type="email" autocomplete="username"></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password"></p>
<p><button type="submit">Sign in</button></p>
</form></main></body></html>`.toString();
}

export async function startStandInProvider(options: StandInOptions): Promise<StandInProvider> {
  // A variable specifier: the package has no types, and this file declares the part it uses.
  const specifier = 'oidc-provider';
  const Provider = ((await import(specifier)) as { default: ProviderClass }).default;
  const clientId = options.clientId ?? 'platform';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const name = options.name ?? 'Local sign-in';
  const people = options.people.map((p) => ({
    ...p,
    subject: p.subject ?? `sub-${Buffer.from(p.email.toLowerCase()).toString('base64url')}`,
  }));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        application_type: 'native',
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'stand-in' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // As Google does: the email is in the ID token itself.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Grant: 600,
      Session: 600,
    },
    adapter: MemoryAdapter,
    async findAccount(_ctx: unknown, sub: string) {
      const person = people.find((p) => p.subject === sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: person.email, email_verified: person.emailVerified !== false }),
      };
    },
  });
  const handle = provider.callback();
  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const at = /^\/interaction\/([^/?#]+)$/.exec(req.url ?? '');
    if (!at) return handle(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      const action = `/interaction/${details.uid}`;
      const page = (error?: string) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(loginPage(name, action, error));
      };
      if (details.prompt.name === 'consent') {
        // The stand-in is first party to the platform: no consent screen (a native client is asked each time).
        const grant = new provider.Grant({
          clientId: details.params.client_id,
          accountId: details.session!.accountId,
        });
        grant.addOIDCScope('openid email');
        const grantId = await grant.save();
        return provider.interactionFinished(
          req,
          res,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        );
      }
      if (req.method !== 'POST') return page();
      const form = await readBody(req);
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const person = people.find(
        (p) => p.email.toLowerCase() === email && p.password === form.get('password'),
      );
      if (!person) return page('That email and password do not match.');
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: person.subject } },
        { mergeWithLastSubmission: false },
      );
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('This sign-in has expired. Start again.');
    }
  });
  return {
    issuer,
    clientId,
    clientSecret,
    settings: (id, display) => ({ id, name: display, issuer, clientId, clientSecret }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
