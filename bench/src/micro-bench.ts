import { randomBytes } from 'node:crypto';
import { HASH, hashSecret, randomToken, safeEqual } from '@account-access/platform';
import { median } from './stats.js';

export interface MicroResult {
  name: string;
  /** Median over the rounds. */
  opsPerSecond: number;
  minOpsPerSecond: number;
  maxOpsPerSecond: number;
  rounds: number;
}

export interface MicroSettings {
  rounds: number;
  /** Time budget of one round, in milliseconds. */
  roundMs: number;
}

const BATCH = 500;
/** A hard cap per round, whatever the clock says. */
const MAX_OPS_PER_ROUND = 5_000_000;

/** Runs `op` in batches until the round's budget is spent; returns operations per second. */
function round(op: () => string, budgetMs: number, sink: { length: number }): number {
  const start = performance.now();
  let ops = 0;
  let elapsed = 0;
  do {
    for (let i = 0; i < BATCH; i++) sink.length += op().length;
    ops += BATCH;
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs && ops < MAX_OPS_PER_ROUND);
  return (ops / elapsed) * 1000;
}

/** The crypto of every token request, in this process: token generation and the keyed hash (HMAC-SHA-256). */
export async function microBenchmark(settings: MicroSettings): Promise<MicroResult[]> {
  process.stderr.write('keyed hashing and token generation…\n');
  const secret = randomBytes(32);
  const token = randomToken();
  const hash = hashSecret(secret, HASH.accessToken, token);
  const copy = hashSecret(secret, HASH.accessToken, token);
  const cases: [string, () => string][] = [
    ['randomToken() (32 random bytes, base64url)', () => randomToken()],
    ['hashSecret() (HMAC-SHA-256 of a token)', () => hashSecret(secret, HASH.accessToken, token)],
    ['safeEqual() of two hashes', () => (safeEqual(hash, copy) ? hash : '')],
    ['issue: randomToken() + hashSecret()', () => hashSecret(secret, HASH.accessToken, randomToken())],
  ];
  const sink = { length: 0 };
  const results: MicroResult[] = [];
  for (const [name, op] of cases) {
    round(op, settings.roundMs / 4, sink); // warm-up
    const samples = Array.from({ length: settings.rounds }, () => round(op, settings.roundMs, sink));
    results.push({
      name,
      opsPerSecond: median(samples),
      minOpsPerSecond: Math.min(...samples),
      maxOpsPerSecond: Math.max(...samples),
      rounds: settings.rounds,
    });
  }
  if (sink.length === 0) throw new Error('the operations produced nothing');
  return results;
}
