import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** One request as a caller made it and the platform answered it, checked against the OpenAPI document. */
export interface CheckedCall {
  method: string;
  /** The document's path template that matched (`/v1/profiles/{id}`), or null when none did. */
  template: string | null;
  status: number;
  /** What disagrees with the document; empty when the call conforms. */
  problems: string[];
}

type Operation = {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

const pointer = (...parts: string[]) =>
  parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Checks calls against an OpenAPI document (issue 15): that the method and path are an operation of it,
 * and that each JSON or form body, the request's and the response's, validates against the schema the
 * document gives for it. A body the document gives no schema for is not checked; a status an operation
 * with described responses does not list is a problem.
 */
export function openApiChecker(document: OpenApiDocument) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  ajv.addSchema(document as object, 'openapi');
  const compiled = new Map<string, ValidateFunction>();
  const templates = Object.keys(document.paths)
    .map((template) => ({
      template,
      pattern: new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
      ),
      // A literal segment beats a parameter: `/v1/profiles/business` before `/v1/profiles/{id}`.
      literal: template.replace(/\{[^}]+\}/g, '').length,
    }))
    .sort((a, b) => b.literal - a.literal);

  function validate(path: string, body: unknown, what: string): string | null {
    let check = compiled.get(path);
    if (!check) {
      check = ajv.compile({ $ref: `openapi#/${path}` });
      compiled.set(path, check);
    }
    return check(body) ? null : `${what}: ${ajv.errorsText(check.errors, { dataVar: 'body' })}`;
  }

  function media(content: Record<string, unknown> | undefined, type: string): string | undefined {
    if (!content) return undefined;
    const base = type.split(';')[0]!.trim().toLowerCase();
    return Object.keys(content).find((name) => name.toLowerCase() === base);
  }

  return {
    /** The document's template for `path` (no query), or null. */
    templateOf(path: string): string | null {
      return templates.find((t) => t.pattern.test(path))?.template ?? null;
    },

    check(call: {
      method: string;
      path: string;
      request?: { type: string; body: unknown };
      status: number;
      response?: { type: string; body: unknown };
    }): CheckedCall {
      const method = call.method.toLowerCase();
      const template = this.templateOf(call.path);
      const result: CheckedCall = { method: call.method, template, status: call.status, problems: [] };
      const operation = template === null ? undefined : document.paths[template]?.[method];
      if (!operation) {
        result.problems.push(`${call.method} ${call.path} is no operation of the document`);
        return result;
      }
      const base = pointer('paths', template!, method);
      if (call.request) {
        const type = media(operation.requestBody?.content, call.request.type);
        if (operation.requestBody?.content && type === undefined)
          result.problems.push(`request: ${call.request.type} is not a body type the operation takes`);
        if (type !== undefined && operation.requestBody?.content?.[type]?.schema !== undefined) {
          const problem = validate(
            `${base}/${pointer('requestBody', 'content', type, 'schema')}`,
            call.request.body,
            'request',
          );
          if (problem) result.problems.push(problem);
        }
      }
      const responses = operation.responses ?? {};
      const undescribed =
        Object.keys(responses).length === 1 &&
        (responses['200'] as { description?: string } | undefined)?.description === 'Default Response';
      if (undescribed) return result;
      const status = [String(call.status), `${String(call.status)[0]}XX`, 'default'].find(
        (s) => s in responses,
      );
      if (status === undefined) {
        result.problems.push(`response: ${call.status} is not a status the operation describes`);
        return result;
      }
      if (call.response) {
        const type = media(responses[status]?.content, call.response.type);
        if (type !== undefined && responses[status]?.content?.[type]?.schema !== undefined) {
          const problem = validate(
            `${base}/${pointer('responses', status, 'content', type, 'schema')}`,
            call.response.body,
            `response ${call.status}`,
          );
          if (problem) result.problems.push(problem);
        }
      }
      return result;
    },
  };
}

export type OpenApiChecker = ReturnType<typeof openApiChecker>;

/** A JSON or form body as the document's schemas see it: parsed JSON, or a form's fields as strings. */
function parsedBody(type: string, text: string): unknown {
  if (/json/i.test(type)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (/x-www-form-urlencoded/i.test(type)) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

/**
 * A `fetch` for the project's client that checks every call to `baseUrl` against the document and keeps
 * what it found in `calls`. A call that does not conform fails there and then, naming what differs.
 */
export function conformingFetch(
  checker: OpenApiChecker,
  baseUrl: string,
  inner: (input: string, init: RequestInit) => Promise<Response> = (input, init) => fetch(input, init),
) {
  const calls: CheckedCall[] = [];
  const checked = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const response = await inner(input, init);
    if (!input.startsWith(baseUrl)) return response;
    const url = new URL(input);
    const headers = new Headers(init.headers);
    const requestType = headers.get('content-type') ?? '';
    const responseType = response.headers.get('content-type') ?? '';
    const text = await response.clone().text();
    const call = checker.check({
      method: init.method ?? 'GET',
      path: url.pathname,
      ...(typeof init.body === 'string'
        ? { request: { type: requestType, body: parsedBody(requestType, init.body) } }
        : {}),
      status: response.status,
      ...(text ? { response: { type: responseType, body: parsedBody(responseType, text) } } : {}),
    });
    calls.push(call);
    if (call.problems.length > 0)
      throw new Error(
        `${call.method} ${url.pathname} disagrees with the OpenAPI document: ${call.problems.join('; ')}`,
      );
    return response;
  };
  return { fetch: checked, calls };
}
