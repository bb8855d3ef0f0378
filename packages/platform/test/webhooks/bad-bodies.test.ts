import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';
import { type LinkedPartner, linkedPartner } from './support.js';

/** The create request of https://docs.wise.com/api-reference/webhook "Create Application Webhook Subscription". */
const WISE_REQUEST = {
  name: 'Webhook Subscription #1',
  trigger_on: 'transfers#state-change',
  delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
};

let p: TestPlatform;
let bank: LinkedPartner;
before(async () => {
  p = await startTestPlatform();
  bank = await linkedPartner(p);
});
after(() => p.close());

describe('bad subscription bodies and URLs: a 4xx in the validation family, never a 500', () => {
  const cases: [string, unknown, number, string][] = [
    ['not an object', [1, 2], 400, 'BAD_REQUEST'],
    ['a JSON string', '"hello"', 400, 'BAD_REQUEST'],
    ['empty object', {}, 400, 'NotNull'],
    ['name missing', { ...WISE_REQUEST, name: undefined }, 400, 'NotNull'],
    ['name a number', { ...WISE_REQUEST, name: 7 }, 400, 'TypeMismatch'],
    ['name blank', { ...WISE_REQUEST, name: '  ' }, 400, 'Size'],
    ['name too long', { ...WISE_REQUEST, name: 'x'.repeat(256) }, 400, 'Size'],
    ['name with a NUL (unstorable)', { ...WISE_REQUEST, name: 'a\u0000b' }, 400, 'BAD_REQUEST'],
    ['name with a line break', { ...WISE_REQUEST, name: 'a\nb' }, 400, 'Pattern'],
    [
      'URL with a tab',
      { ...WISE_REQUEST, delivery: { version: '2.0.0', url: 'https://a.example/\tx' } },
      422,
      'ERROR',
    ],
    [
      'URL with a space',
      { ...WISE_REQUEST, delivery: { version: '2.0.0', url: 'https://a.example/a b' } },
      422,
      'ERROR',
    ],
    ['trigger_on an array', { ...WISE_REQUEST, trigger_on: ['transfers#state-change'] }, 400, 'TypeMismatch'],
    ['delivery a string', { ...WISE_REQUEST, delivery: 'https://x.example' }, 400, 'TypeMismatch'],
    ['delivery.url missing', { ...WISE_REQUEST, delivery: { version: '2.0.0' } }, 400, 'NotNull'],
    [
      'delivery.url a number',
      { ...WISE_REQUEST, delivery: { version: '2.0.0', url: 5 } },
      400,
      'TypeMismatch',
    ],
    ['unknown event type', { ...WISE_REQUEST, trigger_on: 'nothing#happened' }, 422, 'ERROR'],
    ['inherited property name', { ...WISE_REQUEST, trigger_on: 'constructor' }, 422, 'ERROR'],
    [
      'another schema version',
      { ...WISE_REQUEST, delivery: { version: '1.0.0', url: 'https://a.example/h' } },
      422,
      'ERROR',
    ],
    ['not a URL', { ...WISE_REQUEST, delivery: { version: '2.0.0', url: 'hooks here' } }, 422, 'ERROR'],
    ['ftp', { ...WISE_REQUEST, delivery: { version: '2.0.0', url: 'ftp://a.example/h' } }, 422, 'ERROR'],
    [
      'http to a public host',
      { ...WISE_REQUEST, delivery: { version: '2.0.0', url: 'http://a.example/h' } },
      422,
      'ERROR',
    ],
    [
      'query arguments',
      { ...WISE_REQUEST, delivery: { version: '2.0.0', url: 'https://a.example/h?type=x' } },
      422,
      'ERROR',
    ],
    [
      'credentials',
      { ...WISE_REQUEST, delivery: { version: '2.0.0', url: 'https://u:p@a.example/h' } },
      422,
      'ERROR',
    ],
    [
      '2 KB URL',
      { ...WISE_REQUEST, delivery: { version: '2.0.0', url: `https://a.example/${'x'.repeat(2100)}` } },
      422,
      'ERROR',
    ],
  ];
  for (const [what, body, status, code] of cases) {
    test(`${what} → ${status} ${code}`, async () => {
      const res = await postJson(
        `${p.url}/v3/applications/${bank.clientId}/subscriptions`,
        body,
        bearer(bank.clientToken),
      );
      assert.equal(res.status, status, res.text);
      assert.equal(res.body.errors[0].code, code);
    });
  }

  test('http:// to a loopback host is allowed in sandbox mode only', async () => {
    const loopback = { ...WISE_REQUEST, delivery: { version: '2.0.0', url: 'http://127.0.0.1:8080/hook' } };
    const path = `/v3/applications/${bank.clientId}/subscriptions`;
    assert.equal((await postJson(`${p.url}${path}`, loopback, bearer(bank.clientToken))).status, 201);
    const closed = await startTestPlatform({ settings: { sandbox: false } });
    try {
      const partner = await linkedPartner(closed);
      const res = await postJson(
        `${closed.url}/v3/applications/${partner.clientId}/subscriptions`,
        loopback,
        bearer(partner.clientToken),
      );
      assert.equal(res.status, 422);
      assert.equal(res.body.errors[0].path, 'delivery.url');
    } finally {
      await closed.close();
    }
  });
});
