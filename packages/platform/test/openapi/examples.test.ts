import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../src/openapi-document.js';

/**
 * Issue 15: "OpenAPI 3.1 … with examples taken from docs/wise-contract.md", so that a mock server (Prism) or
 * the reference page at /docs shows Wise's shapes. Every request body and every 2xx JSON response carries an
 * example on its media type (`example`, or named `examples`), and every example in the document, wherever it
 * is (media type, parameter, or a schema's own `examples`), is valid against the schema beside it.
 */

type Json = Record<string, unknown>;
type Media = { schema?: Json; example?: unknown; examples?: Record<string, { value?: unknown }> };
type Operation = {
  parameters?: { name: string; in: string; schema?: Json; example?: unknown; examples?: Media['examples'] }[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const isJson = (type: string) => /^application\/([a-z.+-]*\+)?json\b/i.test(type);

/** RFC 6901: a JSON pointer's segment. */
const segment = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

function operations(document: Json): [string, string, Operation][] {
  const paths = document['paths'] as Record<string, Record<string, Operation>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => [path, method, operation] as [string, string, Operation]),
  );
}

const hasExample = (media: Media) =>
  media.example !== undefined || Object.values(media.examples ?? {}).some((e) => e.value !== undefined);

/** The operations' request bodies and 2xx JSON responses that carry no example, as `METHOD path what`. */
function missingExamples(document: Json): string[] {
  const missing: string[] = [];
  for (const [path, method, operation] of operations(document)) {
    const name = `${method.toUpperCase()} ${path}`;
    for (const [type, media] of Object.entries(operation.requestBody?.content ?? {}))
      if (!hasExample(media)) missing.push(`${name} request body ${type}`);
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!/^2/.test(status)) continue;
      for (const [type, media] of Object.entries(response.content ?? {}))
        if (isJson(type) && !hasExample(media)) missing.push(`${name} ${status} ${type}`);
    }
  }
  return missing;
}

/** Every example in the document with the JSON pointer of the schema it must match. */
function examplesIn(document: Json): { where: string; schema: string; value: unknown }[] {
  const found: { where: string; schema: string; value: unknown }[] = [];
  const media = (at: string, m: { schema?: Json; example?: unknown; examples?: Media['examples'] }) => {
    if (m.schema === undefined) return;
    if (m.example !== undefined)
      found.push({ where: `${at}/example`, schema: `${at}/schema`, value: m.example });
    for (const [key, e] of Object.entries(m.examples ?? {}))
      if (e.value !== undefined)
        found.push({ where: `${at}/examples/${segment(key)}`, schema: `${at}/schema`, value: e.value });
    schemaExamples(`${at}/schema`, m.schema);
  };
  // A schema's own `examples` (JSON Schema 2020-12 §9.5), at any depth.
  const schemaExamples = (at: string, schema: unknown) => {
    if (schema === null || typeof schema !== 'object') return;
    if (Array.isArray(schema)) {
      for (const [i, s] of schema.entries()) schemaExamples(`${at}/${i}`, s);
      return;
    }
    const s = schema as Json;
    if (Array.isArray(s['examples']))
      for (const [i, value] of s['examples'].entries())
        found.push({ where: `${at}/examples/${i}`, schema: at, value });
    if (s['example'] !== undefined) found.push({ where: `${at}/example`, schema: at, value: s['example'] });
    for (const key of ['items', 'not', 'if', 'then', 'else', 'contains', 'additionalProperties'])
      if (typeof s[key] === 'object') schemaExamples(`${at}/${key}`, s[key]);
    for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems'])
      if (Array.isArray(s[key])) schemaExamples(`${at}/${key}`, s[key]);
    for (const key of ['properties', 'patternProperties', '$defs'])
      for (const [name, sub] of Object.entries((s[key] as Json | undefined) ?? {}))
        schemaExamples(`${at}/${key}/${segment(name)}`, sub);
  };
  for (const [path, method, operation] of operations(document)) {
    const at = `#/paths/${segment(path)}/${method}`;
    for (const [i, p] of (operation.parameters ?? []).entries()) media(`${at}/parameters/${i}`, p);
    for (const [type, m] of Object.entries(operation.requestBody?.content ?? {}))
      media(`${at}/requestBody/content/${segment(type)}`, m);
    for (const [status, response] of Object.entries(operation.responses ?? {}))
      for (const [type, m] of Object.entries(response.content ?? {}))
        media(`${at}/responses/${status}/content/${segment(type)}`, m);
  }
  for (const [name, schema] of Object.entries(
    ((document['components'] as Json | undefined)?.['schemas'] as Json | undefined) ?? {},
  ))
    schemaExamples(`#/components/schemas/${segment(name)}`, schema);
  return found;
}

/** Each example that its schema refuses, with what is wrong; `$ref`s resolve inside the document. */
function invalidExamples(document: Json): string[] {
  // OpenAPI's own keywords (`example`, `discriminator`, `x-…`) sit in its schemas: not strict.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  ajv.addSchema(document, 'openapi.json');
  const invalid: string[] = [];
  for (const { where, schema, value } of examplesIn(document)) {
    const validate = ajv.compile({ $ref: `openapi.json${schema}` });
    if (!validate(value))
      invalid.push(`${where}: ${ajv.errorsText(validate.errors, { dataVar: 'example' })}`);
  }
  return invalid;
}

describe('the OpenAPI document’s examples (issue 15)', () => {
  test('every request body and every 2xx JSON response has an example', async () => {
    const document = await openApiDocument();
    assert.ok(operations(document).length > 100, 'found the operations');
    assert.deepEqual(missingExamples(document), []);
  });

  test('a body’s or response’s examples sit on its media type, where Swagger UI and Prism read them', async () => {
    const document = await openApiDocument();
    const inSchema = operations(document).flatMap(([path, method, operation]) =>
      [
        ...Object.values(operation.requestBody?.content ?? {}),
        ...Object.values(operation.responses ?? {}).flatMap((r) => Object.values(r.content ?? {})),
      ]
        .filter((m) => m.schema?.['examples'] !== undefined || m.schema?.['x-examples'] !== undefined)
        .map(() => `${method.toUpperCase()} ${path}`),
    );
    assert.deepEqual(inSchema, []);
    const token = (document['paths'] as Record<string, { post: Operation }>)['/oauth/token']?.post;
    assert.deepEqual(
      Object.keys(token?.requestBody?.content?.['application/x-www-form-urlencoded']?.examples ?? {}).sort(),
      ['authorizationCode', 'clientCredentials', 'refreshToken', 'registrationCode'],
      'the token request of each grant, named',
    );
  });

  test('every example is valid against its schema', async () => {
    const document = await openApiDocument();
    assert.ok(examplesIn(document).length > 150, `found the examples (${examplesIn(document).length})`);
    assert.deepEqual(invalidExamples(document), []);
  });

  test('the checks see an example taken away and an example that does not match', async () => {
    const document = await openApiDocument();
    const token = (document['paths'] as Json)['/oauth/token'] as { post: Operation };
    const answer = token.post.responses?.['200']?.content?.['application/json'] as Media;
    delete answer.example;
    delete answer.examples;
    const revoke = (document['paths'] as Json)['/_sandbox/tokens/revoke'] as { post: Operation };
    const body = revoke.post.requestBody?.content?.['application/json'] as Media;
    body.example = { accessToken: 42 };
    delete body.examples;
    assert.deepEqual(missingExamples(document), ['POST /oauth/token 200 application/json']);
    assert.deepEqual(invalidExamples(document), [
      '#/paths/~1_sandbox~1tokens~1revoke/post/requestBody/content/application~1json/example: ' +
        'example/accessToken must be string',
    ]);
  });
});
