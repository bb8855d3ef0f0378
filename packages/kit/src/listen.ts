import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * An HTTP server that is already listening, before the application that will answer on it exists: the
 * platform's issuer and the partner's public URL name the real port, so the port is bound first (port 0
 * lets the system choose) and the configuration derived from it. Never a port picked, released and bound
 * again later, which another process could take in between.
 */
export interface BoundServer {
  readonly server: Server;
  /** The port it is bound to: the one the system chose when 0 was asked for. */
  readonly port: number;
  /** Fastify's `serverFactory`: keeps Fastify's request handler and hands Fastify this server. */
  readonly serverFactory: (handler: Handler) => Server;
  /** Starts passing requests to the kept handler (after `app.ready()`); until then they get a 503. */
  serve(): void;
  /** Stops accepting connections and waits for the open ones to finish. */
  close(): Promise<void>;
}

/**
 * How long an idle keep-alive connection stays open: Fastify's own default, which a `serverFactory` bypasses
 * (Node's is 5 s). It outlasts the idle timeouts of load balancers (60 s) and of HTTP clients (undici's 4 s),
 * so the client, not the server, closes an idle connection, and no request is sent on a socket the server is
 * closing at that moment (a "socket hang up" or "other side closed" under load).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/** Listens on `port` (0: any free one) at `host`; rejects with the listen error (EADDRINUSE, EACCES). */
export async function bindServer(port: number, host: string): Promise<BoundServer> {
  let kept: Handler | undefined;
  let serving = false;
  // A request that arrives while the application is still being built is told to come back, not held.
  const server = createServer((request, response) => {
    if (serving && kept) return kept(request, response);
    response.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain', connection: 'close' });
    response.end('starting\n');
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : port,
    serverFactory(handler) {
      kept = handler;
      return server;
    },
    serve() {
      serving = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        // Since Node 19 close() also ends idle keep-alive connections; busy ones end after their response.
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * The local base URL of a server bound to `port`: the host it was told to listen on, or `localhost` when
 * none was set or it listens on every address (a wildcard names no host a browser can open).
 */
export function localUrl(host: string | undefined, port: number): string {
  const named = host && host !== '0.0.0.0' && host !== '::' ? host : 'localhost';
  return `http://${named.includes(':') ? `[${named}]` : named}:${port}`;
}
