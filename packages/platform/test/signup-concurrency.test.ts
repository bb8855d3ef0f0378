import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { bearer, postJson, startTestPlatform, type TestPlatform } from './support/index.js';
import { addPartner, CODE } from './support/partner.js';

let p: TestPlatform;
before(async () => {
  p = await startTestPlatform();
});
after(() => p.close());

test('20 concurrent signups of one email: exactly one 200, the rest 409, one row', async () => {
  const partner = await addPartner(p);
  const token = await partner.clientToken();
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      postJson(
        `${p.url}/v1/user/signup/registration_code`,
        // The same identity spelled differently must still be one user.
        { email: i % 2 ? 'race@example.com' : 'RACE@example.com', registrationCode: `${CODE}-${i}` },
        bearer(token),
      ),
    ),
  );
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, ...Array(19).fill(409)]);
  for (const r of results.filter((r) => r.status === 409)) {
    assert.equal(r.body.errors[0].code, 'NOT_UNIQUE');
  }
  const { rows } = await p.db.query<{ n: number }>(
    `select count(*)::int as n from users where email_key = 'race@example.com'`,
  );
  assert.equal(rows[0]!.n, 1);
  // The winner's registration code is the one that works.
  const winner = results.findIndex((r) => r.status === 200);
  const email = results[winner]!.body.email;
  assert.equal((await partner.userTokens(email, `${CODE}-${winner}`)).status, 200);
  assert.equal((await partner.userTokens(email, `${CODE}-${(winner + 1) % 20}`)).status, 401);
});
