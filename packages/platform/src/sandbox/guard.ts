import { isIP } from 'node:net';
import { safeEqual } from '@account-access/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sandboxKeyLimits } from '../auth/limits.js';
import { checkedUnderLock } from '../auth/throttle.js';
import type { Platform } from '../context.js';
import { TooManyRequests, ValidationError } from '../errors/errors.js';
import { readSandboxSession } from './session.js';

/** The inspector's HTML page: the one path a browser without the key is sent to log in from. */
export const INSPECTOR_PATH = '/_sandbox';
export const LOGIN_PATH = '/_sandbox/login';

/** Headers a reverse proxy adds: a request carrying any of them came through one, so it is not loopback. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'via'];

function loopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

/**
 * The Host a browser on this machine sends: `localhost` (RFC 6761 §6.3, also `*.localhost`) or a loopback
 * literal. Anything else on a loopback socket is a DNS-rebinding page or a proxy, and is not trusted.
 */
function loopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[')
    ? host.slice(1, host.indexOf(']'))
    : host.replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || loopbackAddress(name);
}

/**
 * A request from this machine, straight to the server: the socket's own peer address (never `request.ip`,
 * which believes X-Forwarded-For when trustProxy says so) is loopback, no proxy header is present, and the
 * Host names loopback. A reverse proxy on the same machine connects from loopback too, so its requests
 * (which carry forwarding headers) need the key like any other.
 */
export function isLoopbackRequest(request: FastifyRequest): boolean {
  if (!loopbackAddress(request.raw.socket?.remoteAddress)) return false;
  if (FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  return loopbackHost(request.headers.host);
}

/** Development and test are local modes; production never opens the control plane without the key. */
export function openOnLoopback(platform: Platform): boolean {
  return platform.config.mode !== 'production';
}

/**
 * Whether `presented` is the sandbox key, as one attempt counted per address (auth/limits.ts): past the
 * limit every presented key is refused until the window ends, the right one too, so parallel guesses cannot
 * pass it. `ok: false` carries when the next attempt is taken.
 */
export async function checkSandboxKey(
  platform: Platform,
  request: FastifyRequest,
  presented: string,
): Promise<{ ok: true; matches: boolean } | { ok: false; retryAt: Date }> {
  const key = platform.config.sandboxKey;
  if (key === null) return { ok: true, matches: false };
  const outcome = await checkedUnderLock(platform, sandboxKeyLimits(platform, request.ip), () =>
    safeEqual(presented, key),
  );
  return outcome.ok ? { ok: true, matches: outcome.value } : outcome;
}

/** Whether the request carries the sandbox key: `Authorization: Bearer <key>` or the inspector's login cookie. */
async function hasSandboxKey(platform: Platform, request: FastifyRequest): Promise<boolean> {
  if (platform.config.sandboxKey === null) return false;
  const header = request.headers.authorization;
  const match = header ? /^Bearer[ ]+(\S+)[ ]*$/i.exec(header) : null;
  if (!match) return readSandboxSession(platform, request, Date.now());
  const checked = await checkSandboxKey(platform, request, match[1]!);
  if (!checked.ok) throw new TooManyRequests((checked.retryAt.getTime() - platform.now().getTime()) / 1000);
  return checked.matches;
}

export async function sandboxAllowed(platform: Platform, request: FastifyRequest): Promise<boolean> {
  return (openOnLoopback(platform) && isLoopbackRequest(request)) || hasSandboxKey(platform, request);
}

export class SandboxKeyRequired extends ValidationError {
  constructor() {
    super(401, [
      {
        code: 'UNAUTHORIZED',
        message:
          'The sandbox control plane needs the sandbox key: send "Authorization: Bearer <PLATFORM_SANDBOX_KEY>" or log in at /_sandbox/login.',
      },
    ]);
    this.headers['www-authenticate'] = 'Bearer realm="sandbox"';
  }
}

/**
 * The guard of every `/_sandbox` route (issue 11 "Locked"): an `onRequest` hook of the sandbox plugin, so it
 * runs before any body is read. API calls without the key get a 401 JSON body; the inspector page
 * (`GET /_sandbox` exactly) sends a browser to the login form instead.
 */
export function sandboxGuard(platform: Platform) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (await sandboxAllowed(platform, request)) return;
    const path = request.url.split('?')[0];
    if (request.method === 'GET' && path === INSPECTOR_PATH) {
      await reply.code(303).header('location', LOGIN_PATH).send();
      return;
    }
    throw new SandboxKeyRequired();
  };
}
