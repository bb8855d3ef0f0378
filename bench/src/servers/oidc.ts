import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { serveChild } from './protocol.js';

/**
 * The realistic peer: oidc-provider, a certified OpenID Provider, with one confidential client allowed the
 * client_credentials grant (HTTP Basic, its default), opaque access tokens of the same 12-hour lifetime, and
 * its default in-memory adapter (it keeps tokens in the process; ours writes each to PostgreSQL).
 */
const CLIENT_ID = 'bench-bank';
const CLIENT_SECRET = randomBytes(32).toString('base64url');
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

await serveChild(async () => {
  const provider = new Provider('http://127.0.0.1', {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'ES256', kid: 'bench' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { ClientCredentials: 12 * 3600 },
  });
  const server = await new Promise<ReturnType<Provider['listen']>>((resolve) => {
    const listening = provider.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ready: {
      url: `http://127.0.0.1:${port}`,
      tokenPath: '/token',
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
