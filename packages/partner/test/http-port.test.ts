import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startTestPartner } from '../src/testing/index.js';

type RunningTestPartner = Awaited<ReturnType<typeof startTestPartner>>;

/** The port the partner is really bound to, read from the socket. */
const boundPort = (p: RunningTestPartner) => (p.app.server.address() as { port: number }).port;

describe('the partner binds port 0 itself; unset URLs name that port', () => {
  const started: RunningTestPartner[] = [];
  after(async () => {
    for (const p of started) await p.close();
  });

  test('the public URL and the redirect URI derived from it name the real port', async () => {
    const p = await startTestPartner({ settings: { redirectUri: undefined } });
    started.push(p);
    const port = boundPort(p);
    assert.ok(port > 0);
    const { config } = p.partner;
    assert.equal(config.port, port);
    assert.equal(config.publicUrl, `http://127.0.0.1:${port}`);
    assert.equal(config.wise.redirectUri, `http://127.0.0.1:${port}/wise/callback`);
    assert.equal(p.url, config.publicUrl);
    assert.equal((await fetch(`${config.publicUrl}/health`)).status, 200);
  });

  test('a configured public URL and redirect URI win over the bound port', async () => {
    const p = await startTestPartner({
      settings: { publicUrl: 'https://bank.example/', redirectUri: 'https://bank.example/wise/back' },
    });
    started.push(p);
    assert.equal(p.partner.config.port, boundPort(p));
    assert.equal(p.partner.config.publicUrl, 'https://bank.example');
    assert.equal(p.partner.config.wise.redirectUri, 'https://bank.example/wise/back');
  });
});
