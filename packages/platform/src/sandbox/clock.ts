import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { jsonObject } from '../http/json.js';

/** One advance moves at most 100 years: more than any expiry the contract has (20-year refresh tokens). */
const MAX_ADVANCE_SECONDS = 100 * 365 * 24 * 3600;
/** The offset never passes 1000 years, so every date stays one PostgreSQL and JavaScript can store. */
const MAX_OFFSET_SECONDS = 10 * MAX_ADVANCE_SECONDS;

export interface SandboxClockReading {
  /** The platform's time: real time plus the offset. */
  now: Date;
  offsetSeconds: number;
}

/**
 * The sandbox clock as every instance sees it (issue 11 "virtual time"; interfaces.md): read from the
 * database, so it is right even outside a request (the inspector, a script).
 */
export async function readClock(platform: Platform): Promise<SandboxClockReading> {
  await platform.clock.refresh();
  return { now: platform.now(), offsetSeconds: platform.clock.offsetSeconds };
}

const badBody = (message: string, path: string) =>
  new ValidationError(400, [{ code: 'BAD_REQUEST', message, path, arguments: [] }]);

type ClockChange = { advanceSeconds: number } | { reset: true };

const own = (message: string) => ({ 'x-error': { code: 'BAD_REQUEST', message } });

/**
 * Issue 15: the body of `POST /_sandbox/clock` (sandbox/descriptions.ts), which validates each field's type
 * in these words; `parseChange` keeps what it cannot say (exactly one of the two, and the bounds it words).
 */
export const CLOCK_CHANGE = {
  type: 'object',
  properties: {
    advanceSeconds: {
      type: 'integer',
      description: `seconds forward, 1 to ${MAX_ADVANCE_SECONDS}`,
      ...own('advanceSeconds must be a whole number of seconds.'),
    },
    reset: { const: true, description: 'back to real time', ...own('reset must be true.') },
  },
} as const;

/** `{"advanceSeconds": n}` with n a positive whole number, or `{"reset": true}`; nothing else. */
function parseChange(body: unknown): ClockChange {
  const input = jsonObject(body);
  const keys = Object.keys(input);
  if (keys.length !== 1 || (keys[0] !== 'advanceSeconds' && keys[0] !== 'reset'))
    throw badBody('Send exactly one of {"advanceSeconds": n} or {"reset": true}.', 'body');
  if (keys[0] === 'reset') return { reset: true };
  const seconds = input['advanceSeconds'] as number;
  // Issue 11 "Bad input": time moving backwards would make issued codes and tokens younger than their use.
  if (seconds <= 0)
    throw badBody(
      'The sandbox clock only moves forward: advanceSeconds must be greater than 0 (send {"reset": true} to go back to real time).',
      'advanceSeconds',
    );
  if (seconds > MAX_ADVANCE_SECONDS)
    throw badBody(`advanceSeconds must be at most ${MAX_ADVANCE_SECONDS} (100 years).`, 'advanceSeconds');
  return { advanceSeconds: seconds };
}

const body = (reading: SandboxClockReading) => ({
  now: reading.now.toISOString(),
  offsetSeconds: reading.offsetSeconds,
});

/**
 * `GET /_sandbox/clock` → `{"now", "offsetSeconds"}`; `POST /_sandbox/clock` with `{"advanceSeconds": n}` moves
 * the platform's time forward for everything (code, token, link and lockout expiry, mail and webhook retries,
 * the purge), `{"reset": true}` back to real time; both answer the clock as it now is. Concurrent advances add up.
 */
export function registerSandboxClock(app: FastifyInstance, platform: Platform): void {
  const { sandboxClock } = platform.stores;

  app.get('/_sandbox/clock', async () => body(await readClock(platform)));

  app.post('/_sandbox/clock', async (request) => {
    const change = parseChange(request.body);
    if ('reset' in change) {
      platform.clock.hold(await sandboxClock.reset());
    } else {
      const offset = await sandboxClock.advance(change.advanceSeconds, MAX_OFFSET_SECONDS);
      if (offset === null)
        throw badBody(
          `The sandbox clock cannot run more than ${MAX_OFFSET_SECONDS} seconds (1000 years) ahead; send {"reset": true} first.`,
          'advanceSeconds',
        );
      platform.clock.hold(offset);
    }
    return body({ now: platform.now(), offsetSeconds: platform.clock.offsetSeconds });
  });
}
