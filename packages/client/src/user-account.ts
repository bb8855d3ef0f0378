/**
 * A user by id and its contact email (contract §8): `GET /v1/users/{id}`, and `GET` / `PUT
 * /v1/users/{id}/contact-email`, where notifications go for a user registered with a placeholder email.
 *
 * Wise docs: https://docs.wise.com/api-reference/user
 *
 * @module
 */
import { readShape, segment, sendAs } from './calls.js';
import type { ClientContext } from './context.js';
import type { RequestOptions } from './http.js';
import { isRecord } from './json.js';
import { readUser, type WiseUser } from './users.js';

/** `GET /v1/users/{userId}` with a user token: the user object, as `/v1/me` answers it. */
export async function getUser(
  ctx: ClientContext,
  accessToken: string,
  userId: number | string,
  options?: RequestOptions,
): Promise<WiseUser> {
  const response = await sendAs(
    ctx,
    accessToken,
    { method: 'GET', path: `/v1/users/${segment(userId)}`, idempotent: true },
    options,
  );
  return readUser(response);
}

/**
 * `GET /v1/users/{userId}/contact-email` (read; `email` given: `PUT` with `{"email"}`, a replace, so
 * retried too) with a user token. Answers the contact email from Wise's `{"email"}` body.
 */
export async function contactEmail(
  ctx: ClientContext,
  accessToken: string,
  userId: number | string,
  email: string | undefined,
  options?: RequestOptions,
): Promise<string> {
  const response = await sendAs(
    ctx,
    accessToken,
    {
      method: email === undefined ? 'GET' : 'PUT',
      path: `/v1/users/${segment(userId)}/contact-email`,
      json: email === undefined ? undefined : { email },
      idempotent: true,
    },
    options,
  );
  return readShape(response, isContactEmail, 'not a contact email').email;
}

function isContactEmail(value: unknown): value is { email: string } {
  return isRecord(value) && typeof value['email'] === 'string';
}
