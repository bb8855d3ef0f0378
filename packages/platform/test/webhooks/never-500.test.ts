import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { personalProfile } from '../store/support.js';
import { anyValue, fieldOf } from '../support/arbitraries.js';
import { bearer, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';
import { type LinkedPartner, linkedPartner } from './support.js';

const anything = anyValue({ minLength: 200, maxLength: 3000 }, { doubles: false });
const field = fieldOf(anything);
const url = field(
  'https://a.example/hook',
  'http://127.0.0.1:9/x',
  'http://[::1]:9/x',
  'https://a.example/h?x=1',
  'javascript:alert(1)',
  'https://%%/',
  'https://[::ffff:zz]/',
  'http://0x7f.1/',
  'https://a.example:99999/',
);
const subscription = fc.record(
  {
    name: field('Hook', '', 'x'.repeat(300)),
    trigger_on: field(
      'users#state-change',
      'balances#credit',
      'transfers#state-change',
      '__proto__',
      'toString',
    ),
    delivery: fc.oneof(
      fc.record({ version: field<unknown>('2.0.0', '1.0.0', 2), url }, { requiredKeys: [] }),
      anything,
    ),
  },
  { requiredKeys: [] },
);
/** Whole bodies: the structured ones, arbitrary JSON, or raw text that may not be JSON at all. */
const body = fc.oneof(
  { weight: 4, arbitrary: subscription },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }).map((s) => ({ raw: s })) },
);
const send = (value: unknown) =>
  value !== null && typeof value === 'object' && 'raw' in value ? (value as { raw: string }).raw : value;

const check = (status: number, text: string) => {
  assert.ok(status >= 200 && status < 500, `${status} ${text}`);
  assert.ok(!/stack|at .*\.ts:|syntax error|relation "/i.test(text), text);
};

describe('random subscription bodies and ids never produce a 500 (contract "Error bodies")', () => {
  let p: TestPlatform;
  let bank: LinkedPartner;
  let profileId: number;
  before(async () => {
    p = await startTestPlatform();
    bank = await linkedPartner(p);
    const made = await p.platform.stores.profiles.create(
      personalProfile(bank.userId, bank.clientId),
      p.clock.now(),
    );
    profileId = (made as { id: number }).id;
  });
  after(() => p.close());

  test('POST /v3/applications/{clientKey}/subscriptions', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const res = await postJson(
          `${p.url}/v3/applications/${bank.clientId}/subscriptions`,
          send(value),
          bearer(bank.clientToken),
        );
        check(res.status, res.text);
      }),
      { numRuns: 150 },
    );
  });

  test('POST /v3/profiles/{profileId}/subscriptions', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const res = await postJson(
          `${p.url}/v3/profiles/${profileId}/subscriptions`,
          send(value),
          bearer(bank.userToken),
        );
        check(res.status, res.text);
      }),
      { numRuns: 100 },
    );
  });

  test('any path ids on get, delete and test-notifications', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uuid(), fc.string({ minLength: 1 })),
        fc.oneof(fc.constant(String(profileId)), fc.string({ minLength: 1 })),
        async (id, pid) => {
          const sub = encodeURIComponent(id);
          const app = `${p.url}/v3/applications/${encodeURIComponent(bank.clientId)}/subscriptions/${sub}`;
          const prof = `${p.url}/v3/profiles/${encodeURIComponent(pid)}/subscriptions/${sub}`;
          for (const [method, target, token] of [
            ['GET', app, bank.clientToken],
            ['DELETE', app, bank.clientToken],
            ['POST', `${app}/test-notifications`, bank.clientToken],
            ['GET', prof, bank.userToken],
            ['DELETE', prof, bank.userToken],
          ] as const) {
            const res = await fetch(target, { method, headers: bearer(token) });
            check(res.status, await res.text());
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test('raw bodies: not JSON 400, another content type 415, too large 413', async () => {
    const raw = (content: string | Buffer, type: string) =>
      fetch(`${p.url}/v3/applications/${bank.clientId}/subscriptions`, {
        method: 'POST',
        headers: { ...bearer(bank.clientToken), 'content-type': type },
        body: content,
      });
    assert.equal((await raw('{"name":', 'application/json')).status, 400);
    assert.equal((await raw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'application/json')).status, 400);
    assert.equal((await raw('name=x', 'text/plain')).status, 415);
    assert.equal((await raw(`{"name":"${'x'.repeat(1024 * 1024 + 10)}"}`, 'application/json')).status, 413);
  });
});
