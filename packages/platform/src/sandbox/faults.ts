import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { unstorable } from '../http/form.js';
import { jsonObject } from '../http/json.js';
import { isProbe } from '../http/observe.js';
import { familyForPath } from '../http/render-error.js';
import { leaveUnchecked } from '../http/response-check.js';
import type { FaultRecord, FaultSpec } from '../store/faults.js';
import { droppedEntry, journal } from './journal.js';

export const FAULTS_PATH = '/_sandbox/faults';
/** A delay never holds a request longer than a minute (clients' timeouts are shorter). */
export const MAX_DELAY_MS = 60_000;
const MAX_COUNT = 10_000;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const FIELDS = new Set(['method', 'path', 'status', 'body', 'headers', 'delayMs', 'drop', 'count']);
/** Headers a fault may not set: they describe the connection or the framing, which Node owns. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/; // RFC 9110 §5.1 field-name

/** The control plane itself is never faulted, or a partner could lock itself out of clearing faults. */
export function controlPlane(path: string): boolean {
  return path === '/_sandbox' || path.startsWith('/_sandbox/') || path.startsWith('/_sandbox?');
}

const bad = (message: string, path: string) =>
  new ValidationError(400, [{ code: 'BAD_REQUEST', message, path, arguments: [] }]);

/** Whether a JSON value holds a string PostgreSQL could not store. */
function hasUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return unstorable(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => unstorable(k) || hasUnstorable(v));
}

const own = (message: string) => ({ 'x-error': { code: 'BAD_REQUEST', message } });
const wholeNumber = (name: string, minimum: number, maximum: number) => ({
  type: ['integer', 'null'],
  minimum,
  maximum,
  ...own(`${name} must be a whole number from ${minimum} to ${maximum}.`),
});

/**
 * Issue 15: the body of `POST /_sandbox/faults` (sandbox/descriptions.ts), which validates each field's type
 * and range in these words; `parseFault` keeps what it cannot say (a known method in any case, `*` only at
 * the end, never the control plane, the fields that go together, no unknown field).
 */
export const FAULT_SPEC = {
  type: 'object',
  required: ['method', 'path', 'count'],
  properties: {
    method: { type: 'string', ...own(`method must be one of ${METHODS.join(', ')}.`) },
    path: {
      type: 'string',
      description: 'a path, or a prefix ending in *',
      pattern: '^/[^\\s?#]*$',
      maxLength: 2048,
      ...own('path must be a path starting with / (no query), or a prefix ending in *.'),
    },
    status: wholeNumber('status', 200, 599),
    body: { description: 'the body to answer: JSON, or a string sent as it is' },
    headers: { type: 'object', ...own('headers must be an object of header names to strings.') },
    delayMs: wholeNumber('delayMs', 0, MAX_DELAY_MS),
    drop: { type: ['boolean', 'null'], ...own('drop must be true or false.') },
    count: { ...wholeNumber('count', 1, MAX_COUNT), type: 'integer' },
  },
} as const;

/** `{"method","path","status"?,"body"?,"headers"?,"delayMs"?,"drop"?,"count"}`, valid against FAULT_SPEC. */
export function parseFault(input: unknown): FaultSpec {
  const o = jsonObject(input);
  const unknown = Object.keys(o).find((k) => !FIELDS.has(k));
  if (unknown !== undefined) throw bad(`Unknown field ${unknown}.`, unknown);
  const method = o['method'] as string;
  if (!METHODS.includes(method.toUpperCase()))
    throw bad(`method must be one of ${METHODS.join(', ')}.`, 'method');
  const path = o['path'] as string;
  if (path.slice(0, -1).includes('*')) throw bad('path may hold * only at its end.', 'path');
  // A wider prefix (`/*`) is allowed: the hook passes control-plane requests by whatever matches them.
  if (controlPlane(path.endsWith('*') ? path.slice(0, -1) : path))
    throw bad('Control-plane paths (/_sandbox) are never faulted.', 'path');
  const status = (o['status'] ?? null) as number | null;
  const delayMs = (o['delayMs'] ?? 0) as number;
  const drop = (o['drop'] ?? false) as boolean;
  const count = o['count'] as number;
  if (status === null && delayMs === 0 && !drop)
    throw bad('Say what the fault does: a status, a delayMs or drop.', 'status');
  if (drop && (status !== null || o['body'] !== undefined || o['headers'] !== undefined))
    throw bad('A dropped connection sends no status, body or headers.', 'drop');
  if (status === null && (o['body'] !== undefined || o['headers'] !== undefined))
    throw bad('body and headers need a status.', 'status');
  if (hasUnstorable(o['body'])) throw bad('body holds characters that cannot be stored.', 'body');
  return {
    method: method.toUpperCase(),
    path,
    status: status as number | null,
    body: o['body'],
    headers: parseHeaders(o['headers']),
    delayMs: delayMs as number,
    drop,
    count: count as number,
  };
}

function parseHeaders(input: unknown): Record<string, string> {
  if (input === undefined) return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(input as object)) {
    const lower = name.toLowerCase();
    if (!TOKEN.test(name) || FRAMING.has(lower)) throw bad(`${name} cannot be a fault's header.`, 'headers');
    if (typeof value !== 'string' || !/^[\t\x20-\x7e\x80-\xff]{0,1024}$/.test(value))
      throw bad(`The header ${name} must be a string of visible characters.`, 'headers');
    out[lower] = value;
  }
  return out;
}

/** A fault as the control plane shows it. */
export function faultJson(f: FaultRecord) {
  return {
    id: String(f.id),
    method: f.method,
    path: f.path,
    status: f.status,
    ...(f.body !== undefined && f.body !== null ? { body: f.body } : {}),
    headers: f.headers,
    delayMs: f.delayMs,
    drop: f.drop,
    count: f.count,
    remaining: f.remaining,
    createdAt: f.createdAt.toISOString(),
  };
}

/** The active faults, oldest first (the inspector's service; interfaces.md "journal provides"). */
export async function listFaults(platform: Platform) {
  return (await platform.stores.faults.listActive()).map(faultJson);
}

/** A body in the path's error family when the fault names none (contract "Error bodies: two families"). */
function defaultBody(path: string, status: number): unknown {
  const message = 'A fault the sandbox was asked for (POST /_sandbox/faults).';
  if (status < 400) return { message };
  if (familyForPath(path) === 'oauth')
    return { error: status < 500 ? 'invalid_request' : 'server_error', error_description: message };
  const code =
    status === 429
      ? 'TOO_MANY_REQUESTS'
      : status === 404
        ? 'NOT_FOUND'
        : status < 500
          ? 'BAD_REQUEST'
          : 'INTERNAL_ERROR';
  return { errors: [{ code, message }] };
}

/** Waits `ms`, or less when the caller hangs up first (nothing is left waiting when the server closes). */
function delay(request: FastifyRequest, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      request.raw.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    request.raw.once('close', done);
  });
}

/**
 * Issue 11 "Faults": before any route runs, the oldest live fault matching the method and path (as routed,
 * without a version prefix or query) takes one of its uses and answers instead: after `delayMs`, a dropped
 * connection, its status, or (delay only) the normal answer.
 */
export function registerFaultHook(app: FastifyInstance, platform: Platform): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (controlPlane(path) || isProbe(path)) return;
    const fault = await platform.stores.faults.take(request.method, path);
    if (!fault) return;
    const startedAt = performance.now();
    if (fault.delayMs > 0) await delay(request, fault.delayMs);
    if (fault.drop) {
      journal(platform, request, droppedEntry(request, startedAt));
      reply.hijack();
      request.raw.socket?.destroy();
      return;
    }
    if (request.raw.destroyed) return;
    if (fault.status === null) return;
    const body = fault.body ?? defaultBody(path, fault.status);
    const json = typeof body !== 'string';
    leaveUnchecked(request);
    reply.code(fault.status);
    if (json) reply.header('content-type', 'application/json; charset=utf-8');
    reply.headers(fault.headers);
    return reply.send(json ? JSON.stringify(body) : body);
  });
}

/** `POST /_sandbox/faults` → 201 the fault; `GET` → `{"faults":[…]}` (active ones); `DELETE` clears them all. */
export function registerSandboxFaults(app: FastifyInstance, platform: Platform): void {
  app.post(FAULTS_PATH, async (request, reply) => {
    const fault = await platform.stores.faults.add(parseFault(request.body), platform.now());
    return reply.code(201).send(faultJson(fault));
  });
  app.get(FAULTS_PATH, async () => ({ faults: await listFaults(platform) }));
  app.delete(FAULTS_PATH, async () => ({ deleted: await platform.stores.faults.clear() }));
}
