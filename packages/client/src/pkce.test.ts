import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { codeChallengeS256, generateCodeVerifier, generatePkce } from './pkce.js';

describe('PKCE S256', () => {
  it('matches the RFC 7636 Appendix B example', async () => {
    assert.equal(
      await codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('generates a 43-character verifier and its challenge', async () => {
    const pkce = await generatePkce();
    assert.match(pkce.codeVerifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(pkce.codeChallengeMethod, 'S256');
    assert.equal(pkce.codeChallenge, createHash('sha256').update(pkce.codeVerifier).digest('base64url'));
    assert.notEqual(generateCodeVerifier(), generateCodeVerifier());
  });

  it('refuses verifiers outside RFC 7636 §4.1', async () => {
    await assert.rejects(codeChallengeS256('short'), TypeError);
    await assert.rejects(codeChallengeS256(`${'a'.repeat(43)}+`), TypeError);
    await assert.rejects(codeChallengeS256('a'.repeat(129)), TypeError);
  });
});
