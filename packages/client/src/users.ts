/**
 * Users: create with a registration code, check existence, read the current user, and the claim-account
 * code.
 *
 * Wise docs: https://docs.wise.com/api-reference/user/usercreate,
 * https://docs.wise.com/api-reference/user/usercheckexists,
 * https://docs.wise.com/api-reference/claim-account/claimaccountcreate
 *
 * @module
 */

import { type ClientTokenSource, sendWithClientToken } from './client-token.js';
import { bearer, type ClientContext } from './context.js';
import { base64url, randomBytes } from './encoding.js';
import { type WiseApiError, WiseResponseError } from './errors.js';
import { type HttpResponse, type RequestOptions, readJson, toApiError } from './http.js';
import { isRecord } from './json.js';

/**
 * Languages create-user accepts (contract §2); `EN` when omitted. The platform keeps its own copy of this
 * list (`api/users.ts`): the client has no dependencies and also talks to real Wise, so each side of the
 * contract states it; contract §2 is the one source both follow.
 * @see https://docs.wise.com/api-reference/user/usercreate
 */
export const LANGUAGES = [
  'EN',
  'US',
  'PT',
  'ES',
  'FR',
  'DE',
  'IT',
  'JA',
  'RU',
  'PL',
  'HU',
  'TR',
  'RO',
  'NL',
  'HK',
] as const;

/**
 * One of {@link LANGUAGES} (contract §2).
 * @see https://docs.wise.com/api-reference/user/usercreate
 */
export type Language = (typeof LANGUAGES)[number];

/**
 * Body of `POST /v1/user/signup/registration_code` (contract §2).
 * @see https://docs.wise.com/api-reference/user/usercreate
 */
export interface CreateUserInput {
  /** The unique identity of the user. */
  readonly email: string;
  /** Partner-chosen, password-like, at least 32 characters: see {@link generateRegistrationCode}. */
  readonly registrationCode: string;
  readonly language?: Language | undefined;
  /**
   * When the email already has an account, also email the person a link that yields a code to type into
   * the partner's app (contract §6). A last resort: prefer the redirect flow.
   */
  readonly sendAuthorizationCodeAsEmail?: boolean | undefined;
}

/**
 * Personal details of a user (`details` of `/v1/me` and `/v1/users/{id}`, contract §8), present once a
 * personal profile exists.
 * @see https://docs.wise.com/api-reference/user
 */
export interface UserDetails {
  readonly firstName?: string;
  readonly lastName?: string;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth?: string;
  readonly phoneNumber?: string;
  readonly occupation?: string;
  /** Link to the avatar image. */
  readonly avatar?: string;
  /** The id of the primary address, as `GET /v1/addresses/{id}` takes it. */
  readonly primaryAddress?: number;
  /** v1 names: `countryCode` (2 letters), `firstLine`, `postCode`, `city`, `state`. */
  readonly address?: {
    readonly countryCode?: string;
    readonly firstLine?: string;
    readonly postCode?: string;
    readonly city?: string;
    readonly state?: string;
    readonly [field: string]: unknown;
  };
  readonly [field: string]: unknown;
}

/**
 * A Wise user (contract §2 create-user response, §8 `/v1/me`).
 * @see https://docs.wise.com/api-reference/user/usercreate
 * @see https://docs.wise.com/api-docs/api-reference/user
 */
export interface WiseUser {
  readonly id: number;
  readonly name: string | null;
  readonly email: string;
  readonly active: boolean;
  /** `null` until a personal profile exists. */
  readonly details: UserDetails | null;
}

/**
 * The outcome of create-user (contract §2). A 409 is an expected answer, not a failure: the person already
 * has an account and must be linked instead (§4, §6, §10.2), so it is returned, not thrown.
 * @see https://docs.wise.com/api-reference/user/usercreate
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export type CreateUserResult =
  | {
      readonly kind: 'created';
      readonly user: WiseUser;
    }
  | {
      readonly kind: 'conflict';
      /**
       * The email from the `NOT_UNIQUE` entry's `arguments`, masked (`ne******@example.com`, errors guide)
       * or whole (reference page example), when given.
       */
      readonly maskedEmail: string | undefined;
      /** Whether the request asked for the emailed authorization code (contract §6). */
      readonly authorizationCodeEmailRequested: boolean;
      /** The 409 itself, for its request id and entries. */
      readonly error: WiseApiError;
    };

/**
 * `POST /v1/user/signup/registration_code` with the client-credentials token (contract §2).
 * 200 and 201 are both success (201 is a compat setting). Never retried: a lost response followed by a
 * retry would turn a success into a 409.
 *
 * @throws WiseApiError for every non-2xx status but 409 (400/422 validation, 401 `invalid_token`…);
 *   WiseResponseError for a 2xx body that is not a user.
 */
export async function createUser(
  ctx: ClientContext,
  clientTokens: ClientTokenSource,
  input: CreateUserInput,
  options?: RequestOptions,
): Promise<CreateUserResult> {
  const json: Record<string, unknown> = { email: input.email, registrationCode: input.registrationCode };
  if (input.language !== undefined) json['language'] = input.language;
  if (input.sendAuthorizationCodeAsEmail !== undefined) {
    json['sendAuthorizationCodeAsEmail'] = input.sendAuthorizationCodeAsEmail;
  }
  const response = await sendWithClientToken(
    ctx,
    clientTokens,
    (token) => ({
      method: 'POST',
      path: '/v1/user/signup/registration_code',
      headers: bearer(token),
      json,
      idempotent: false,
      signal: options?.signal,
      timeoutMs: options?.timeoutMs,
    }),
    options,
  );
  if (response.status === 409) {
    const error = toApiError(response);
    const entry = error.errors.find((e) => e.code === 'NOT_UNIQUE') ?? error.errors[0];
    return {
      kind: 'conflict',
      maskedEmail: emailArgument(entry?.arguments),
      authorizationCodeEmailRequested: input.sendAuthorizationCodeAsEmail === true,
      error,
    };
  }
  return { kind: 'created', user: readUser(response) };
}

/**
 * `POST /v1/users/exists` with the client-credentials token (contract §2). A read despite the verb, so it
 * is retried like a GET.
 */
export async function userExists(
  ctx: ClientContext,
  clientTokens: ClientTokenSource,
  email: string,
  options?: RequestOptions,
): Promise<boolean> {
  const response = await sendWithClientToken(
    ctx,
    clientTokens,
    (token) => ({
      method: 'POST',
      path: '/v1/users/exists',
      headers: bearer(token),
      json: { email },
      idempotent: true,
      signal: options?.signal,
      timeoutMs: options?.timeoutMs,
    }),
    options,
  );
  const json = readJson(response);
  if (!isRecord(json) || typeof json['exists'] !== 'boolean') {
    throw new WiseResponseError(response.endpoint, response.status, response.body, 'no boolean "exists"');
  }
  return json['exists'];
}

/** `GET /v1/me` with a user token (contract §8). */
export async function getMe(
  ctx: ClientContext,
  accessToken: string,
  options?: RequestOptions,
): Promise<WiseUser> {
  const response = await ctx.http.send({
    method: 'GET',
    path: '/v1/me',
    headers: bearer(accessToken),
    idempotent: true,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
  });
  return readUser(response);
}

/**
 * `POST /v1/user/claim-account` with the user token of an API-created user (contract §7): a
 * `claimAccountCode`, valid 5 minutes, to pass as `claimAccountCode` to the authorize URL.
 */
export async function createClaimAccountCode(
  ctx: ClientContext,
  accessToken: string,
  registrationCode: string,
  options?: RequestOptions,
): Promise<string> {
  const response = await ctx.http.send({
    method: 'POST',
    path: '/v1/user/claim-account',
    headers: bearer(accessToken),
    json: { registrationCode },
    idempotent: false,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
  });
  const json = readJson(response);
  if (!isRecord(json) || typeof json['claimAccountCode'] !== 'string') {
    throw new WiseResponseError(response.endpoint, response.status, response.body, 'no claimAccountCode');
  }
  return json['claimAccountCode'];
}

/**
 * A registration code for create-user (contract §2) as §10.1 asks: 32 bytes from the runtime's CSPRNG,
 * base64url (43 characters). Store it encrypted at rest with the email, and never log it.
 * @see https://docs.wise.com/api-reference/user/usercreate
 * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
 */
export function generateRegistrationCode(): string {
  return base64url(randomBytes(32));
}

/**
 * The email among a 409's `arguments` (contract §2). Wise documents two forms: the reference page's
 * `["email", "class com.transferwise.fx.api.ApiRegisterCommand", "existing.user@domain.com"]` and the
 * errors guide's masked `["email", "ma****@wise.com"]`. The first item is the field name and the class
 * name has no `@`, so the last item containing an `@` is the email in both.
 */
function emailArgument(args: ReadonlyArray<unknown> | undefined): string | undefined {
  const found = (args ?? []).slice(1).findLast((a) => typeof a === 'string' && a.includes('@'));
  return typeof found === 'string' ? found : undefined;
}

/** The user object of `/v1/me`, `/v1/users/{id}` and create-user (contract §2, §8). */
export function readUser(response: HttpResponse): WiseUser {
  const json = readJson(response);
  if (!isRecord(json) || typeof json['id'] !== 'number' || typeof json['email'] !== 'string') {
    throw new WiseResponseError(response.endpoint, response.status, response.body, 'not a user');
  }
  return {
    id: json['id'],
    name: typeof json['name'] === 'string' ? json['name'] : null,
    email: json['email'],
    active: json['active'] !== false,
    details: isRecord(json['details']) ? (json['details'] as UserDetails) : null,
  };
}
