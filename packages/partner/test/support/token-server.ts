import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gate } from './fake-wise.js';

/**
 * A token endpoint that counts refreshes (contract §5) and holds each refresh response until the test opens
 * the gate, so a test can race a second refresher against one in flight.
 */
export class CountingTokenServer {
  refreshes = 0;
  readonly held = gate();
  private readonly waiters: { n: number; resolve: () => void }[] = [];
  private readonly server: Server;
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', async () => {
        const form = new URLSearchParams(body);
        if (
          req.method !== 'POST' ||
          req.url !== '/oauth/token' ||
          form.get('grant_type') !== 'refresh_token'
        ) {
          res.writeHead(404).end();
          return;
        }
        const n = ++this.refreshes;
        for (const w of this.waiters.filter((w) => w.n <= n)) w.resolve();
        await this.held.opened;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            access_token: `at-refreshed-${n}`,
            token_type: 'bearer',
            refresh_token: `rt-refreshed-${n}`,
            expires_in: 43200,
            scope: 'transfers',
          }),
        );
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves once `n` refresh requests have arrived. */
  arrived(n: number): Promise<void> {
    if (this.refreshes >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  close(): Promise<void> {
    this.held.open();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
