import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { FormParams } from '../http/form.js';
import { REDACTED, redactHeaders, redactUrl, redactValue } from '../http/log-redaction.js';
import { notedClient } from '../http/request-client.js';
import type { JournalEntry, JournalFilter } from '../store/request-journal.js';

/** Bodies larger than this are summarised, not kept (the journal is for reading, not for archiving). */
const MAX_BODY_CHARS = 64 * 1024;
export const REQUESTS_PATH = '/_sandbox/requests';
const MAX_LIMIT = 500;

/** A request as `GET /_sandbox/requests` answers it (interfaces.md "journal provides"). */
export interface JournaledRequest {
  id: number;
  at: string;
  method: string;
  path: string;
  status: number;
  clientId: string | null;
  durationMs: number;
  request: { headers: Record<string, string>; body: unknown };
  response: { headers: Record<string, string>; body: unknown };
}

export interface RequestFilter {
  clientId?: string | undefined;
  path?: string | undefined;
  status?: number | undefined;
  limit?: number | undefined;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** What PostgreSQL's jsonb cannot hold (NUL, half a surrogate pair) becomes U+FFFD; the rest is kept. */
function storable(value: unknown): unknown {
  if (typeof value === 'string')
    return value.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATE, '\ufffd');
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(storable);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k) as string, storable(v)]));
}

function requestBody(request: FastifyRequest): unknown {
  const body = request.body;
  if (body === undefined || body === null) return null;
  if (body instanceof FormParams) return redactValue(Object.fromEntries(body.entries()));
  return redactValue(body);
}

/** The response body as journaled: JSON parsed and redacted; HTML, CSS and the like only summarised. */
function responseBody(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  if (payload === undefined || payload === null || payload === '') return null;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return '[streamed body, not kept]';
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  const type = String(reply.getHeader('content-type') ?? '');
  if (request.url.split('?')[0] === REQUESTS_PATH) return '[the journal itself, not kept]';
  if (text.length > MAX_BODY_CHARS) return `[${text.length} characters, not kept]`;
  if (type.includes('json')) {
    try {
      return redactValue(JSON.parse(text));
    } catch {
      return REDACTED;
    }
  }
  // Pages carry CSRF tokens and, on the show-code page, a code: only their size is kept.
  if (type.startsWith('text/plain')) return redactValue(text);
  return `[${type.split(';')[0] || 'body'}, ${text.length} characters]`;
}

/** Basic credentials name the client even when the route does not note it (the client authenticated). */
function clientOf(request: FastifyRequest, status: number): string | null {
  const noted = notedClient(request);
  if (noted !== undefined) return noted;
  const header = request.headers.authorization;
  const basic = header ? /^Basic[ ]+([A-Za-z0-9+/=]+)[ ]*$/i.exec(header) : null;
  if (!basic || status >= 400) return null;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  try {
    return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
  } catch {
    return decoded.slice(0, colon);
  }
}

const payloads = new WeakMap<FastifyRequest, unknown>();
/** Writes not yet committed, so this instance's own `GET /_sandbox/requests` sees every answered request. */
const pending = new Set<Promise<void>>();

/** Records one request (also called for a dropped connection, which Fastify's hooks never see end). */
export function journal(platform: Platform, request: FastifyRequest, entry: Omit<JournalEntry, 'at'>): void {
  const write = platform.stores.requestJournal
    .record(
      { ...(storable(entry) as Omit<JournalEntry, 'at'>), at: platform.now() },
      platform.config.journalSize,
    )
    .catch((error: unknown) => request.log.error({ err: error }, 'recording a request in the journal failed'))
    .finally(() => pending.delete(write));
  pending.add(write);
}

/** The entry of a request whose answer never left (a dropped connection): status 0. */
export function droppedEntry(request: FastifyRequest, startedAt: number): Omit<JournalEntry, 'at'> {
  return {
    method: request.method,
    path: redactUrl(request.originalUrl ?? request.url),
    status: 0,
    clientId: null,
    durationMs: performance.now() - startedAt,
    request: { headers: redactHeaders(request.headers), body: null },
    response: { headers: {}, body: '[connection dropped]' },
  };
}

/**
 * Issue 11 "Request journal": every request the platform answers in sandbox mode, recorded after the
 * response went out (`onResponse`, so the caller never waits for it), every secret redacted by the log's
 * own rules (http/log-redaction.ts). Root-level hooks: API, OAuth, hosted pages and the control plane alike.
 */
export function registerRequestJournal(app: FastifyInstance, platform: Platform): void {
  // A closing app waits for the journal's last writes, so none runs on a closed database.
  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    payloads.set(request, payload);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    journal(platform, request, {
      method: request.method,
      path: redactUrl(request.originalUrl ?? request.url),
      status: reply.statusCode,
      clientId: clientOf(request, reply.statusCode),
      durationMs: reply.elapsedTime,
      request: { headers: redactHeaders(request.headers), body: requestBody(request) },
      response: {
        headers: redactHeaders(reply.getHeaders()),
        body: responseBody(request, reply, payloads.get(request)),
      },
    });
  });
}

/** The journal, newest first (the inspector's service; interfaces.md "journal provides"). */
export async function listRequests(
  platform: Platform,
  filter: RequestFilter = {},
): Promise<JournaledRequest[]> {
  await Promise.allSettled([...pending]);
  const query: JournalFilter = {
    clientId: filter.clientId,
    path: filter.path,
    status: filter.status,
    limit: Math.min(MAX_LIMIT, Math.max(1, filter.limit ?? 100)),
  };
  const rows = await platform.stores.requestJournal.list(query);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

const badQuery = (message: string, path: string) =>
  new ValidationError(400, [{ code: 'BAD_REQUEST', message, path, arguments: [] }]);

/** One optional query parameter, once, non-empty. */
function one(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw badQuery(`${name} must be given once, not empty`, name);
  return value;
}

function parseFilter(query: Record<string, unknown>): RequestFilter {
  const path = one(query, 'path');
  if (path !== undefined && !path.startsWith('/')) throw badQuery('path must start with /', 'path');
  const status = one(query, 'status');
  if (status !== undefined && !/^[1-5]\d\d$|^0$/.test(status))
    throw badQuery('status must be an HTTP status (100-599), or 0 for a dropped connection', 'status');
  const limit = one(query, 'limit');
  if (limit !== undefined && (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_LIMIT))
    throw badQuery(`limit must be a whole number from 1 to ${MAX_LIMIT}`, 'limit');
  return {
    clientId: one(query, 'clientId'),
    path,
    status: status === undefined ? undefined : Number(status),
    limit: limit === undefined ? undefined : Number(limit),
  };
}

/** `GET /_sandbox/requests?clientId=&path=&status=&limit=`: `{"requests":[…]}`, newest first. */
export function registerSandboxRequests(app: FastifyInstance, platform: Platform): void {
  app.get(REQUESTS_PATH, async (request) => ({
    requests: await listRequests(platform, parseFilter(request.query as Record<string, unknown>)),
  }));
}
