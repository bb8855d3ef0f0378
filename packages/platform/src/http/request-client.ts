import type { FastifyRequest } from 'fastify';

const clients = new WeakMap<FastifyRequest, string>();

/**
 * The partner a request authenticated as (a client's Basic credentials, or a bearer token's client), noted
 * by the code that checked it, so the sandbox request journal (issue 11) can say who made each call.
 */
export function noteClient(request: FastifyRequest, clientId: string): void {
  clients.set(request, clientId);
}

export function notedClient(request: FastifyRequest): string | undefined {
  return clients.get(request);
}
