import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
  commit: string;
  /** Whether the working tree had changes outside bench/results when the run started. */
  dirty: boolean;
}

/** The repository root, from bench/dist/ or bench/src/. */
const ROOT = new URL('../../', import.meta.url);

function git(args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

export function describeMachine(): Machine {
  const processors = cpus();
  const status = git(['status', '--porcelain', '--', '.', ':(exclude)bench/results']);
  return {
    cpu: processors[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    os: `${type()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    commit: git(['rev-parse', '--short=12', 'HEAD']) || 'unknown',
    dirty: status !== '',
  };
}
