// A client wired to a scripted fetch, with a fake clock and an instant sleep that records each wait.
import { createClient } from '../client.js';
import type { ClientOptions, WiseClient } from '../wise-client.js';
import type { FakeFetch, RecordedRequest } from './fake-fetch.js';

/** A settable clock. */
export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}

export interface TestClient {
  readonly client: WiseClient;
  readonly requests: RecordedRequest[];
  readonly clock: FakeClock;
  /** Every wait the client asked for, in order. */
  readonly sleeps: number[];
}

/** A client on `local` URLs with the given scripted fetch, a fake clock and instant sleeps. */
export function testClient(fake: FakeFetch, options: Partial<ClientOptions> = {}): TestClient {
  const clock = fakeClock();
  const sleeps: number[] = [];
  const client = createClient({
    environment: 'local',
    clientId: 'partner-client',
    clientSecret: 'partner-secret',
    fetch: fake.fetch,
    now: clock.now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { client, requests: fake.requests, clock, sleeps };
}
