import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DataFolderInUse, lockDataFolder } from '../src/index.js';

describe('data-folder lock', () => {
  let dir: string;
  let sleeper: ChildProcess | null = null;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'account-access-lock-'));
  });
  after(() => {
    sleeper?.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = () => join(dir, 'data.lock');

  test('locking writes our pid; a second lock is refused; release frees the folder', () => {
    const release = lockDataFolder(dir);
    assert.equal(readFileSync(file(), 'utf8'), String(process.pid));
    assert.throws(
      () => lockDataFolder(dir),
      (e: unknown) => {
        assert.ok(e instanceof DataFolderInUse);
        assert.equal(
          (e as Error).message,
          `The data folder ${dir} is in use by process ${process.pid}. Stop that process first, ` +
            'or run every process against a PostgreSQL server with DATABASE_URL.',
        );
        return true;
      },
    );
    release();
    assert.equal(existsSync(file()), false);
    lockDataFolder(dir)();
  });

  test('a lock held by another live process is refused', async () => {
    sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    await new Promise((resolve) => sleeper!.once('spawn', resolve));
    writeFileSync(file(), String(sleeper.pid));
    assert.throws(() => lockDataFolder(dir), DataFolderInUse);
    assert.equal(readFileSync(file(), 'utf8'), String(sleeper.pid), 'the holder keeps its lock');
    sleeper.kill();
    await new Promise((resolve) => sleeper!.once('exit', resolve));
    sleeper = null;
    // Its process is gone: the lock is stale and taken over.
    const release = lockDataFolder(dir);
    assert.equal(readFileSync(file(), 'utf8'), String(process.pid));
    release();
  });

  test('a lock left by a dead process, or half written, is taken over', () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    for (const content of [String(dead), '', 'garbage']) {
      writeFileSync(file(), content);
      const release = lockDataFolder(dir);
      assert.equal(readFileSync(file(), 'utf8'), String(process.pid));
      release();
    }
  });

  test('a leftover lock holding our own pid is taken over: a container restarting as the same pid', () => {
    writeFileSync(file(), String(process.pid));
    const release = lockDataFolder(dir);
    assert.equal(readFileSync(file(), 'utf8'), String(process.pid));
    // Taken over, it is held again: a second open in this process is still refused.
    assert.throws(() => lockDataFolder(dir), DataFolderInUse);
    release();
    assert.equal(existsSync(file()), false);
  });

  test('a second open of one folder in this process is refused, by any spelling of its path', () => {
    const release = lockDataFolder(dir);
    assert.throws(() => lockDataFolder(join(dir, '.')), DataFolderInUse);
    assert.throws(() => lockDataFolder(`${dir}/`), DataFolderInUse);
    release();
    release(); // a second release does not remove a lock taken since
    const again = lockDataFolder(dir);
    release();
    assert.equal(readFileSync(file(), 'utf8'), String(process.pid), 'the new holder keeps its lock');
    again();
  });
});
