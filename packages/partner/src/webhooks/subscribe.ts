import type { WebhookSubscription, WiseClient } from '@account-access/client';
import type { WebhookStore } from '../store/webhooks.js';

/**
 * The events the bank subscribes its application to (contract §11; all four are application-level only,
 * https://docs.wise.com/guides/developer/webhooks/event-types).
 */
export const WEBHOOK_EVENT_TYPES = [
  'profiles#verification-state-change',
  'profiles#cdd-check-state-change',
  'users#state-change',
  'kyc-reviews#state-change',
] as const;

/** The event schema version subscribed (contract §11). */
export const WEBHOOK_SCHEMA_VERSION = '2.0.0';

export type SubscribeOutcome =
  | { readonly kind: 'done'; readonly created: readonly string[]; readonly present: readonly string[] }
  /** Another instance holds the lease and is subscribing right now. */
  | { readonly kind: 'busy' }
  | { readonly kind: 'failed'; readonly error: string };

export interface SubscriberDeps {
  readonly client: WiseClient;
  readonly webhooks: WebhookStore;
  readonly clientKey: string;
  /** The delivery URL (the receiver's public address). */
  readonly url: string;
  readonly now: () => Date;
  readonly log: (outcome: SubscribeOutcome) => void;
  /** Waits before the next try after a failure (the last one repeats); default 5 s, 30 s, 2 min, 5 min. */
  readonly retryDelaysMs?: readonly number[];
}

export interface Subscriber {
  /** The outcome of the first try (never rejects). */
  readonly first: Promise<SubscribeOutcome>;
  /** Tries now (and, on failure, schedules the next try); joins a try already running here. */
  runNow(): Promise<SubscribeOutcome>;
  /** Stops retrying, aborts a try in flight and waits for it to end. */
  stop(): Promise<void>;
}

const LEASE = 'application-subscriptions';
const LEASE_SECONDS = 60;

/**
 * Lists the application's subscriptions and creates the missing ones (contract §11): idempotent, and one
 * instance at a time holds the lease while it does, so instances starting together do not both create.
 */
export async function ensureSubscriptions(
  deps: SubscriberDeps,
  signal?: AbortSignal,
): Promise<SubscribeOutcome> {
  const now = deps.now();
  if (!(await deps.webhooks.claimLease(LEASE, now, new Date(now.getTime() + LEASE_SECONDS * 1000)))) {
    return { kind: 'busy' };
  }
  try {
    const existing = await deps.client.subscriptions.application.list(deps.clientKey, { signal });
    const covers = (type: string) => (s: WebhookSubscription) =>
      s.trigger_on === type && s.delivery.url === deps.url && s.delivery.version === WEBHOOK_SCHEMA_VERSION;
    const created: string[] = [];
    const present: string[] = [];
    for (const type of WEBHOOK_EVENT_TYPES) {
      if (existing.some(covers(type))) {
        present.push(type);
        continue;
      }
      await deps.client.subscriptions.application.create(
        deps.clientKey,
        {
          name: `Bank ${type}`,
          trigger_on: type,
          delivery: { version: WEBHOOK_SCHEMA_VERSION, url: deps.url },
        },
        { signal },
      );
      created.push(type);
    }
    return { kind: 'done', created, present };
  } finally {
    await deps.webhooks.releaseLease(LEASE);
  }
}

/**
 * Subscribes at start without holding the start up: a platform that cannot be reached is logged and
 * tried again later, with growing waits, until it answers (the timer never keeps the process alive).
 */
export function startSubscriber(deps: SubscriberDeps): Subscriber {
  const delays = deps.retryDelaysMs ?? [5_000, 30_000, 120_000, 300_000];
  const aborter = new AbortController();
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let inflight: Promise<SubscribeOutcome> | undefined;

  // One try at a time in this process: a try asked for while the timer's is running joins it, rather than
  // finding this instance's own lease taken and answering `busy`.
  function runNow(): Promise<SubscribeOutcome> {
    if (inflight) return inflight;
    const run = attempt().finally(() => {
      if (inflight === run) inflight = undefined;
    });
    inflight = run;
    return run;
  }

  async function attempt(): Promise<SubscribeOutcome> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    let outcome: SubscribeOutcome;
    try {
      outcome = await ensureSubscriptions(deps, aborter.signal);
    } catch (error) {
      outcome = { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    if (stopped) return outcome;
    deps.log(outcome);
    if (outcome.kind === 'done') failures = 0;
    else {
      const wait = delays[Math.min(failures++, delays.length - 1)] ?? 300_000;
      timer = setTimeout(() => void runNow(), wait);
      timer.unref();
    }
    return outcome;
  }

  return {
    first: runNow(),
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      aborter.abort();
      await inflight;
    },
  };
}
