// A scripted `fetch` for tests: records every request and honours abort signals like the real one.

/** A request as the fake saw it. */
export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string;
  /** The body parsed as a form (for token requests). */
  readonly form: URLSearchParams;
  /** The body parsed as JSON, or undefined. */
  readonly json: unknown;
  readonly signal: AbortSignal | undefined;
}

/** What a scripted step does: answer, fail like a dropped connection, or never answer until aborted. */
export type Step = Response | Error | 'hang' | ((request: RecordedRequest) => Response | Promise<Response>);

export interface FakeFetch {
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  readonly requests: RecordedRequest[];
}

/**
 * A fetch that answers with `steps` in order (the last step repeats), or with `route(request)` when a
 * function is given.
 */
export function fakeFetch(...steps: Step[]): FakeFetch {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const body = typeof init.body === 'string' ? init.body : '';
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const request: RecordedRequest = {
      url: input,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body,
      form: new URLSearchParams(body),
      json,
      signal: init.signal ?? undefined,
    };
    const step = steps[Math.min(requests.length, steps.length - 1)];
    requests.push(request);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const answer = new Promise<Response>((resolve, reject) => {
      if (step === undefined) reject(new Error('fakeFetch: no step scripted'));
      else if (step === 'hang') {
        // resolves never; only the abort below settles it
      } else if (step instanceof Error) reject(new TypeError('fetch failed', { cause: step }));
      else if (step instanceof Response) resolve(step.clone());
      else Promise.resolve(step(request)).then(resolve, reject);
    });
    if (!signal) return answer;
    return new Promise<Response>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      answer.then(resolve, reject);
    });
  };
  return { fetch, requests };
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A text response (e.g. an HTML error page from a proxy). */
export function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/html', ...headers } });
}

/** A token endpoint success body (contract §1 / §5). */
export function tokenBody(accessToken: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { access_token: accessToken, token_type: 'bearer', expires_in: 43199, scope: 'transfers', ...extra };
}

/** A user token body (contract §5). */
export function userTokenBody(accessToken: string, refreshToken = 'refresh-1'): Record<string, unknown> {
  return tokenBody(accessToken, {
    refresh_token: refreshToken,
    refresh_token_expires_in: 628639555,
    created_at: '2026-01-01T00:00:00Z',
  });
}
