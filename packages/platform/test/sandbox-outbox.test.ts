import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { linksIn } from '../src/sandbox/outbox.js';
import { enqueue, message } from './mail/helpers.js';
import { get, startTestPlatform, type TestPlatform } from './support/index.js';

describe('GET /_sandbox/outbox (sandbox mode)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ settings: { sandbox: true } });
  });
  after(() => p.close());

  test('lists the mail to one address, newest first, with its links', async () => {
    await enqueue(p, message('reader@example.com', 1));
    p.clock.advance(10);
    await enqueue(p, message('someone.else@example.com', 2));
    p.clock.advance(10);
    const latest = await enqueue(p, {
      ...message('Reader@Example.com', 3),
      text: 'Open https://platform.example/a?b=1&c=2. Or http://localhost:4000/x, then https://platform.example/a?b=1&c=2\n',
    });

    const res = await get(`${p.url}/_sandbox/outbox?to=READER%40example.com`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(
      res.body.map((m: any) => m.subject),
      ['Message 3', 'Message 1'],
    );
    assert.deepEqual(res.body[0], {
      id: latest,
      to: 'Reader@Example.com',
      subject: 'Message 3',
      text: 'Open https://platform.example/a?b=1&c=2. Or http://localhost:4000/x, then https://platform.example/a?b=1&c=2\n',
      html: '<!doctype html><p>Hello 3</p>',
      links: ['https://platform.example/a?b=1&c=2', 'http://localhost:4000/x'],
      createdAt: p.clock.now().toISOString(),
      deliveredAt: null,
    });
    assert.deepEqual(res.body[1].links, ['https://platform.example/x/1']);
  });

  test('without `to`, every mail; an empty or repeated `to` is a 400', async () => {
    const all = await get(`${p.url}/_sandbox/outbox`);
    assert.equal(all.status, 200);
    assert.ok(all.body.length >= 3);
    for (const query of ['to=', 'to=a@example.com&to=b@example.com']) {
      const res = await get(`${p.url}/_sandbox/outbox?${query}`);
      assert.equal(res.status, 400);
      assert.equal(res.body.errors[0].path, 'to');
    }
    const none = await get(`${p.url}/_sandbox/outbox?to=nobody@example.com`);
    assert.deepEqual(none.body, []);
  });

  test('links are http(s) URLs only, without a closing full stop', () => {
    assert.deepEqual(linksIn('see ftp://x.example and mailto:a@b.example or <https://ok.example/p>.'), [
      'https://ok.example/p',
    ]);
  });
});

describe('GET /_sandbox/outbox without sandbox mode', () => {
  test('is not there: 404', async () => {
    const p = await startTestPlatform({ settings: { sandbox: false } });
    try {
      await enqueue(p, message('reader@example.com'));
      const res = await get(`${p.url}/_sandbox/outbox?to=reader@example.com`);
      assert.equal(res.status, 404);
      assert.equal(res.body.errors[0].code, 'NOT_FOUND');
      assert.ok(!res.text.includes('reader@example.com'));
    } finally {
      await p.close();
    }
  });
});
