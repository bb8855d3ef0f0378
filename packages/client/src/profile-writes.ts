/**
 * Profile writes (contract §8): create a personal or business profile (v2), update either, and open or
 * close the update window that a verified profile needs before its details may change.
 *
 * Wise docs: https://docs.wise.com/api-reference/profile,
 * https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation,
 * https://docs.wise.com/guides/product/kyc/partner-kyc/updating-profiles
 *
 * @module
 */
import { readNothing, readShape, segment, sendAs } from './calls.js';
import type { ClientContext } from './context.js';
import type { RequestOptions } from './http.js';
import { isRecord } from './json.js';
import type {
  CreateBusinessProfileInput,
  CreateBusinessProfileOptions,
  CreatedPersonalProfile,
  CreatePersonalProfileInput,
  CreateProfileOptions,
  ProfileWriteResult,
  UpdateBusinessProfileInput,
  UpdatePersonalProfileInput,
} from './profile-write-types.js';
import type { ProfileId } from './profiles.js';

/**
 * `POST /v2/profiles/personal-profile` with a user token and an `X-idempotence-uuid` header, which also
 * makes the call retryable. Answers Wise's documented body `{id, type: "personal", details}`. Validation
 * failures are 422 `WiseApiError`s (`MISSING` / `ERROR` / `TOO_SMALL` / `UNEXPECTED`, with a `path`); an
 * existing profile, or the same person on another account, is 409.
 */
export async function createPersonalProfile(
  ctx: ClientContext,
  accessToken: string,
  input: CreatePersonalProfileInput,
  options?: CreateProfileOptions,
): Promise<CreatedPersonalProfile> {
  const response = await sendAs(
    ctx,
    accessToken,
    {
      method: 'POST',
      path: '/v2/profiles/personal-profile',
      headers: idempotence(options),
      json: input,
      idempotent: true,
    },
    options,
  );
  return readShape(response, isCreatedPersonalProfile, 'not a created personal profile');
}

/**
 * `POST /v2/profiles/business-profile` (or the v3 beta with `version: 'v3'`) with a user token and an
 * `X-idempotence-uuid` header (retryable). On v2 the user needs a personal profile first. Wise documents no
 * response body: the answer's `id` is checked.
 */
export async function createBusinessProfile(
  ctx: ClientContext,
  accessToken: string,
  input: CreateBusinessProfileInput,
  options?: CreateBusinessProfileOptions,
): Promise<ProfileWriteResult> {
  const response = await sendAs(
    ctx,
    accessToken,
    {
      method: 'POST',
      path: `/${options?.version ?? 'v2'}/profiles/business-profile`,
      headers: idempotence(options),
      json: input,
      idempotent: true,
    },
    options,
  );
  return readShape(response, isWriteResult, 'not a profile');
}

/**
 * `PUT /v2/profiles/{id}/personal-profile` with a user token. A PUT replaces, so it is retried. A verified
 * profile may need the update window open first.
 */
export async function updatePersonalProfile(
  ctx: ClientContext,
  accessToken: string,
  profileId: ProfileId | string,
  input: UpdatePersonalProfileInput,
  options?: RequestOptions,
): Promise<ProfileWriteResult> {
  const response = await sendAs(
    ctx,
    accessToken,
    {
      method: 'PUT',
      path: `/v2/profiles/${segment(profileId)}/personal-profile`,
      json: input,
      idempotent: true,
    },
    options,
  );
  return readShape(response, isWriteResult, 'not a profile');
}

/**
 * `PUT /v2/profiles/{id}/business-profile` with a user token. The body carries `id` as the string of the
 * path's id (as Wise's example does), first, then the input. Retried like any PUT.
 */
export async function updateBusinessProfile(
  ctx: ClientContext,
  accessToken: string,
  profileId: ProfileId | string,
  input: UpdateBusinessProfileInput,
  options?: RequestOptions,
): Promise<ProfileWriteResult> {
  const response = await sendAs(
    ctx,
    accessToken,
    {
      method: 'PUT',
      path: `/v2/profiles/${segment(profileId)}/business-profile`,
      json: { id: String(profileId), ...input },
      idempotent: true,
    },
    options,
  );
  return readShape(response, isWriteResult, 'not a profile');
}

/**
 * `POST /v1/profiles/{id}/update-window` (open) or `DELETE` (close) with a user token; any 2xx is
 * success (Wise documents no body). Opening twice or closing twice changes nothing, so both are retried.
 */
export async function setUpdateWindow(
  ctx: ClientContext,
  accessToken: string,
  profileId: ProfileId | string,
  open: boolean,
  options?: RequestOptions,
): Promise<void> {
  const response = await sendAs(
    ctx,
    accessToken,
    {
      method: open ? 'POST' : 'DELETE',
      path: `/v1/profiles/${segment(profileId)}/update-window`,
      idempotent: true,
    },
    options,
  );
  readNothing(response);
}

function idempotence(options: CreateProfileOptions | undefined): Record<string, string> {
  return { 'X-idempotence-uuid': options?.idempotencyKey ?? crypto.randomUUID() };
}

function isCreatedPersonalProfile(value: unknown): value is CreatedPersonalProfile {
  return (
    isRecord(value) &&
    typeof value['id'] === 'number' &&
    value['type'] === 'personal' &&
    isRecord(value['details'])
  );
}

function isWriteResult(value: unknown): value is ProfileWriteResult {
  return isRecord(value) && typeof value['id'] === 'number';
}
