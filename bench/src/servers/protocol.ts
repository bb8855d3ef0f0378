/**
 * The messages between the benchmark and a server it runs as a child process (over the fork IPC channel).
 * Every server answers the same messages, so each is measured the same way.
 */

/** What a server tells once it listens: where, and the credentials of its one registered client. */
export interface ServerReady {
  url: string;
  tokenPath: string;
  clientId: string;
  clientSecret: string;
  /** The redirect URI its client is registered with (our platform's hosted flow). */
  redirectUri?: string;
}

/** The server process's own view of its resources. */
export interface ServerUsage {
  /** Resident set size now, in bytes. */
  rss: number;
  /** Peak resident set size since the process started, in bytes. */
  maxRss: number;
  heapUsed: number;
  /** User + system CPU time since the process started, in microseconds. */
  cpuMicros: number;
  /** Statements sent to the database since start, when the server counts them (statements.ts). */
  statements?: number;
}

export type ToServer = { type: 'usage' } | { type: 'stop' };
export type FromServer =
  | { type: 'ready'; ready: ServerReady }
  | { type: 'usage'; usage: ServerUsage }
  | { type: 'failed'; message: string };

export interface StartedServer {
  ready: ServerReady;
  /** The statements counted so far, when the server counts them. */
  statements?: (() => number) | undefined;
  close(): Promise<void>;
}

function usage(statements?: () => number): ServerUsage {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    ...(statements ? { statements: statements() } : {}),
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    // resourceUsage reports kilobytes on Linux.
    maxRss: process.resourceUsage().maxRSS * 1024,
    cpuMicros: cpu.user + cpu.system,
  };
}

/**
 * The child side: start, report ready, answer usage requests, and close on `stop` or when the parent goes
 * away (a disconnected IPC channel), so no server outlives its benchmark.
 */
export async function serveChild(start: () => Promise<StartedServer>): Promise<void> {
  const send = (message: FromServer) => process.send?.(message);
  if (!process.send) throw new Error('A benchmark server runs as a child process of the benchmark.');
  let started: StartedServer;
  try {
    started = await start();
  } catch (error) {
    send({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.disconnect();
    process.exitCode = 1;
    return;
  }
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    try {
      await started.close();
    } finally {
      if (process.connected) process.disconnect();
    }
  };
  process.on('message', (message: ToServer) => {
    if (message.type === 'usage') send({ type: 'usage', usage: usage(started.statements) });
    else if (message.type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready', ready: started.ready });
}
