import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { ValidationError } from '../errors/errors.js';
import { requireClientToken, requireUserToken } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { validated } from '../http/schema-errors.js';
import { emailCodeToExistingUser } from '../mail/email-code.js';
import { maskEmail } from '../profiles/email.js';
import { isValidEmail } from '../profiles/fields.js';
import { meDetails } from '../profiles/index.js';
import { emailKey, type UserRecord } from '../store/users.js';
import { existsSchema, meSchema, signupSchema } from './schemas/users.js';

export { LANGUAGES } from './schemas/users.js';

export interface SignupRequest {
  email: string;
  registrationCode: string;
  language: string;
  sendAuthorizationCodeAsEmail: boolean;
}

/**
 * Contract §2 validation: the 400s for missing or malformed fields are the schema's (schemas/users.ts, one
 * entry each), checked after the token; then 422 for an email that is not one.
 */
export function parseSignup(request: FastifyRequest): SignupRequest {
  const input = jsonObject(request.body);
  validated(request);
  const { email, registrationCode, language, sendAuthorizationCodeAsEmail } = input as Partial<
    Record<keyof SignupRequest, unknown>
  >;
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
  app.post('/v1/user/signup/registration_code', { schema: signupSchema }, async (request, reply) => {
    const grant = await requireClientToken(platform, request);
    const signup = parseSignup(request);
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
  app.post('/v1/users/exists', { schema: existsSchema }, async (request) => {
    await requireClientToken(platform, request);
    const { email } = jsonObject(request.body) as { email: string };
    validated(request);
    return { exists: (await platform.stores.users.findByEmailKey(emailKey(email))) !== null };
  });

  // Contract §8: the person behind a user token.
  app.get('/v1/me', { schema: meSchema }, async (request) => {
    const grant = await requireUserToken(platform, request);
    const user = await platform.stores.users.findById(grant.userId);
    if (!user) throw new ValidationError(404, [{ code: 'NOT_FOUND', message: 'User not found' }]);
    // Only a personal profile this token was granted fills `details`: a token scoped to another profile
    // learns nothing about the person's own one (ours).
    const personal = (await platform.stores.profiles.listForGrant(grant)).find((p) => p.type === 'PERSONAL');
    return userBody(user, personal ? meDetails(personal) : null);
  });
}
