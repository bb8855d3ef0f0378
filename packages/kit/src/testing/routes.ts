/**
 * Every route a Fastify app has registered, read from its own route tree (`printRoutes`), so a test can walk
 * all of them (issue 12: bad input on every route) and a route added later is walked without a list to update.
 */
export interface RegisteredRoute {
  method: string;
  /** The path as registered, parameters as `:name` (the first name when routes share a node). */
  url: string;
  /** Its parameters' names, in order. */
  params: string[];
}

/** One entry per method and path; HEAD is left out (Fastify adds it to every GET). */
export function registeredRoutes(app: { printRoutes(options: { commonPrefix: false }): string }) {
  const routes: RegisteredRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S*)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    // Routes whose parameter differs only in name share a node: `/:id|:profileId`.
    const segment = (match[2] ?? '').replace(/:([\w-]+)(?:\|:[\w-]+)+/g, ':$1');
    const url = (depth === 0 ? '' : (stack[depth - 1] ?? '')) + segment;
    stack[depth] = url;
    stack.length = depth + 1;
    // A wildcard route (`/_sandbox/*`, which find-my-way may print as a bare `*`) is a catch-all for every
    // method, TRACE included, with no URL of its own to walk: left out.
    if (!url.startsWith('/') || url.includes('*')) continue;
    const params = [...url.matchAll(/:([\w-]+)/g)].map((m) => m[1] ?? '');
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD'))
      routes.push({ method, url, params });
  }
  return routes;
}
