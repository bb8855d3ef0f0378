import { randomBytes } from 'node:crypto';
import { actionOf, Browser, csrfOf } from './browser.js';
import type { ServerProcess } from './child.js';
import type { Target } from './targets.js';
import { basic } from './token-bench.js';

export const FLOW_PASSWORD = 'a bench passphrase of some length';

export interface FlowResult {
  backend: string;
  /** Statements sent to the database by each whole flow, in order (the first on a fresh platform). */
  statements: number[];
  /** The last flow's statements by request, in order. */
  steps: { request: string; statements: number }[];
}

/** `GET /oauth/interaction/:uid/login` for a request of the flow: its method and path, the uid left out. */
export function requestLabel(method: string, url: string): string {
  const path = new URL(url, 'http://x').pathname.replace(
    /\/oauth\/interaction\/[^/]+/,
    '/oauth/interaction/:uid',
  );
  return `${method} ${path}`;
}

/**
 * One whole hosted flow (contract §4) as a browser and the partner's backend make it: GET /oauth/authorize,
 * the step pages and their forms (login, profile when asked, consent), the callback's redirect with the
 * code, then the code exchanged at the token endpoint. Answers the code's redirect; throws on anything else.
 */
export async function walkFlow(
  server: ServerProcess,
  email: string,
  password: string,
  /** Called after each request of the flow with its label (requestLabel). */
  after: (request: string) => Promise<void> = async () => {},
): Promise<void> {
  const { url, clientId, clientSecret, redirectUri } = server.ready;
  if (!redirectUri) throw new Error('the server names no redirect URI');
  const browser = new Browser(url);
  const state = randomBytes(8).toString('hex');
  const query = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, state });
  let res = await browser.get(`/oauth/authorize?${query}`);
  await after('GET /oauth/authorize');
  if (res.status !== 302 || !res.location) throw new Error(`authorize answered ${res.status}: ${res.text}`);
  let next = res.location;
  let code: string | null = null;
  for (let hops = 0; hops < 16 && code === null; hops++) {
    if (next.startsWith(redirectUri)) {
      code = new URL(next).searchParams.get('code');
      if (!code) throw new Error(`the flow ended without a code: ${next}`);
      break;
    }
    res = await browser.get(next);
    await after(requestLabel('GET', next));
    if (res.status === 302 || res.status === 303) {
      next = res.location!;
      continue;
    }
    if (res.status !== 200) throw new Error(`${next} answered ${res.status}: ${res.text.slice(0, 400)}`);
    const action = actionOf(res.text);
    const csrf = csrfOf(res.text);
    let form: Record<string, string>;
    if (action.endsWith('/login')) form = { csrf, email, password };
    else if (action.endsWith('/profile'))
      form = { csrf, profileId: /name="profileId" value="(\d+)"/.exec(res.text)?.[1] ?? '' };
    else if (action.endsWith('/consent')) form = { csrf, decision: 'allow' };
    else throw new Error(`unexpected step ${action}`);
    const posted = await browser.post(action, form);
    await after(requestLabel('POST', action));
    if (posted.status !== 303 || !posted.location)
      throw new Error(`${action} answered ${posted.status}: ${posted.text.slice(0, 400)}`);
    next = posted.location;
  }
  if (code === null) throw new Error('the flow did not finish');
  const token = await fetch(new URL(server.ready.tokenPath, url), {
    method: 'POST',
    headers: {
      authorization: basic(clientId, clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    }).toString(),
  });
  const body = (await token.json().catch(() => null)) as { access_token?: unknown } | null;
  await after('POST /oauth/token (authorization_code)');
  if (token.status !== 200 || typeof body?.access_token !== 'string')
    throw new Error(`the code exchange answered ${token.status} ${JSON.stringify(body)}`);
}

/**
 * The statements of one whole flow, counted on the database side of the platform child (statements.ts):
 * `flows` flows in turn, each by a person of its own, each read as the count after it less the count before.
 * Background work that touches the database (the webhook worker) is off in that child, so only the flow counts.
 */
export async function flowBenchmark(target: Target, flows: number): Promise<FlowResult> {
  process.stderr.write(`SQL statements per flow: ${target.name}…\n`);
  const server = await target.start();
  try {
    const counted = async () => {
      const n = (await server.usage()).statements;
      if (n === undefined) throw new Error('the platform counts no statements');
      return n;
    };
    const statements: number[] = [];
    let steps: FlowResult['steps'] = [];
    for (let i = 0; i < flows; i++) {
      const before = await counted();
      let last = before;
      steps = [];
      await walkFlow(server, `bench-${i}@bench.example`, FLOW_PASSWORD, async (request) => {
        const now = await counted();
        steps.push({ request, statements: now - last });
        last = now;
      });
      statements.push((await counted()) - before);
    }
    return { backend: target.name, statements, steps };
  } finally {
    await server.stop();
  }
}
