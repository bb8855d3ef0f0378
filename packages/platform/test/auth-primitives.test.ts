import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { hashPassword, verifyPassword } from '../src/auth/passwords.js';
import { decodeBase32, hotp, matchTotp, totp } from '../src/auth/totp.js';
import { openTotpSecret, sealTotpSecret } from '../src/auth/totp-seal.js';
import { loadPlatformConfig } from '../src/config/config.js';

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  // RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890"; the 8-digit values end in these 6 digits.
  const seed = Buffer.from('12345678901234567890');
  const vectors: [number, string][] = [
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ];
  for (const [seconds, code] of vectors) {
    test(`T=${seconds} → ${code}`, () => assert.equal(totp(seed, new Date(seconds * 1000)), code));
  }

  test('RFC 4226 Appendix D HOTP values', () => {
    assert.deepEqual(
      [0, 1, 2, 9].map((c) => hotp(seed, c)),
      ['755224', '287082', '359152', '520489'],
    );
  });

  test('accepts one step either side, not two, and says which step matched', () => {
    const now = new Date(1111111111 * 1000);
    const step = Math.floor(1111111111 / 30);
    assert.equal(matchTotp(seed, hotp(seed, step - 1), now), step - 1);
    assert.equal(matchTotp(seed, hotp(seed, step + 1), now), step + 1);
    assert.equal(matchTotp(seed, hotp(seed, step + 2), now), null);
    assert.equal(matchTotp(seed, '12345', now), null);
    assert.equal(matchTotp(seed, 'abcdef', now), null);
  });

  test('base32 as apps show it', () => {
    assert.deepEqual(decodeBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), seed);
    assert.deepEqual(decodeBase32('gezd gnbv gy3t qojq gezd gnbv gy3t qojq'), seed);
    assert.throws(() => decodeBase32('not base32!'));
  });
});

describe('TOTP seeds at rest (AES-256-GCM under a key from the server secret)', () => {
  const secret = randomBytes(32);
  const seed = randomBytes(20);

  test('round-trips, and never contains the seed in the clear', () => {
    const sealed = sealTotpSecret(secret, 7, seed);
    assert.match(sealed, /^v1\./);
    assert.ok(!sealed.includes(seed.toString('base64url')));
    assert.deepEqual(openTotpSecret(secret, 7, sealed), seed);
    assert.notEqual(sealTotpSecret(secret, 7, seed), sealed, 'a fresh IV each time');
  });

  test('fails for another user, another server secret or a tampered envelope', () => {
    const sealed = sealTotpSecret(secret, 7, seed);
    assert.throws(() => openTotpSecret(secret, 8, sealed));
    assert.throws(() => openTotpSecret(randomBytes(32), 7, sealed));
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[2] = body.toString('base64url');
    assert.throws(() => openTotpSecret(secret, 7, parts.join('.')));
  });
});

describe('passwords (argon2id, OWASP parameters)', () => {
  test('hashes with argon2id m=19456 t=2 p=1 and verifies', async () => {
    const stored = await hashPassword('correct horse', 'owasp');
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(stored, 'correct horse', 'owasp'), true);
    assert.equal(await verifyPassword(stored, 'correct horsE', 'owasp'), false);
    assert.equal(await verifyPassword(null, 'anything', 'owasp'), false);
    assert.equal(await verifyPassword('not a hash', 'anything', 'owasp'), false);
  });

  test('OWASP is the default in every mode; the test cost is refused outside test mode', () => {
    for (const mode of ['development', 'test'] as const)
      assert.equal(loadPlatformConfig({ env: {}, overrides: { mode } }).passwordHashCost, 'owasp', mode);
    const production = { mode: 'production', serverSecret: 'a'.repeat(64), sandbox: false } as const;
    assert.equal(loadPlatformConfig({ env: {}, overrides: production }).passwordHashCost, 'owasp');
    for (const overrides of [{ mode: 'development' }, production] as const)
      assert.throws(
        () => loadPlatformConfig({ env: { PLATFORM_PASSWORD_HASH_COST: 'test' }, overrides }),
        /PLATFORM_PASSWORD_HASH_COST=test is for test runs only \(mode test\)/,
      );
    assert.equal(
      loadPlatformConfig({ env: { PLATFORM_PASSWORD_HASH_COST: 'test' }, overrides: { mode: 'test' } })
        .passwordHashCost,
      'test',
    );
  });

  test('the test cost: argon2id at its lowest parameters, still a real check; each hash verifies at either cost', async () => {
    const cheap = await hashPassword('correct horse', 'test');
    assert.match(cheap, /^\$argon2id\$v=19\$m=8,t=1,p=1\$/);
    assert.equal(await verifyPassword(cheap, 'correct horse', 'test'), true);
    assert.equal(await verifyPassword(cheap, 'correct horsE', 'test'), false);
    assert.equal(await verifyPassword(null, 'anything', 'test'), false);
    // A stored hash names its parameters: an OWASP platform verifies a cheap hash, and the other way round.
    assert.equal(await verifyPassword(cheap, 'correct horse', 'owasp'), true);
    assert.equal(await verifyPassword(await hashPassword('x', 'owasp'), 'x', 'test'), true);
  });

  test('hashing does not block the event loop', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await Promise.all(['a', 'b', 'c', 'd'].map((p) => hashPassword(p, 'owasp')));
    clearInterval(timer);
    assert.ok(ticks > 0, 'timers ran while hashing');
  });
});
