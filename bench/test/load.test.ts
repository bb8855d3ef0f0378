import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { load } from '../src/load.js';

test('with requests per connection, each connection keeps sending its own, and no two share one', async () => {
  // The body each socket sent: a connection's grant or person must never move to another connection.
  const seen = new Map<object, Set<string>>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const bodies = seen.get(req.socket) ?? new Set<string>();
      bodies.add(body);
      seen.set(req.socket, bodies);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const result = await load(
      `http://127.0.0.1:${port}`,
      (connection) => [{ method: 'POST', path: '/', body: `connection-${connection}` }],
      3,
      1,
    );
    assert.ok(result['2xx'] > 3, `${result['2xx']} answers`);
    const perSocket = [...seen.values()].map((bodies) => [...bodies]);
    assert.ok(
      perSocket.every((bodies) => bodies.length === 1),
      JSON.stringify(perSocket),
    );
    assert.deepEqual(perSocket.map(([body]) => body).sort(), [
      'connection-0',
      'connection-1',
      'connection-2',
    ]);
  } finally {
    server.close();
  }
});

test('only loopback is loaded', async () => {
  await assert.rejects(load('http://192.0.2.1:80', [{ method: 'GET', path: '/' }], 1, 1), /loopback only/);
});
