import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { NotFound, ValidationError } from '../errors/errors.js';
import { profileIdOf } from '../profiles/service.js';
import {
  DEACTIVATION_TYPES,
  type DeactivationType,
  USER_STATES,
  type UserState,
  type UserStateChange,
} from '../store/verifications.js';
import { changeUserState } from '../verification/lifecycle.js';

const MAX_REASON = 100;

const own = (message: string) => ({ 'x-error': { code: 'BAD_REQUEST', message } });

/**
 * `{"state", "deactivationType"?, "deactivationReason"?}`, each against Wise's documented values
 * (https://docs.wise.com/guides/developer/webhooks/event-types, "User state change events"); the route's
 * schema, so every field's error is in the route's own words (http/schema-errors.ts `x-error`).
 */
export const STATE_CHANGE = {
  type: 'object',
  required: ['state'],
  properties: {
    state: { type: 'string', enum: USER_STATES, ...own(`state must be one of ${USER_STATES.join(', ')}.`) },
    deactivationType: {
      type: ['string', 'null'],
      enum: [...DEACTIVATION_TYPES, null],
      ...own(`deactivationType must be one of ${DEACTIVATION_TYPES.join(', ')}.`),
    },
    deactivationReason: {
      type: ['string', 'null'],
      minLength: 1,
      maxLength: MAX_REASON,
      ...own(`deactivationReason must be a string of 1 to ${MAX_REASON} characters.`),
    },
  },
} as const;

/** A body valid against STATE_CHANGE, and the rule across its fields that a schema does not say. */
function parseChange(body: unknown): UserStateChange {
  const input = body as Partial<Record<keyof UserStateChange, string | null>>;
  const state = input.state as UserState;
  const type = (input.deactivationType ?? null) as DeactivationType | null;
  const reason = input.deactivationReason ?? null;
  if (state === 'ACTIVE' && (type !== null || reason !== null))
    throw new ValidationError(400, [
      {
        code: 'BAD_REQUEST',
        message: 'An ACTIVE account has no deactivation type or reason.',
        path: 'state',
        arguments: [],
      },
    ]);
  return { state, deactivationType: type, deactivationReason: reason };
}

/**
 * Sandbox control plane (not Wise's API): `POST /_sandbox/users/{userId}/state` moves a user account to one
 * of Wise's user states (https://docs.wise.com/guides/developer/webhooks/event-types, "User state change
 * events") and publishes users#state-change. `DEACTIVATED` revokes every token of the user at once ("The
 * end-user tokens will be revoked and you will receive a 401 Unauthorized response for API calls") and
 * stops sign-in; `ACTIVE` again lets the person sign in and the partner link again. Answers 200
 * `{"userId", "previousState", "currentState", "changed"}`; moving to the current state changes nothing.
 */
export function registerSandboxUserStates(app: FastifyInstance, platform: Platform): void {
  app.post<{ Params: { userId: string } }>('/_sandbox/users/:userId/state', async (request) => {
    const userId = profileIdOf(request.params.userId);
    const user = userId === null ? null : await platform.stores.users.findById(userId);
    if (!user) throw new NotFound('There is no user with this id.');
    const change = parseChange(request.body);
    const move = await changeUserState(platform, user.id, change);
    const previousState = move?.previous ?? change.state;
    return { userId: user.id, previousState, currentState: change.state, changed: move !== null };
  });
}
