import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { describe, it } from 'node:test';
import { bindServer, localUrl } from '../src/index.js';
import { KEEP_ALIVE_TIMEOUT_MS } from '../src/listen.js';

/** One GET: status, body and headers; on a fresh connection unless an agent is given. */
function get(
  port: number,
  agent: Agent | false = false,
): Promise<{ status: number; body: string; retryAfter: string | undefined; keepAlive: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          body,
          retryAfter: res.headers['retry-after'] as string | undefined,
          keepAlive: res.headers['keep-alive'] as string | undefined,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('bindServer: the port is bound before the application exists', () => {
  it('port 0 gives the port the system chose; requests before serve() get a 503, after it the handler', async () => {
    const bound = await bindServer(0, '127.0.0.1');
    try {
      assert.ok(bound.port > 0);
      assert.equal((bound.server.address() as { port: number }).port, bound.port);
      const server = bound.serverFactory((_req, res) => res.end('app'));
      assert.equal(server, bound.server, 'Fastify is handed the listening server');

      const early = await get(bound.port);
      assert.equal(early.status, 503);
      assert.equal(early.retryAfter, '1');

      bound.serve();
      const served = await get(bound.port);
      assert.deepEqual(
        { status: served.status, body: served.body, retryAfter: served.retryAfter },
        { status: 200, body: 'app', retryAfter: undefined },
      );
    } finally {
      await bound.close();
    }
    assert.equal(bound.server.listening, false);
    await bound.close();
  });

  it('keeps idle connections open longer than clients and load balancers do (Keep-Alive: timeout=72)', async () => {
    const bound = await bindServer(0, '127.0.0.1');
    const agent = new Agent({ keepAlive: true });
    try {
      bound.serverFactory((_req, res) => res.end('app'));
      bound.serve();
      assert.equal((await get(bound.port, agent)).keepAlive, `timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
    } finally {
      agent.destroy();
      await bound.close();
    }
  });

  it('a port in use rejects with EADDRINUSE', async () => {
    const first = await bindServer(0, '127.0.0.1');
    try {
      await assert.rejects(bindServer(first.port, '127.0.0.1'), { code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});

describe('localUrl', () => {
  it('names the configured host, else localhost; a wildcard names localhost; IPv6 in brackets', () => {
    assert.equal(localUrl(undefined, 4000), 'http://localhost:4000');
    assert.equal(localUrl('127.0.0.1', 51234), 'http://127.0.0.1:51234');
    assert.equal(localUrl('0.0.0.0', 80), 'http://localhost:80');
    assert.equal(localUrl('::', 80), 'http://localhost:80');
    assert.equal(localUrl('::1', 8080), 'http://[::1]:8080');
  });
});
