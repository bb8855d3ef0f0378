/**
 * The one cookie codec of both servers (RFC 6265). Cookies carry only opaque random ids, so a value is
 * accepted only when it is of that alphabet and length: anything else reads as no cookie.
 */
const OPAQUE = /^[A-Za-z0-9_-]{1,100}$/;

export interface CookieOptions {
  /** 0 deletes the cookie. */
  readonly maxAgeSeconds: number;
  /** On https: `Secure`, and the name gets the `__Host-` prefix (RFC 6265bis §4.1.3.2: this host, Path=/). */
  readonly secure: boolean;
}

/** The name a cookie is set and read under: `__Host-` prefixed when it is Secure. */
export function cookieName(name: string, secure: boolean): string {
  return secure ? `__Host-${name}` : name;
}

/** The value of cookie `name` in a `Cookie` header, when it is an opaque id. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return OPAQUE.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * A `Set-Cookie` value: HttpOnly, Path=/, SameSite=Lax. Lax because both servers need their cookie on a
 * top-level GET arriving from the other (the partner's redirect into the authorize endpoint, the platform's
 * redirect back to the partner's callback), while cross-site POSTs never carry it.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** What of a reply `appendSetCookie` needs (a Fastify reply has it). */
export interface HeaderSink {
  getHeader(name: string): unknown;
  header(name: string, value: string | string[]): unknown;
}

/** Adds a `Set-Cookie` header, keeping those already set on the reply. */
export function appendSetCookie(reply: HeaderSink, cookie: string): void {
  const previous = reply.getHeader('set-cookie');
  const list =
    previous === undefined ? [] : Array.isArray(previous) ? previous.map(String) : [String(previous)];
  reply.header('set-cookie', [...list, cookie]);
}
