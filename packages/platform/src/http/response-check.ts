import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Answers that are not the route's own: a sandbox fault's chosen status and body. */
const unchecked = new WeakSet<FastifyRequest>();

/** The answer to `request` is not its route's (a sandbox fault): not checked against the route's schema. */
export function leaveUnchecked(request: FastifyRequest): void {
  unchecked.add(request);
}

/**
 * Issue 15, test mode only: every JSON response is checked against the schema its route declares for that
 * status, so each HTTP test is also a test of the OpenAPI document. A body that does not match is replaced
 * by a 500 naming the route and what differs (and logged), which fails the test that asked for it.
 * Schemas never shape a body (app.ts serializes with plain JSON.stringify); they only describe it.
 */
export function checkResponses(app: FastifyInstance): void {
  // OpenAPI keywords (`example`, `examples`, `description`) ride along in the schemas: not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  const compiled = new WeakMap<object, Map<string, ValidateFunction | null>>();

  function validatorFor(responses: Record<string, unknown>, status: number): ValidateFunction | null {
    let byStatus = compiled.get(responses);
    if (!byStatus) {
      byStatus = new Map();
      compiled.set(responses, byStatus);
    }
    const key = String(status);
    if (!byStatus.has(key)) {
      const declared = jsonSchemaOf(
        responses[key] ?? responses[`${key[0]}xx`] ?? responses[`${key[0]}XX`] ?? responses.default,
      );
      byStatus.set(key, declared === null ? null : ajv.compile(declared));
    }
    return byStatus.get(key) ?? null;
  }

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const responses = (request.routeOptions.schema as { response?: Record<string, unknown> } | undefined)
      ?.response;
    const type = reply.getHeader('content-type');
    if (
      !responses ||
      unchecked.has(request) ||
      typeof payload !== 'string' ||
      typeof type !== 'string' ||
      !isJson(type)
    )
      return payload;
    const validate = validatorFor(responses, reply.statusCode);
    if (validate === null) return payload;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return mismatch(request, reply, 'the body is not JSON');
    }
    if (validate(body)) return payload;
    return mismatch(request, reply, ajv.errorsText(validate.errors, { dataVar: 'body' }));
  });
}

function isJson(type: string): boolean {
  return /^application\/([a-z.+-]*\+)?json\b/i.test(type);
}

/**
 * The JSON schema a response entry declares: a plain schema (Fastify's shorthand), or an OpenAPI response
 * object whose `content` has a JSON media type. Null when it declares no JSON body.
 */
function jsonSchemaOf(entry: unknown): object | null {
  if (entry === undefined || entry === null || typeof entry !== 'object') return null;
  const { content } = entry as { content?: Record<string, { schema?: object }> };
  if (content === undefined) return describesBody(entry) ? entry : null;
  const media = Object.keys(content).find(isJson);
  return media === undefined ? null : (content[media]?.schema ?? null);
}

/** A response entry that is only a description (`{ description: 'No content' }`) declares no body. */
function describesBody(entry: object): boolean {
  return Object.keys(entry).some((key) => key !== 'description');
}

function mismatch(request: FastifyRequest, reply: FastifyReply, problem: string): string {
  const route = `${request.method} ${request.routeOptions.url}`;
  const message = `The ${reply.statusCode} response of ${route} does not match its schema: ${problem}`;
  request.log.error({ route, status: reply.statusCode, problem }, 'response does not match its schema');
  reply.code(500).header('content-type', 'application/json; charset=utf-8');
  return JSON.stringify({ error: 'response_schema_mismatch', error_description: message });
}
