import type { ServerProcess } from './child.js';
import { type LoadSettings, type Measurement, measure } from './load.js';
import type { Target } from './targets.js';

export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** POST <token endpoint> grant_type=client_credentials with HTTP Basic, as a partner's backend sends it. */
export function tokenRequest(server: ServerProcess) {
  const { tokenPath, clientId, clientSecret } = server.ready;
  return {
    method: 'POST' as const,
    path: tokenPath,
    headers: {
      authorization: basic(clientId, clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  };
}

/** One request before the load: the server must answer a token, or the numbers would measure errors. */
export async function clientToken(server: ServerProcess): Promise<string> {
  const { method, path, headers, body } = tokenRequest(server);
  const res = await fetch(new URL(path, server.ready.url), { method, headers, body });
  const json = (await res.json().catch(() => null)) as { access_token?: unknown } | null;
  if (res.status !== 200 || typeof json?.access_token !== 'string') {
    throw new Error(`the token endpoint answered ${res.status} ${JSON.stringify(json)}:\n${server.output()}`);
  }
  return json.access_token;
}

/** Each target in turn, alone on the machine: start, check, warm up, measure, stop. */
export async function tokenBenchmark(targets: Target[], settings: LoadSettings): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const target of targets) {
    process.stderr.write(`token endpoint: ${target.name}…\n`);
    const server = await target.start();
    try {
      await clientToken(server);
      results.push(await measure(target.name, server, [tokenRequest(server)], settings));
    } finally {
      await server.stop();
    }
  }
  return results;
}
