import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

/** The CLI as a person runs it: a separate process, its exit status, its stdout and stderr. */
export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
/** The CLI from source, its TypeScript run as this test process runs its own (npm test: scripts/ts-loader.mjs). */
export const NODE_ARGS = [...process.execArgv.filter((a) => !/^--(test|inspect)/.test(a)), MAIN];

export function cli(
  args: string[],
  env: NodeJS.ProcessEnv = cliEnv(),
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The platform's own settings come from flags here, never from the run's environment. */
export function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent' };
  delete env['DATABASE_URL'];
  return env;
}

/** Starts a long-running command and resolves with the URL it prints once it listens. */
export function serve(
  args: string[],
  env: NodeJS.ProcessEnv = cliEnv(),
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { env });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

export function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

/**
 * The CLI's `run` in this test process (issue 14: each child costs ~1 s of CPU). Faithful for the paths it is
 * used on: `run` returns the exit status and writes only through console.log/console.error, which main.ts
 * hands to stdout/stderr unchanged. One call at a time: the console is shared. Child processes (`cli`) stay for
 * what only a process shows (its exit code, signals).
 */
export async function runInProcess(
  args: string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { run } = await import('../src/run.js');
  const log = console.log;
  const error = console.error;
  let stdout = '';
  let stderr = '';
  console.log = (...parts: unknown[]) => (stdout += `${format(...parts)}\n`);
  console.error = (...parts: unknown[]) => (stderr += `${format(...parts)}\n`);
  try {
    return { status: await run(args), stdout, stderr };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** Runs the cases one after another (`runInProcess` shares the console). */
export async function runEach(
  cases: string[][],
): Promise<{ status: number; stdout: string; stderr: string }[]> {
  const results = [];
  for (const args of cases) results.push(await runInProcess(args));
  return results;
}
