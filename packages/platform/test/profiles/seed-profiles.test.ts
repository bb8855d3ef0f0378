import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedProfiles } from '../../src/profiles/seed.js';
import { applySeed, SeedError } from '../../src/seed.js';
import { emailKey } from '../../src/store/users.js';
import { startTestPlatform, type TestPlatform } from '../support/index.js';
import { getAs, grantedToken } from './support.js';

describe('seeded profiles (architecture "seed file")', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform();
  });
  after(() => p.close());

  test('personal and business profiles are created once, owned by no partner', async () => {
    const seed = {
      clients: [
        {
          clientId: 'demo-bank',
          clientSecret: 's'.repeat(40),
          name: 'Demo Bank',
          redirectUris: ['https://bank.example/cb'],
        },
      ],
      users: [
        {
          email: 'maria@example.com',
          password: 'correct horse battery staple',
          profiles: [
            {
              type: 'PERSONAL',
              firstName: 'Maria',
              lastName: 'Oliveira',
              dateOfBirth: '1988-03-14',
              phoneNumber: '+5511912345678',
              address: {
                addressFirstLine: 'Rua B 2',
                city: 'Curitiba',
                countryIso3Code: 'BRA',
                stateCode: 'PR',
              },
            },
            {
              type: 'BUSINESS',
              businessName: 'Oliveira Comércio',
              registrationNumber: '11444777000161',
              companyType: 'LIMITED',
              companyRole: 'OWNER',
              address: { addressFirstLine: 'Rua C 3', city: 'Curitiba', countryIso3Code: 'BRA' },
            },
          ],
        },
      ],
    };
    await applySeed(p.platform, seed, [seedProfiles]);
    await applySeed(p.platform, seed, [seedProfiles]);
    const user = await p.platform.stores.users.findByEmailKey(emailKey('maria@example.com'));
    assert.ok(user);
    const profiles = await p.platform.stores.profiles.listByUser(user.id);
    assert.deepEqual(
      profiles.map((x) => [x.type, x.createdByClientId]),
      [
        ['PERSONAL', null],
        ['BUSINESS', null],
      ],
    );
    assert.equal(profiles[0]!.email, 'maria@example.com');
    const token = await grantedToken(p, 'demo-bank', user.id, [profiles[0]!.id]);
    const me = await getAs(p, token, '/v1/me');
    assert.equal(me.body.name, 'Maria Oliveira');
    assert.equal(me.body.details.dateOfBirth, '1988-03-14');
  });

  test('an invalid seeded profile is a SeedError naming the user and the field', async () => {
    await assert.rejects(
      applySeed(
        p.platform,
        { users: [{ email: 'bad@example.com', profiles: [{ type: 'PERSONAL', firstName: 'B' }] }] },
        [seedProfiles],
      ),
      (error: Error) =>
        error instanceof SeedError && /bad@example\.com profiles\[0\].*lastName/.test(error.message),
    );
    await assert.rejects(
      applySeed(p.platform, { users: [{ email: 'odd@example.com', profiles: [{ type: 'ROBOT' }] }] }, [
        seedProfiles,
      ]),
      SeedError,
    );
  });
});
