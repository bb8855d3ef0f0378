import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DOCS_CONTENT_SECURITY_POLICY } from '../../src/http/openapi.js';
import { startTestPlatform, type TestPlatform } from '../support/index.js';

describe('GET /docs, the API reference page (issue 15)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform();
  });
  after(() => p.close());

  test('the page and every file it loads come from the platform itself', async () => {
    const res = await fetch(`${p.url}/docs`, { redirect: 'manual' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('content-security-policy'), DOCS_CONTENT_SECURITY_POLICY);
    const page = await res.text();
    assert.match(page, /<title>Account access platform API<\/title>/);
    assert.doesNotMatch(page, /(?:src|href)="(?:https?:)?\/\//, 'no file from another origin');
    const files = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(
      files.some((f) => f.endsWith('swagger-ui-bundle.js')),
      'the renderer',
    );
    assert.ok(
      files.some((f) => f.endsWith('.css')),
      'its styles',
    );
    for (const file of files) {
      const asset = await fetch(new URL(file, `${p.url}/docs`));
      assert.equal(asset.status, 200, file);
      assert.ok((await asset.arrayBuffer()).byteLength > 0, file);
    }
  });

  test('the renderer is pointed at this platform’s document, with no validator service', async () => {
    const script = await (await fetch(`${p.url}/docs/static/swagger-initializer.js`)).text();
    assert.match(script, /resolveUrl\('\.\/json'\)/);
    assert.match(script, /validatorUrl: null/);
    const json = await fetch(`${p.url}/docs/json`);
    assert.equal(json.status, 200);
    const served = await (await fetch(`${p.url}/openapi.json`)).json();
    assert.deepEqual(await json.json(), served);
  });

  test('the reference page’s policy allows its own script; the hosted pages keep theirs', async () => {
    const home = await fetch(`${p.url}/`);
    assert.match(home.headers.get('content-security-policy') ?? '', /script-src 'none'/);
    assert.match(DOCS_CONTENT_SECURITY_POLICY, /script-src 'self'/);
    assert.doesNotMatch(DOCS_CONTENT_SECURITY_POLICY, /https?:|\*/, 'no other origin');
  });
});
