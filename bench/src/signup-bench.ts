import { randomBytes } from 'node:crypto';
import type { ServerProcess } from './child.js';
import { type LoadSettings, type Measurement, measure } from './load.js';
import type { Target } from './targets.js';
import { basic, clientToken } from './token-bench.js';

interface Signup {
  email: string;
  code: string;
}

/**
 * Contract §2 then §3: a partner creates a user with a registration code (client token), then asks for the
 * user's tokens with grant_type=registration_code. Each pair uses a new email, so every signup is a real
 * insert and every grant a real lookup.
 */
function signupRequests(server: ServerProcess, bearer: string) {
  const run = randomBytes(4).toString('hex');
  let counter = 0;
  const { tokenPath, clientId, clientSecret } = server.ready;
  return [
    {
      method: 'POST' as const,
      path: '/v1/user/signup/registration_code',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      setupRequest(request: object, context: object) {
        const signup = context as Signup;
        counter += 1;
        signup.email = `user-${run}-${counter}@bench.example`;
        signup.code = randomBytes(24).toString('base64url');
        return {
          ...request,
          body: JSON.stringify({ email: signup.email, registrationCode: signup.code, language: 'EN' }),
        };
      },
    },
    {
      method: 'POST' as const,
      path: tokenPath,
      headers: {
        authorization: basic(clientId, clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      setupRequest(request: object, context: object) {
        const signup = context as Signup;
        const form = new URLSearchParams({
          grant_type: 'registration_code',
          client_id: clientId,
          email: signup.email,
          registration_code: signup.code,
        });
        return { ...request, body: form.toString() };
      },
    },
  ];
}

/**
 * One new user by hand (signup, then registration_code), answering the user's tokens: the check before the
 * signup load, and how other benchmarks get a refresh token.
 */
export async function signupAndToken(
  server: ServerProcess,
  bearer: string,
): Promise<{ access_token: string; refresh_token: string }> {
  const email = `check-${randomBytes(6).toString('hex')}@bench.example`;
  const code = randomBytes(24).toString('base64url');
  const created = await fetch(new URL('/v1/user/signup/registration_code', server.ready.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, registrationCode: code }),
  });
  if (created.status !== 200) throw new Error(`signup answered ${created.status} ${await created.text()}`);
  const token = await fetch(new URL(server.ready.tokenPath, server.ready.url), {
    method: 'POST',
    headers: {
      authorization: basic(server.ready.clientId, server.ready.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'registration_code',
      client_id: server.ready.clientId,
      email,
      registration_code: code,
    }).toString(),
  });
  const body = (await token.json().catch(() => null)) as {
    access_token?: unknown;
    refresh_token?: unknown;
  } | null;
  if (
    token.status !== 200 ||
    typeof body?.refresh_token !== 'string' ||
    typeof body.access_token !== 'string'
  ) {
    throw new Error(`registration_code answered ${token.status} ${JSON.stringify(body)}`);
  }
  return { access_token: body.access_token, refresh_token: body.refresh_token };
}

export async function signupBenchmark(targets: Target[], settings: LoadSettings): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const target of targets) {
    process.stderr.write(`signup + registration_code: ${target.name}…\n`);
    const server = await target.start();
    try {
      const bearer = await clientToken(server);
      await signupAndToken(server, bearer);
      results.push(
        await measure(target.name, server, signupRequests(server, bearer), settings, { requestsPerUnit: 2 }),
      );
    } finally {
      await server.stop();
    }
  }
  return results;
}
