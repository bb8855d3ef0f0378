import { Browser, csrfOf } from './browser.js';
import type { ServerProcess } from './child.js';
import { FLOW_PASSWORD } from './flow-bench.js';
import { failures, type Load, type LoadSettings, load } from './load.js';
import type { Target } from './targets.js';
import { clientToken, tokenRequest } from './token-bench.js';

const SIGN_IN = '/account/sign-in';
/** The token load beside the storm, and alone for the idle p99: a few partner backends asking for tokens. */
export const TOKEN_CONNECTIONS = 4;

export interface LoginResult {
  backend: string;
  connections: number;
  tokenConnections: number;
  duration: number;
  /** Successful password sign-ins (argon2id verified, session started) per second. */
  loginsPerSecond: number;
  /** The token load alone, then during the login storm: same connections, same duration. */
  tokenIdle: { requestsPerSecond: number; p99: number };
  tokenDuringStorm: { requestsPerSecond: number; p99: number };
  failures: number;
  failureDetail: string;
}

interface SignedOut {
  cookie: string;
  body: string;
}

/** One person's sign-in form, as a browser holds it: its cookie and its filled-in form (a CSRF token bound to it). */
async function signInForm(server: ServerProcess, email: string): Promise<SignedOut> {
  const browser = new Browser(server.ready.url);
  const page = await browser.get(SIGN_IN);
  if (page.status !== 200) throw new Error(`${SIGN_IN} answered ${page.status}: ${page.text.slice(0, 400)}`);
  const body = new URLSearchParams({ csrf: csrfOf(page.text), email, password: FLOW_PASSWORD }).toString();
  return { cookie: browser.cookieHeader(), body };
}

/**
 * POST /account/sign-in (email and password, argon2id at OWASP's parameters, on the libuv pool), one person per
 * connection so no person has two attempts in flight. A success answers 303 to the account page; a 303 back to
 * the sign-in page (a wrong password, a limit) is counted as a failure.
 */
function signInRequests(forms: SignedOut[], wrong: { count: number }): Load {
  return (connection) => {
    const form = forms[connection % forms.length]!;
    return [
      {
        method: 'POST',
        path: SIGN_IN,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
        body: form.body,
        onResponse(status, _body, _context, headers) {
          const location = headers?.['location'];
          if (status === 303 && typeof location === 'string' && location.startsWith(SIGN_IN)) wrong.count++;
        },
      },
    ];
  };
}

/** One sign-in by hand before the storm, so a broken sign-in fails here with its answer rather than as counts. */
async function checkSignIn(server: ServerProcess, form: SignedOut): Promise<void> {
  const res = await fetch(new URL(SIGN_IN, server.ready.url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    body: form.body,
  });
  const location = res.headers.get('location') ?? '';
  if (res.status !== 303 || location.startsWith(SIGN_IN))
    throw new Error(`a sign-in answered ${res.status} to "${location}": ${(await res.text()).slice(0, 400)}`);
}

/**
 * The login storm (issue 14): `connections` people signing in over and over for `duration` seconds, with a
 * small client_credentials load beside it; that token load alone first gives the idle p99 it is compared to.
 */
export async function loginBenchmark(target: Target, settings: LoadSettings): Promise<LoginResult> {
  process.stderr.write(`argon2id login storm: ${target.name}…\n`);
  const server = await target.start();
  try {
    await clientToken(server);
    const forms: SignedOut[] = [];
    for (let i = 0; i < settings.connections; i++)
      forms.push(await signInForm(server, `bench-${i}@bench.example`));
    await checkSignIn(server, forms[0]!);
    const tokens = [tokenRequest(server)];
    const url = server.ready.url;
    const wrong = { count: 0 };
    const logins = signInRequests(forms, wrong);
    const accepted = (status: number) => status === 303;

    const warm = await Promise.all([
      load(url, tokens, TOKEN_CONNECTIONS, settings.warmup),
      load(url, logins, settings.connections, settings.warmup),
    ]);
    const wrongInWarmup = wrong.count;
    const idle = await load(url, tokens, TOKEN_CONNECTIONS, settings.duration);
    const [storm, during] = await Promise.all([
      load(url, logins, settings.connections, settings.duration),
      load(url, tokens, TOKEN_CONNECTIONS, settings.duration),
    ]);
    const counted = [
      ['warm-up tokens', failures(warm[0])],
      ['warm-up logins', failures(warm[1], accepted)],
      ['idle tokens', failures(idle)],
      ['logins', failures(storm, accepted)],
      ['tokens during the storm', failures(during)],
    ] as const;
    const detail = counted
      .filter(([, f]) => f.count > 0)
      .map(([what, f]) => `${what}: ${f.detail}`)
      .concat(wrong.count > 0 ? [`${wrong.count} sign-ins refused`] : []);
    const signedIn = failures(storm, accepted).answered - (wrong.count - wrongInWarmup);
    return {
      backend: target.name,
      connections: settings.connections,
      tokenConnections: TOKEN_CONNECTIONS,
      duration: settings.duration,
      loginsPerSecond: signedIn / storm.duration,
      tokenIdle: { requestsPerSecond: failures(idle).answered / idle.duration, p99: idle.latency.p99 },
      tokenDuringStorm: {
        requestsPerSecond: failures(during).answered / during.duration,
        p99: during.latency.p99,
      },
      failures: counted.reduce((n, [, f]) => n + f.count, 0) + wrong.count,
      failureDetail: detail.join('; '),
    };
  } finally {
    await server.stop();
  }
}
