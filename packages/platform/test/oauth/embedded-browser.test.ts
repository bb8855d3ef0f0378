import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { embeddedUserAgent } from '../../src/http/embedded-browser.js';
import { PageClient, startTestPlatform, type TestPlatform } from '../support/index.js';

// User-Agent headers as these apps and browsers send them (issue 16, RFC 8252 §8.12).
const EMBEDDED: Record<string, string> = {
  'Android WebView':
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.64 Mobile Safari/537.36',
  'iOS WebView':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Facebook in-app browser':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/450.0.0.38.108;FBBV/564431005;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.3;FBSS/3;FBCR/;FBID/phone;FBLC/en_GB;FBOP/5]',
  'Instagram in-app browser':
    'Mozilla/5.0 (Linux; Android 13; SM-S918B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/121.0.6167.178 Mobile Safari/537.36 Instagram 318.0.0.30.110 Android',
  'WeChat in-app browser':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2c) NetType/WIFI Language/en',
  'LINE in-app browser':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/13.21.0',
};

const BROWSERS: Record<string, string> = {
  'Safari on iPhone':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Chrome on iPhone':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/122.0.6261.89 Mobile/15E148 Safari/604.1',
  'Chrome on Android':
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Mobile Safari/537.36',
  'Firefox on Android': 'Mozilla/5.0 (Android 14; Mobile; rv:123.0) Gecko/123.0 Firefox/123.0',
  'Safari on a Mac':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
  'Chrome on Windows':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'Chromium headless':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
};

describe('embedded user agents (issue 16, RFC 8252 §8.12)', () => {
  test('WebViews and in-app browsers are recognised by name', () => {
    for (const [name, ua] of Object.entries(EMBEDDED)) assert.equal(embeddedUserAgent(ua), name, ua);
  });

  test('browsers, and a request without a User-Agent, are not', () => {
    for (const ua of Object.values(BROWSERS)) assert.equal(embeddedUserAgent(ua), null, ua);
    assert.equal(embeddedUserAgent(undefined), null);
    assert.equal(embeddedUserAgent(''), null);
  });
});

describe('GET /oauth/authorize from an embedded user agent (issue 16)', () => {
  const redirectUri = 'https://bank.example/callback';
  const start = async (settings = {}) => {
    const p = await startTestPlatform({ settings });
    const client = await p.addClient({ name: 'Demo Bank', redirectUris: [redirectUri] });
    const query = new URLSearchParams({ client_id: client.clientId, redirect_uri: redirectUri, state: 's1' });
    const open = (ua: string) => {
      const page = new PageClient(p.url);
      page.headers['user-agent'] = ua;
      return page.get(`/oauth/authorize?${query}`);
    };
    return { p, open };
  };

  describe('by default', () => {
    let p: TestPlatform;
    let open: (ua: string) => ReturnType<PageClient['get']>;
    before(async () => ({ p, open } = await start()));
    after(() => p.close());

    test('a WebView gets a page telling the person to use their browser, and the developer why', async () => {
      for (const [name, ua] of Object.entries(EMBEDDED)) {
        const res = await open(ua);
        assert.equal(res.status, 403, name);
        assert.equal(res.location, null, 'never sent back into the WebView');
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
        assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
        assert.match(res.text, /<h1[^>]*>Open this page in your browser<\/h1>/);
        assert.match(res.text, /Demo Bank opened this sign-in page inside its app/);
        assert.ok(res.text.includes(`(${name})`), name);
        assert.match(res.text, /RFC 8252 §8\.12/);
        // The address to copy is this very request, escaped.
        assert.match(
          res.text,
          /<code>http:\/\/[^<]+\/oauth\/authorize\?client_id=[^<]+&amp;state=s1<\/code>/,
        );
      }
    });

    test('a browser goes on to the sign-in page', async () => {
      for (const [name, ua] of Object.entries(BROWSERS)) {
        const res = await open(ua);
        assert.equal(res.status, 302, name);
        assert.match(res.location ?? '', /^\/oauth\/interaction\//, name);
      }
    });
  });

  test('PLATFORM_EMBEDDED_BROWSERS=allow lets a WebView through', async () => {
    const allowed = await start({ embeddedBrowsers: 'allow' });
    try {
      const res = await allowed.open(EMBEDDED['Android WebView']!);
      assert.equal(res.status, 302);
      assert.match(res.location ?? '', /^\/oauth\/interaction\//);
    } finally {
      await allowed.p.close();
    }
  });
});
