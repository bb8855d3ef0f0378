import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FromServer, ServerReady, ServerUsage, ToServer } from './servers/protocol.js';

/** Every server process and temp folder the benchmark made, so an interrupted run still cleans up. */
const children = new Set<ChildProcess>();
const folders = new Set<string>();
const undo = new Set<() => Promise<void>>();

const STARTUP_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEPT = 16 * 1024;

export interface ServerProcess {
  ready: ServerReady;
  pid: number;
  /** From spawn to listening with its client registered, in milliseconds. */
  startupMs: number;
  /** When it was spawned (`performance.now()`), to time its first answer. */
  spawnedAt: number;
  usage(): Promise<ServerUsage>;
  stop(): Promise<void>;
  /** What the process printed (the last few kilobytes), for a failure message. */
  output(): string;
}

export function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `account-access-bench-${prefix}-`));
  folders.add(folder);
  return folder;
}

export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  folders.delete(folder);
}

/** Registers an asynchronous clean-up (dropping a database) for an interrupted run; returns its remover. */
export function onCleanUp(fn: () => Promise<void>): () => void {
  undo.add(fn);
  return () => undo.delete(fn);
}

/** Kills what is left, removes the temp folders and runs pending clean-ups; safe to call more than once. */
export async function cleanUp(): Promise<void> {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders.clear();
  const pending = [...undo];
  undo.clear();
  await Promise.allSettled(pending.map((fn) => fn()));
}

/** A process spawned for a benchmark that is not one of its servers (the CLI's `dev`): cleanUp kills it too. */
export function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

function request(child: ChildProcess, message: ToServer): void {
  if (child.connected) child.send(message);
}

/** Runs a compiled server script as its own Node process (no loader, no flags) and waits until it listens. */
export async function startServer(script: URL, args: string[] = []): Promise<ServerProcess> {
  const begin = performance.now();
  const child = fork(script, args, { execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      children.delete(child);
      resolve();
    }),
  );

  const waiting = new Set<(usage: ServerUsage) => void>();
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start in time')), STARTUP_TIMEOUT_MS);
    child.on('message', (message: FromServer) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.ready);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`the server failed to start:\n${message.message}`));
      } else if (message.type === 'usage') {
        for (const done of waiting) done(message.usage);
        waiting.clear();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before it was ready:\n${output}`));
    });
  }).catch(async (error: Error) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });

  return {
    ready,
    pid: child.pid ?? -1,
    startupMs: performance.now() - begin,
    spawnedAt: begin,
    usage: () =>
      new Promise<ServerUsage>((resolve, reject) => {
        if (!child.connected) return reject(new Error(`the server is gone:\n${output}`));
        waiting.add(resolve);
        request(child, { type: 'usage' });
      }),
    async stop() {
      request(child, { type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
    output: () => output,
  };
}
