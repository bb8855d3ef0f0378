import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DataFolderInUse } from '@account-access/db';
import { registerClient } from '../src/clients/register.js';
import { loadPlatformConfig, type PlatformConfig } from '../src/config/config.js';
import { type RunningPlatform, startPlatform } from '../src/server.js';
import { openPlatformDatabase } from '../src/store/open.js';
import { basic, bearer, get, postForm, postJson } from './support/index.js';
import { CODE } from './support/partner.js';

/**
 * The embedded database as `npm start` uses it: a real data folder, the real config loader (development
 * mode, so the server secret is made once and kept in the folder), stopped and started again.
 */
let dir: string;
let config: PlatformConfig;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'account-access-restart-'));
  config = loadPlatformConfig({
    env: {},
    overrides: { mode: 'development', port: 0, dataDir: dir, logLevel: 'silent' },
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('users, clients and live tokens survive a restart on the same data folder; the folder is locked', async () => {
  let running: RunningPlatform = await startPlatform(config);
  let state: { clientId: string; clientSecret: string; clientToken: string; access: string; refresh: string };
  try {
    // A second process (or a second open in this one) on the same folder is refused, never let in.
    await assert.rejects(openPlatformDatabase(config), DataFolderInUse);
    assert.equal(readFileSync(join(dir, 'data.lock'), 'utf8'), String(process.pid));

    const { clientId, clientSecret } = await registerClient(running.platform, {
      name: 'Restart Bank',
      redirectUris: ['https://bank.example/callback'],
    });
    const auth = basic(clientId, clientSecret!);
    const ct = await postForm(
      `${running.url}/oauth/token`,
      { grant_type: 'client_credentials' },
      { authorization: auth },
    );
    assert.equal(ct.status, 200);
    const created = await postJson(
      `${running.url}/v1/user/signup/registration_code`,
      { email: 'kept@example.com', registrationCode: CODE },
      bearer(ct.body.access_token),
    );
    assert.equal(created.status, 200);
    const ut = await postForm(
      `${running.url}/oauth/token`,
      {
        grant_type: 'registration_code',
        client_id: clientId,
        email: 'kept@example.com',
        registration_code: CODE,
      },
      { authorization: auth },
    );
    assert.equal(ut.status, 200);
    state = {
      clientId,
      clientSecret: clientSecret!,
      clientToken: ct.body.access_token,
      access: ut.body.access_token,
      refresh: ut.body.refresh_token,
    };
  } finally {
    await running.close();
  }
  assert.equal(existsSync(join(dir, 'data.lock')), false, 'closing releases the lock');

  // Same folder, config loaded again from nothing: the persisted server secret must be read back.
  const again = loadPlatformConfig({
    env: {},
    overrides: { mode: 'development', port: 0, dataDir: dir, logLevel: 'silent' },
  });
  assert.deepEqual(again.serverSecret, config.serverSecret);
  running = await startPlatform(again);
  try {
    const me = await get(`${running.url}/v1/me`, bearer(state.access));
    assert.equal(me.status, 200);
    assert.equal(me.body.email, 'kept@example.com');
    const exists = await postJson(
      `${running.url}/v1/users/exists`,
      { email: 'kept@example.com' },
      bearer(state.clientToken),
    );
    assert.deepEqual(exists.body, { exists: true });
    const auth = basic(state.clientId, state.clientSecret);
    const refreshed = await postForm(
      `${running.url}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: state.refresh },
      { authorization: auth },
    );
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.body.refresh_token, state.refresh);
    const dup = await postJson(
      `${running.url}/v1/user/signup/registration_code`,
      { email: 'kept@example.com', registrationCode: CODE },
      bearer(state.clientToken),
    );
    assert.equal(dup.status, 409);
  } finally {
    await running.close();
  }
});
