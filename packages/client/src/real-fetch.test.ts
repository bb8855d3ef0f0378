// The client on the platform's real `fetch`, against an in-process HTTP server on an ephemeral port:
// checks what a fake cannot (header and body encoding on the wire, undici's errors and abort reasons).
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createClient } from './client.js';
import { WiseNetworkError } from './errors.js';
import { isOAuthError, isWiseApiError } from './guards.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let handler: Handler = (_q, _b, response) => response.end();
const server = createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => {
    body += chunk;
  });
  request.on('end', () => handler(request, body, response));
});
let base = '';

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function client(options: { apiUrl?: string; retries?: number } = {}) {
  const apiUrl = options.apiUrl ?? base;
  return createClient({
    environment: { apiUrl, authorizeUrl: `${apiUrl}/oauth/authorize` },
    clientId: 'bank client',
    clientSecret: 's3cret:/+',
    retries: options.retries ?? 0,
  });
}

function send(response: ServerResponse, status: number, body: string, type = 'application/json') {
  response.writeHead(status, { 'content-type': type, 'x-trace-id': 'trace-1' });
  response.end(body);
}

describe('over real HTTP', () => {
  it('sends Basic credentials, a form body, and then a bearer JSON call', async () => {
    const seen: { url?: string; authorization?: string; type?: string; body: string }[] = [];
    handler = (request, body, response) => {
      seen.push({
        url: request.url,
        authorization: request.headers.authorization,
        type: request.headers['content-type'],
        body,
      });
      if (request.url === '/oauth/token')
        send(response, 200, JSON.stringify({ access_token: 'cc', expires_in: 60 }));
      else send(response, 200, JSON.stringify({ exists: true }));
    };
    assert.equal(await client().userExists('ana@example.com'), true);
    const [token, call] = seen;
    const [user, password] = Buffer.from(token?.authorization?.slice(6) ?? '', 'base64')
      .toString()
      .split(':');
    assert.equal(decodeURIComponent((user ?? '').replace(/\+/g, ' ')), 'bank client');
    assert.equal(decodeURIComponent((password ?? '').replace(/\+/g, ' ')), 's3cret:/+');
    assert.equal(token?.type, 'application/x-www-form-urlencoded');
    assert.equal(token?.body, 'grant_type=client_credentials');
    assert.equal(call?.url, '/v1/users/exists');
    assert.equal(call?.authorization, 'Bearer cc');
    assert.equal(call?.type, 'application/json');
    assert.equal(call?.body, '{"email":"ana@example.com"}');
  });

  it('reads OAuth errors and the trace id', async () => {
    handler = (_q, _b, response) =>
      send(response, 401, '{"error":"invalid_grant","error_description":"Invalid user credentials."}');
    const error = await client()
      .tokensFromRegistrationCode({ email: 'a@example.com', registrationCode: 'x'.repeat(32) })
      .catch((e: unknown) => e);
    assert.ok(isOAuthError(error, 'invalid_grant'));
    assert.equal(error.requestId, 'trace-1');
  });

  it('survives an HTML 502 from a proxy', async () => {
    handler = (_q, _b, response) => send(response, 502, '<html><h1>502 Bad Gateway</h1></html>', 'text/html');
    const error = await client()
      .listProfiles('t')
      .catch((e: unknown) => e);
    assert.ok(isWiseApiError(error, 502));
    assert.match(error.body, /Bad Gateway/);
  });

  it("rejects with the caller's abort reason", async () => {
    handler = () => {}; // never answers
    const controller = new AbortController();
    const pending = client()
      .me('t', { signal: controller.signal })
      .catch((e: unknown) => e);
    const reason = new Error('navigated away');
    setImmediate(() => controller.abort(reason));
    assert.equal(await pending, reason);
  });

  it('turns a refused connection into WiseNetworkError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await client({ apiUrl: `http://127.0.0.1:${port}` })
      .me('t')
      .catch((e: unknown) => e);
    assert.ok(error instanceof WiseNetworkError);
    assert.equal(error.endpoint, 'GET /v1/me');
  });
});
