import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import type { StoredResponse } from '../store/idempotency.js';
import type { Stores } from '../store/stores.js';

export const IDEMPOTENCY_HEADER = 'x-idempotence-uuid';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** JSON with object keys sorted, so two bodies that mean the same thing fingerprint the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function keyOf(request: FastifyRequest): string | null {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !UUID.test(raw.trim())) {
    throw new ValidationError(422, [
      {
        code: 'ERROR',
        message: 'X-idempotence-uuid must be a UUID',
        path: 'X-idempotence-uuid',
        arguments: ['X-idempotence-uuid'],
      },
    ]);
  }
  return raw.trim().toLowerCase();
}

/**
 * Contract §8 `X-idempotence-uuid`: the first successful response to a (user, key) is stored and sent again,
 * status and body, for every repeat. (ours) The same key with a different request (another route or body)
 * is a 422 `IDEMPOTENCY_KEY_REUSED`, as the IETF Idempotency-Key draft advises; errors are not stored, so a
 * request that failed can be retried with the same key once corrected elsewhere (e.g. a 409 resolved).
 * Without the header, `work` simply runs.
 */
export async function sendIdempotent(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  work: (stores: Stores) => Promise<{ status: number; body: unknown }>,
): Promise<FastifyReply> {
  const key = keyOf(request);
  const run = async (stores: Stores): Promise<StoredResponse> => {
    const { status, body } = await work(stores);
    return { status, body: JSON.stringify(body) };
  };
  let response: StoredResponse;
  if (key === null) response = await run(platform.stores);
  else {
    const requestHash = createHash('sha256')
      .update(
        `${request.method} ${request.routeOptions.url ?? ''} ${request.url}\n${canonical(request.body)}`,
      )
      .digest('base64url');
    const outcome = await platform.stores.idempotency.once({ userId, key, requestHash }, platform.now(), run);
    if (outcome.kind === 'mismatch') {
      throw new ValidationError(422, [
        {
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: 'This X-idempotence-uuid was already used for a different request',
          path: 'X-idempotence-uuid',
          arguments: ['X-idempotence-uuid'],
        },
      ]);
    }
    response = outcome.response;
  }
  return reply.code(response.status).type('application/json; charset=utf-8').send(response.body);
}
