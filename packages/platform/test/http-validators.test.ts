import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifySchemaCompiler, RouteOptions } from 'fastify';
import { jsonValidatorCompiler } from '../src/http/form-schema.js';
import { openApiDocument } from '../src/openapi-document.js';

type Part = 'body' | 'querystring' | 'params' | 'headers';
const PARTS: Part[] = ['body', 'querystring', 'params', 'headers'];

/**
 * Issue 14: route validators compile on their route's first request (http/form-schema.ts), so nothing at
 * start proves a schema compiles. This does, for every part of every route as Fastify hands it to the
 * route's compiler (a body by content type), and runs each validator once.
 */
test('every route schema compiles with the validator compiler its route uses', async () => {
  const routes: RouteOptions[] = [];
  await openApiDocument({ onRoute: (route) => void routes.push(route) });
  let compiled = 0;
  for (const route of routes) {
    const schema = route.schema as Partial<Record<Part, { content?: Record<string, { schema: object }> }>>;
    if (!schema) continue;
    const compiler = (route.validatorCompiler ?? jsonValidatorCompiler) as FastifySchemaCompiler<unknown>;
    for (const httpPart of PARTS) {
      const part = schema[httpPart];
      if (!part) continue;
      const schemas = part.content ? Object.values(part.content).map((c) => c.schema) : [part];
      for (const one of schemas) {
        const validate = compiler({ schema: one, method: String(route.method), url: route.url, httpPart });
        assert.doesNotThrow(
          () => (validate as (data: unknown) => unknown)({}),
          `${route.method} ${route.url}`,
        );
        compiled++;
      }
    }
  }
  assert.ok(compiled > 50, `compiled the routes' schemas (${compiled})`);
});
