import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../src/http/page-headers.js';
import { startTestPlatform } from '../support/index.js';

const contract = readFileSync(new URL('../../../../docs/wise-contract.md', import.meta.url), 'utf8');

async function page(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('GET / and /docs/contract', () => {
  test('sandbox mode: what runs here, its mode, the inspector and the contract; no dead links', async () => {
    const p = await startTestPlatform({ settings: { sandbox: true } });
    try {
      const home = await page(`${p.url}/`);
      assert.equal(home.status, 200);
      assert.equal(home.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(home.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
      assert.match(home.text, /Wise/);
      assert.match(home.text, /Sandbox/);
      assert.ok(home.text.includes(p.platform.config.issuer), 'the issuer and API base');
      assert.match(home.text, /sandbox, in test mode/, 'its mode');
      assert.match(home.text, /open to requests from this machine without a key/);
      const links = [...home.text.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(links.includes('/_sandbox'));
      assert.ok(links.includes('/docs/contract'));
      assert.ok(links.includes('/openapi.json'), 'the API description (issue 15)');
      assert.ok(links.includes('/docs'), 'the API reference page (issue 15)');
      for (const link of links.filter((l) => l.startsWith('/') && !l.startsWith('/assets'))) {
        assert.notEqual((await page(`${p.url}${link}`)).status, 404, link);
      }

      // A version prefix before `/` is no page: the usual JSON 404, as for any unknown path.
      const prefixed = await page(`${p.url}/2026Q3/`);
      assert.equal(prefixed.status, 404);
      assert.match(prefixed.headers.get('content-type') ?? '', /json/);

      const doc = await page(`${p.url}/docs/contract`);
      assert.equal(doc.status, 200);
      assert.equal(doc.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
      const firstLine = contract.split('\n')[0]!;
      assert.ok(doc.text.includes(firstLine.replace(/&/g, '&amp;').replace(/</g, '&lt;')), 'the file itself');
      assert.ok(!/<pre class="document">[\s\S]*<script/.test(doc.text));
    } finally {
      await p.close();
    }
  });

  test('/favicon.ico and /favicon.svg are served (issue 13 item 8), and the pages name the icon', async () => {
    const p = await startTestPlatform({ settings: { sandbox: false } });
    try {
      const ico = await fetch(`${p.url}/favicon.ico`);
      assert.equal(ico.status, 200);
      assert.equal(ico.headers.get('content-type'), 'image/x-icon');
      const bytes = Buffer.from(await ico.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
      const svg = await fetch(`${p.url}/favicon.svg`);
      assert.equal(svg.status, 200);
      assert.match(svg.headers.get('content-type') ?? '', /^image\/svg\+xml/);
      assert.match(
        (await page(`${p.url}/`)).text,
        /<link rel="icon" href="\/favicon.svg" type="image\/svg\+xml">/,
      );
    } finally {
      await p.close();
    }
  });

  test('production mode (sandbox off): a minimal page with no sandbox links', async () => {
    const p = await startTestPlatform({ settings: { sandbox: false } });
    try {
      const home = await page(`${p.url}/`);
      assert.equal(home.status, 200);
      assert.ok(!home.text.includes('/_sandbox'));
      assert.ok(!/sandbox/i.test(home.text.replace(/<[^>]+>/g, '')), 'the word is not even shown');
      assert.ok(home.text.includes('/docs/contract'));
      assert.equal((await page(`${p.url}/_sandbox`)).status, 404);
    } finally {
      await p.close();
    }
  });
});
