import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postWebhook } from '../../src/webhooks/send.js';
import { isPrivateAddress, refuseUrl } from '../../src/webhooks/targets.js';
import { startReceiver } from './support.js';

const production = { sandbox: false, production: true };
const sandbox = { sandbox: true, production: false };

test('production: a public domain over https on 443 (https://docs.wise.com/guides/developer/webhooks "Webhook URLs")', () => {
  assert.equal(refuseUrl('https://webhooks.example.com/balance-change', production), null);
  assert.equal(refuseUrl('https://webhooks.example.com:443/x', production), null);
  for (const url of [
    'http://webhooks.example.com:8080/hook.php?type=balance',
    'https://webhooks.example.com:8443/x',
    'https://203.0.113.9/x',
    'https://[2001:db8::1]/x',
    'https://localhost/x',
    'https://db.internal/x',
    'https://printer.local/x',
    'https://intranet/x',
    'http://127.0.0.1/x',
  ])
    assert.notEqual(refuseUrl(url, production), null, url);
});

test('sandbox: http:// only to loopback hosts', () => {
  for (const url of [
    'http://127.0.0.1:3000/x',
    'http://localhost:3000/x',
    'http://[::1]:3000/x',
    'http://127.1.2.3/x',
  ])
    assert.equal(refuseUrl(url, sandbox), null, url);
  for (const url of ['http://10.0.0.5/x', 'http://example.com/x', 'http://127.0.0.1.example.com/x'])
    assert.notEqual(refuseUrl(url, sandbox), null, url);
});

test('private and special addresses are never public', () => {
  for (const a of [
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    '::',
  ])
    assert.equal(isPrivateAddress(a), true, a);
  for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
    assert.equal(isPrivateAddress(a), false, a);
});

test('production delivery never connects to a private address, whatever the name resolves to', async () => {
  const receiver = await startReceiver();
  try {
    const url = receiver.url.replace('127.0.0.1', 'localhost');
    const refused = await postWebhook(url, Buffer.from('{}'), {}, { timeoutMs: 2000, publicOnly: true });
    assert.equal(refused.status, null);
    assert.match(refused.error ?? '', /private address/);
    assert.equal(receiver.received.length, 0);
    const allowed = await postWebhook(url, Buffer.from('{}'), {}, { timeoutMs: 2000, publicOnly: false });
    assert.equal(allowed.status, 200);
  } finally {
    await receiver.close();
  }
});
