import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { NotFound, ValidationError } from '../errors/errors.js';
import { jsonObject } from '../http/json.js';
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

const badBody = (message: string, path: string) =>
  new ValidationError(400, [{ code: 'BAD_REQUEST', message, path, arguments: [] }]);

/** `{"state", "deactivationType"?, "deactivationReason"?}`, each checked against Wise's documented values. */
function parseChange(body: unknown): UserStateChange {
  const input = jsonObject(body);
  const state = input['state'];
  if (typeof state !== 'string' || !USER_STATES.includes(state as UserState))
    throw badBody(`state must be one of ${USER_STATES.join(', ')}.`, 'state');
  const type = input['deactivationType'] ?? null;
  if (type !== null && (typeof type !== 'string' || !DEACTIVATION_TYPES.includes(type as DeactivationType)))
    throw badBody(`deactivationType must be one of ${DEACTIVATION_TYPES.join(', ')}.`, 'deactivationType');
  const reason = input['deactivationReason'] ?? null;
  if (reason !== null && (typeof reason !== 'string' || reason === '' || reason.length > MAX_REASON))
    throw badBody(
      `deactivationReason must be a string of 1 to ${MAX_REASON} characters.`,
      'deactivationReason',
    );
  if (state === 'ACTIVE' && (type !== null || reason !== null))
    throw badBody('An ACTIVE account has no deactivation type or reason.', 'state');
  return {
    state: state as UserState,
    deactivationType: type as DeactivationType | null,
    deactivationReason: reason as string | null,
  };
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
