import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** What the installed CLI needs at run time, in dependency order. */
const WORKSPACES = ['db', 'kit', 'client', 'platform', 'partner', 'cli'];

/** npm's own variables from the `npm test` that runs us would steer the nested npm (workspace, prefix). */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}

/**
 * The packages as a person gets them: packed with `npm pack`, installed from the tarballs into an empty
 * folder, and the installed `account-access` run from there. It catches runtime files left out of `files`
 * (migrations, seeds), exports that point at unbuilt sources and dependencies missing from package.json.
 */
describe('npm pack, install the tarballs into an empty folder, run account-access', () => {
  let dir: string;
  let packed: Packed[];
  let server: ChildProcess | null = null;
  const bin = () => join(dir, 'app', 'node_modules', '.bin', 'account-access');

  before(async () => {
    const unbuilt = WORKSPACES.filter((w) => !existsSync(join(ROOT, 'packages', w, 'dist', 'index.js')));
    assert.deepEqual(
      unbuilt,
      [],
      `dist is missing in packages/${unbuilt.join(', ')}: run \`npm run build\` first`,
    );
    dir = mkdtempSync(join(tmpdir(), 'account-access-pack-'));
    const { stdout } = await run(
      'npm',
      ['pack', ...WORKSPACES.flatMap((w) => ['-w', `packages/${w}`]), '--pack-destination', dir, '--json'],
      { cwd: ROOT, env: npmEnv(), maxBuffer: 16 * 1024 * 1024 },
    );
    packed = JSON.parse(stdout) as Packed[];
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-check', private: true }));
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', ...packed.map((p) => join(dir, p.filename))],
      { cwd: app, env: npmEnv(), maxBuffer: 16 * 1024 * 1024 },
    );
  });
  after(() => {
    server?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('every package declares engines and ships what it loads at run time', () => {
    assert.deepEqual(packed.map((p) => p.name).sort(), WORKSPACES.map((w) => `@account-access/${w}`).sort());
    const files = (name: string) => packed.find((p) => p.name === name)!.files.map((f) => f.path);
    for (const workspace of WORKSPACES) {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', workspace, 'package.json'), 'utf8'));
      assert.equal(manifest.engines?.node, '>=20.19', workspace);
      assert.equal(manifest.private, true, workspace);
    }
    for (const name of ['@account-access/platform', '@account-access/partner']) {
      assert.ok(
        files(name).some((f) => /^migrations\/.+\.sql$/.test(f)),
        `${name} ships its migrations`,
      );
      assert.ok(files(name).includes('seed/demo.json'), `${name} ships its demo seed`);
      assert.ok(files(name).includes('dist/testing/index.js'), `${name}/testing is built`);
      assert.ok(!files(name).some((f) => f.startsWith('test/') || f.startsWith('src/')), name);
    }
    assert.ok(files('@account-access/cli').includes('bin/account-access.js'));
  });

  test('the installed account-access --help', async () => {
    const { stdout } = await run(bin(), ['--help'], { cwd: join(dir, 'app') });
    assert.match(stdout, /^Usage: account-access <command>/);
    assert.match(stdout, /platform serve/);
  });

  test('the installed account-access platform serve answers /health, then stops on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { ...npmEnv(), NODE_ENV: 'development', LOG_LEVEL: 'silent' };
    delete env['DATABASE_URL'];
    const child = spawn(bin(), ['platform', 'serve', '--port', '0', '--data-dir', join(dir, 'data')], {
      cwd: join(dir, 'app'),
      env,
    });
    server = child;
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.stderr!.on('data', (d) => (out += d));
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const res = await fetch(`${url}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    server = null;
  });
});
