import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { type FieldError, ValidationError } from '../errors/errors.js';
import { requireClientToken, requireUserToken } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { emailCodeToExistingUser } from '../mail/email-code.js';
import { maskEmail } from '../profiles/email.js';
import { isValidEmail } from '../profiles/fields.js';
import { meDetails } from '../profiles/index.js';
import { emailKey, type UserRecord } from '../store/users.js';

/**
 * Contract §2: the languages a partner may give a new user. The client states the same list (its
 * `LANGUAGES`): it depends on nothing, so it cannot import this one; the contract is the shared source.
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
];
const MIN_REGISTRATION_CODE = 32;
const MAX_INT = 2147483647;

export interface SignupRequest {
  email: string;
  registrationCode: string;
  language: string;
  sendAuthorizationCodeAsEmail: boolean;
}

export const notNull = (path: string): FieldError => ({
  code: 'NotNull',
  message: 'must not be null',
  path,
  arguments: [],
});
export const typeMismatch = (path: string, type: string): FieldError => ({
  code: 'TypeMismatch',
  message: `must be a ${type}`,
  path,
  arguments: [],
});

/** Contract §2 validation: 400 for missing or malformed fields (one entry each), then 422 for the email. */
export function parseSignup(body: unknown): SignupRequest {
  const input = jsonObject(body);
  const errors: FieldError[] = [];
  const { email, registrationCode, language, sendAuthorizationCodeAsEmail } = input;
  if (email === undefined || email === null) errors.push(notNull('email'));
  else if (typeof email !== 'string') errors.push(typeMismatch('email', 'string'));
  if (registrationCode === undefined || registrationCode === null) errors.push(notNull('registrationCode'));
  else if (typeof registrationCode !== 'string') errors.push(typeMismatch('registrationCode', 'string'));
  else if ([...registrationCode].length < MIN_REGISTRATION_CODE) {
    errors.push({
      code: 'Size',
      message: `size must be between ${MIN_REGISTRATION_CODE} and ${MAX_INT}`,
      path: 'registrationCode',
      arguments: [String(MAX_INT), String(MIN_REGISTRATION_CODE)],
    });
  }
  if (language !== undefined && language !== null) {
    if (typeof language !== 'string' || !LANGUAGES.includes(language.toUpperCase())) {
      errors.push({
        code: 'Pattern',
        message: `must be one of ${LANGUAGES.join(', ')}`,
        path: 'language',
        arguments: [],
      });
    }
  }
  if (
    sendAuthorizationCodeAsEmail !== undefined &&
    sendAuthorizationCodeAsEmail !== null &&
    typeof sendAuthorizationCodeAsEmail !== 'boolean'
  ) {
    errors.push(typeMismatch('sendAuthorizationCodeAsEmail', 'boolean'));
  }
  if (errors.length > 0) throw new ValidationError(400, errors);
  const address = email as string;
  if (!isValidEmail(address)) throw invalidEmail(address);
  return {
    email: address,
    registrationCode: registrationCode as string,
    language: typeof language === 'string' ? language.toUpperCase() : 'EN',
    sendAuthorizationCodeAsEmail: sendAuthorizationCodeAsEmail === true,
  };
}

/** Contract §2 (https://docs.wise.com/guides/developer/errors): 422 for an email that is not one. */
export function invalidEmail(address: string): ValidationError {
  return new ValidationError(422, [
    {
      code: 'ERROR',
      message: 'Please provide a valid email',
      path: 'email',
      arguments: ['email', maskEmail(address)],
    },
  ]);
}

export function alreadyMember(email: string): ValidationError {
  return new ValidationError(409, [
    {
      code: 'NOT_UNIQUE',
      message: "You're already a member. Please login",
      path: 'email',
      arguments: ['email', maskEmail(email)],
    },
  ]);
}

/** The user object of contract §2 and §8 (`details` is filled from the personal profile where there is one). */
export function userBody(user: UserRecord, details: Record<string, unknown> | null = null) {
  const name = details ? `${details['firstName'] ?? ''} ${details['lastName'] ?? ''}`.trim() || null : null;
  return { id: user.id, name, email: user.email, active: user.active, details };
}

export function registerUserRoutes(app: FastifyInstance, platform: Platform): void {
  // Contract §2: create a user with a registration code.
  app.post('/v1/user/signup/registration_code', async (request, reply) => {
    const grant = await requireClientToken(platform, request);
    const signup = parseSignup(request.body);
    const created = await platform.stores.users.create({
      email: signup.email,
      emailKey: emailKey(signup.email),
      language: signup.language,
      createdByClientId: grant.clientId,
      registrationCodeHash: hashSecret(
        platform.config.serverSecret,
        HASH.registrationCode,
        signup.registrationCode,
      ),
    });
    if (created === 'conflict') {
      // Contract §6: the 409 stands either way; the person gets a link to grant access (rate limited).
      if (signup.sendAuthorizationCodeAsEmail)
        await emailCodeToExistingUser(platform, grant.clientId, signup.email);
      throw alreadyMember(signup.email);
    }
    reply.code(platform.config.compat.createUserStatus);
    return userBody(created);
  });

  // Contract §2: does an account exist for this email?
  app.post('/v1/users/exists', async (request) => {
    await requireClientToken(platform, request);
    const { email } = jsonObject(request.body);
    if (email === undefined || email === null) throw new ValidationError(400, [notNull('email')]);
    if (typeof email !== 'string') throw new ValidationError(400, [typeMismatch('email', 'string')]);
    return { exists: (await platform.stores.users.findByEmailKey(emailKey(email))) !== null };
  });

  // Contract §8: the person behind a user token.
  app.get('/v1/me', async (request) => {
    const grant = await requireUserToken(platform, request);
    const user = await platform.stores.users.findById(grant.userId);
    if (!user) throw new ValidationError(404, [{ code: 'NOT_FOUND', message: 'User not found' }]);
    // Only a personal profile this token was granted fills `details`: a token scoped to another profile
    // learns nothing about the person's own one (ours).
    const personal = (await platform.stores.profiles.listForGrant(grant)).find((p) => p.type === 'PERSONAL');
    return userBody(user, personal ? meDetails(personal) : null);
  });
}
