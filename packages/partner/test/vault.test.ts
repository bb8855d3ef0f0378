import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { UserTokens } from '@account-access/client';
import { parseVaultKeys } from '../src/config/config.js';
import { rotateVault } from '../src/keys/rotate.js';
import { createOnboarding } from '../src/onboarding/onboarding.js';
import { Clock, key, partnerDatabase, testPartner } from '../src/testing/index.js';
import { Vault, VaultError } from '../src/vault/vault.js';

const tokens = (): UserTokens => ({
  accessToken: `at-${randomBytes(16).toString('hex')}`,
  refreshToken: `rt-${randomBytes(16).toString('hex')}`,
  tokenType: 'bearer',
  expiresAt: Date.parse('2026-11-23T22:00:00Z'),
  refreshTokenExpiresAt: Date.parse('2046-11-23T22:00:00Z'),
  scope: 'transfers',
});

describe('vault envelopes (AES-256-GCM, key id, customer and field bound)', () => {
  const vault = new Vault(parseVaultKeys(`k1:${key()}`));

  test('round-trips and names its version and key', () => {
    const envelope = vault.encrypt('cus-1', 'registration_code', 'the secret');
    assert.match(envelope, /^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    assert.equal(vault.decrypt('cus-1', 'registration_code', envelope), 'the secret');
    assert.notEqual(
      vault.encrypt('cus-1', 'registration_code', 'the secret'),
      envelope,
      'a fresh IV each time',
    );
  });

  test('another customer or another field does not decrypt', () => {
    const envelope = vault.encrypt('cus-1', 'refresh_token', 'rt');
    assert.throws(() => vault.decrypt('cus-2', 'refresh_token', envelope), VaultError);
    assert.throws(() => vault.decrypt('cus-1', 'access_token', envelope), VaultError);
  });

  test('tampering with any part fails', () => {
    const envelope = vault.encrypt('cus-1', 'access_token', 'a token value');
    const parts = envelope.split('.');
    for (const i of [2, 3, 4]) {
      const bytes = Buffer.from(parts[i]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      const forged = [...parts];
      forged[i] = bytes.toString('base64url');
      assert.throws(() => vault.decrypt('cus-1', 'access_token', forged.join('.')), VaultError, `part ${i}`);
    }
    assert.throws(() => vault.decrypt('cus-1', 'access_token', envelope.replace('v1.', 'v2.')), VaultError);
    assert.throws(() => vault.decrypt('cus-1', 'access_token', 'not an envelope'), VaultError);
  });

  test('an envelope relabelled with another key id of the ring fails', () => {
    const ring = new Vault(parseVaultKeys(`k2:${key()},k1:${key()}`));
    const envelope = ring.encrypt('cus-1', 'access_token', 'x');
    assert.throws(() => ring.decrypt('cus-1', 'access_token', envelope.replace('.k2.', '.k1.')), VaultError);
  });

  test('key rings are validated', () => {
    assert.throws(() => parseVaultKeys('k1:c2hvcnQ='), /32 bytes/);
    assert.throws(() => parseVaultKeys(`k1:${key()},k1:${key()}`), /twice/);
    assert.throws(() => parseVaultKeys(`bad.id:${key()}`), /id/);
    assert.throws(() => parseVaultKeys(''), /no key/);
  });
});

describe('secrets at rest in the partner database', () => {
  let p: Awaited<ReturnType<typeof testPartner>>;
  const k1 = key();
  before(async () => {
    p = await testPartner({ settings: { vaultKeys: `k1:${k1}` } });
  });
  after(() => p.close());

  async function everyRow(): Promise<string> {
    const tables = ['customers', 'wise_links', 'wise_tokens', 'link_attempts', 'web_sessions'];
    let dump = '';
    for (const t of tables) {
      const { rows } = await p.db.query<{ j: string }>(`select row_to_json(x)::text as j from ${t} x`);
      dump += rows.map((r) => r.j).join('\n');
    }
    return dump;
  }

  test('the raw database holds no registration code, token or PKCE verifier in the clear', async () => {
    const amelia = tokens();
    const john = tokens();
    await p.stores.tokens.put('cus-amelia', amelia);
    await p.stores.tokens.put('cus-john', john);
    // A real registration code, chosen by the onboarding (none → signing_up), and a real linking attempt.
    const onboarding = createOnboarding({
      customers: p.stores.customers,
      links: p.stores.links,
      attempts: p.stores.attempts,
      vault: p.vault,
      tokens: p.tokens,
      tokenStore: p.stores.tokens,
      client: {
        ...p.client,
        createUser: async () => {
          throw new Error('offline');
        },
      },
      settings: {
        providerName: 'Wise',
        redirectUri: 'https://bank.example/callback',
        pkce: true,
        stateTtlSeconds: 600,
        linkMethod: 'redirect',
        issuer: null,
      },
      now: p.now,
    });
    await onboarding.connect('cus-joao', 'session-1');
    const link = await p.stores.links.get('cus-joao');
    assert.equal(link?.state, 'signing_up');
    const code = p.vault.decrypt('cus-joao', 'registration_code', link!.registrationCode!);
    assert.equal(code.length, 43);
    await p.db.query("update wise_links set state = 'conflict' where customer_id = 'cus-john'");
    const started = await onboarding.connect('cus-john', 'session-1');
    assert.equal(started.kind, 'redirect');
    const { rows } = await p.db.query<{ code_verifier: string }>('select code_verifier from link_attempts');
    const verifier = p.vault.decrypt('cus-john', 'code_verifier', rows[0]!.code_verifier);
    const state = new URL((started as { authorizeUrl: string }).authorizeUrl).searchParams.get('state')!;

    const dump = await everyRow();
    for (const secret of [
      amelia.accessToken,
      amelia.refreshToken,
      john.accessToken,
      john.refreshToken,
      code,
      verifier,
      state,
    ]) {
      assert.ok(!dump.includes(secret), 'a secret is in the clear');
    }
    assert.ok(dump.includes('v1.k1.'), 'the envelopes are there');
  });

  test('a ciphertext moved to another customer’s row, or another field, fails to decrypt', async () => {
    await p.stores.tokens.put('cus-amelia', tokens());
    await p.stores.tokens.put('cus-ana', tokens());
    await p.db.query(
      `update wise_tokens set refresh_token = (select refresh_token from wise_tokens where customer_id = 'cus-amelia')
        where customer_id = 'cus-ana'`,
    );
    await assert.rejects(p.stores.tokens.get('cus-ana'), VaultError);
    await p.db.query("update wise_tokens set refresh_token = access_token where customer_id = 'cus-amelia'");
    await assert.rejects(p.stores.tokens.get('cus-amelia'), VaultError);
  });
});

describe('key rotation', () => {
  test('old keys decrypt before rotation; rotation re-encrypts everything under the newest key', async () => {
    const db = await partnerDatabase();
    try {
      const k1 = key();
      const k2 = key();
      const old = await testPartner({ db, settings: { vaultKeys: `k1:${k1}` }, clock: new Clock() });
      const t = tokens();
      await old.stores.tokens.put('cus-amelia', t);
      await old.stores.links.transition('cus-amelia', 'none', 'signing_up', null, old.now(), {
        signupEmail: 'amelia.hughes@example.com',
        registrationCode: old.vault.encrypt('cus-amelia', 'registration_code', 'a'.repeat(43)),
      });

      const ring = await testPartner({ db, settings: { vaultKeys: `k2:${k2},k1:${k1}` } });
      assert.deepEqual(await ring.stores.tokens.get('cus-amelia'), t, 'the old key still decrypts');
      const report = await rotateVault(db, ring.vault);
      assert.deepEqual(report, { rotated: 3, current: 0, skipped: 0 });
      const { rows } = await db.query<{ a: string; r: string }>(
        'select access_token as a, refresh_token as r from wise_tokens',
      );
      assert.ok(rows.every((r) => r.a.startsWith('v1.k2.') && r.r.startsWith('v1.k2.')));
      assert.deepEqual(await rotateVault(db, ring.vault), { rotated: 0, current: 3, skipped: 0 });

      const onlyNew = await testPartner({ db, settings: { vaultKeys: `k2:${k2}` } });
      assert.deepEqual(await onlyNew.stores.tokens.get('cus-amelia'), t, 'the newest key alone suffices');
      const link = await onlyNew.stores.links.get('cus-amelia');
      assert.equal(
        onlyNew.vault.decrypt('cus-amelia', 'registration_code', link!.registrationCode!),
        'a'.repeat(43),
      );
      const onlyOld = await testPartner({ db, settings: { vaultKeys: `k1:${k1}` } });
      await assert.rejects(onlyOld.stores.tokens.get('cus-amelia'), VaultError);
    } finally {
      await db.close();
    }
  });
});
