import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { emailKey } from '../../src/store/users.js';
import { BACKEND, client, storeFixture } from './support.js';

const f = storeFixture();

describe(`ClientStore (${BACKEND})`, () => {
  test('find of an unknown id is null', async () => {
    assert.equal(await f.stores.clients.find('nobody'), null);
  });

  test('save then find returns the client, redirect URIs exactly as registered', async () => {
    const uris = [
      'https://bank.example/cb?b=2&a=1',
      'https://bank.example/cb/?a=%2F',
      'bank://wise/callback',
      'http://127.0.0.1:3000/wise/callback',
      'https://bänk.example/ü',
    ];
    await f.stores.clients.save(client('c1', { redirectUris: uris }));
    assert.deepEqual(await f.stores.clients.find('c1'), client('c1', { redirectUris: uris }));
  });

  test('ids are case-sensitive', async () => {
    assert.equal(await f.stores.clients.find('C1'), null);
  });

  test('save replaces the client of the same id', async () => {
    await f.stores.clients.save(client('c2'));
    const replaced = client('c2', {
      name: 'Renamed',
      secretHash: null,
      isPublic: true,
      redirectUris: [],
      refreshTokenTtlSeconds: 3600,
      rotate: 'always',
    });
    await f.stores.clients.save(replaced);
    assert.deepEqual(await f.stores.clients.find('c2'), replaced);
  });

  test('rotation is never by default in the schema, and a public client that does not rotate is refused', async () => {
    await f.stores.clients.save(client('c3', { rotate: 'always' }));
    assert.equal((await f.stores.clients.find('c3'))?.rotate, 'always');
    await assert.rejects(
      f.stores.clients.save(client('c4', { isPublic: true, secretHash: null, rotate: 'never' })),
      /clients_public_rotates/,
    );
    assert.equal(await f.stores.clients.find('c4'), null);
  });
});

describe(`UserStore (${BACKEND})`, () => {
  before(() => f.stores.clients.save(client('bank')));

  test('create returns the record; find by id and by email key return it too', async () => {
    const created = await f.stores.users.create({
      email: 'Ana.Silva@Example.com',
      emailKey: emailKey('Ana.Silva@Example.com'),
      language: 'PT',
      createdByClientId: 'bank',
      registrationCodeHash: 'h1',
    });
    assert.notEqual(created, 'conflict');
    if (created === 'conflict') return;
    assert.equal(typeof created.id, 'number');
    assert.ok(created.createdAt instanceof Date);
    assert.deepEqual(
      { ...created, createdAt: null },
      {
        id: created.id,
        email: 'Ana.Silva@Example.com',
        language: 'PT',
        active: true,
        createdByClientId: 'bank',
        registrationCodeHash: 'h1',
        reclaimedAt: null,
        createdAt: null,
      },
    );
    assert.deepEqual(await f.stores.users.findById(created.id), created);
    assert.deepEqual(await f.stores.users.findByEmailKey('ana.silva@example.com'), created);
  });

  test('unknown id or email: null', async () => {
    assert.equal(await f.stores.users.findById(1), null);
    assert.equal(await f.stores.users.findByEmailKey('nobody@example.com'), null);
  });

  test('a taken email key is a conflict, not an error', async () => {
    const again = await f.stores.users.create({
      email: 'ANA.SILVA@example.com',
      emailKey: emailKey('ANA.SILVA@example.com'),
      language: 'EN',
      createdByClientId: null,
      registrationCodeHash: null,
    });
    assert.equal(again, 'conflict');
  });

  test('emailKey: one identity whatever the case, Unicode composition or surrounding spaces', () => {
    assert.equal(emailKey(' José@Example.COM '), emailKey('jose\u0301@example.com'));
  });

  test('concurrent creates of one email: one record, the rest conflicts', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        f.stores.users.create({
          email: 'race@example.com',
          emailKey: 'race@example.com',
          language: 'EN',
          createdByClientId: null,
          registrationCodeHash: null,
        }),
      ),
    );
    assert.equal(results.filter((r) => r !== 'conflict').length, 1);
  });
});
