import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { TAGS } from '../../src/http/openapi.js';
import { openApiDocument, openApiDocumentText } from '../../src/openapi-document.js';
import { startTestPlatform } from '../support/index.js';

type Operation = { tags?: string[]; summary?: string; security?: Record<string, string[]>[] };
type Document = {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  tags: { name: string }[];
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
  paths: Record<string, Record<string, Operation>>;
};

const COMMITTED = new URL('../../../../docs/openapi.json', import.meta.url);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Fastify's `/v1/profiles/:id` as OpenAPI writes it, `/v1/profiles/{id}`. */
const template = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('the OpenAPI document (issue 15)', () => {
  test('validates as OpenAPI 3.1', async () => {
    const document = await openApiDocument();
    const result = await new Validator().validate(document as Parameters<Validator['validate']>[0]);
    assert.deepEqual(result.errors ?? [], [], 'the validator finds nothing wrong');
    assert.equal(result.valid, true);
    assert.equal((document as Document).openapi, '3.1.0');
  });

  test('docs/openapi.json is current', async () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    const fresh = await openApiDocumentText();
    assert.ok(
      committed === fresh,
      'docs/openapi.json differs from the routes’ schemas: run `npm run openapi` and commit the file',
    );
    assert.equal(await openApiDocumentText(), fresh, 'two runs write the same text');
    assert.doesNotMatch(fresh, /127\.0\.0\.1|localhost:(?!4000)\d+/, 'no port of a run');
  });

  test('every route Fastify registers is in it (HEAD aside)', async () => {
    const routes: string[] = [];
    const left: string[] = [];
    const document = (await openApiDocument({
      onRoute: (route) => {
        const methods = [route.method].flat().filter((m) => m !== 'HEAD');
        const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
        for (const method of methods) (hidden ? left : routes).push(`${method} ${route.url}`);
      },
    })) as Document;
    assert.ok(routes.length > 80, `found the routes (${routes.length})`);
    for (const route of routes) {
      const [method, url] = route.split(' ') as [string, string];
      assert.ok(document.paths[template(url)]?.[method.toLowerCase()], `${route} is described`);
    }
    // Left out, each on purpose: the control plane's catch-all 404 (every method, so no operation) and the
    // reference page's own files under /docs.
    const unexpected = left.filter((r) => !/^[A-Z]+ \/_sandbox\/\*$/.test(r) && !/^GET \/docs(\/|$)/.test(r));
    assert.deepEqual(unexpected, [], 'no other route is hidden');
    const described = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => METHODS.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    assert.deepEqual(
      described.filter((d) => !routes.some((r) => template(r) === d)),
      [],
      'nothing is described that is not served',
    );
  });

  test('info, servers, tags and the security schemes', async () => {
    const document = (await openApiDocument()) as Document;
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    assert.equal(document.info.title, 'Account access platform');
    assert.equal(document.info.version, pkg.version);
    assert.deepEqual(document.servers, [{ url: 'http://localhost:4000' }]);
    assert.deepEqual(
      document.tags.map((t) => t.name),
      TAGS.map((t) => t.name),
    );
    assert.match(JSON.stringify(document.tags.find((t) => t.name === 'sandbox')), /not part of Wise’s API/);
    const schemes = document.components.securitySchemes;
    assert.deepEqual(
      Object.fromEntries(Object.entries(schemes).map(([name, s]) => [name, s.scheme ?? s.type])),
      {
        clientBasic: 'basic',
        clientToken: 'bearer',
        userToken: 'bearer',
        sandboxKey: 'bearer',
        sandboxSession: 'apiKey',
      },
    );
    const names = new Set(TAGS.map((t) => t.name as string));
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const tag of operation.tags ?? []) assert.ok(names.has(tag), `${method} ${path}: tag ${tag}`);
        for (const requirement of operation.security ?? [])
          for (const scheme of Object.keys(requirement)) assert.ok(scheme in schemes, `${path}: ${scheme}`);
        assert.equal(operation.tags?.length, 1, `${method} ${path} has one tag`);
        assert.ok(operation.summary, `${method} ${path} has a summary`);
      }
    }
    for (const [path, item] of Object.entries(document.paths).filter(([p]) => p.startsWith('/_sandbox')))
      for (const operation of Object.values(item)) assert.deepEqual(operation.tags, ['sandbox'], path);
  });

  test('GET /openapi.json serves the running platform’s document, its issuer as the server', async () => {
    const p = await startTestPlatform();
    try {
      const res = await fetch(`${p.url}/openapi.json`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const served = (await res.json()) as Document;
      assert.deepEqual(served.servers, [{ url: p.platform.config.issuer }]);
      assert.ok(served.paths['/oauth/token']?.post, 'the token endpoint');
    } finally {
      await p.close();
    }
  });
});
