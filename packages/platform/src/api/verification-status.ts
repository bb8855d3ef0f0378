import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { requireUserToken } from '../http/bearer.js';
import { grantedProfile } from '../profiles/service.js';
import type { VerificationState } from '../store/verifications.js';
import { bankTransferStatusSchema, requiredEvidencesSchema } from './schemas/verification.js';

/**
 * (ours) The amount a verified profile may send: Wise says it "can be ignored" when verified; this is the
 * value of its example. A profile that is not verified may send nothing before verification (0, "Any
 * payments from the user will be delayed by verification").
 */
const ENTITLED: Record<VerificationState, number> = { verified: 100000, not_verified: 0 };
const MAX_CURRENCIES = 50;

const badCurrencies = (code: 'MISSING' | 'ERROR', message: string) =>
  new ValidationError(422, [{ code, message, path: 'source_currencies', arguments: ['source_currencies'] }]);

/** `source_currencies=GBP,USD,EUR` (repeated parameters too): ISO 4217 codes, each once, in the order given. */
export function sourceCurrencies(raw: unknown): string[] {
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const codes = values
    .flatMap((v) => v.split(','))
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c !== '');
  if (codes.length === 0) throw badCurrencies('MISSING', 'source_currencies is required, e.g. GBP,USD,EUR.');
  const bad = codes.find((c) => !/^[A-Z]{3}$/.test(c));
  if (bad !== undefined)
    throw badCurrencies('ERROR', 'source_currencies must be ISO 4217 currency codes, e.g. GBP,USD,EUR.');
  const unique = [...new Set(codes)];
  if (unique.length > MAX_CURRENCIES)
    throw badCurrencies('ERROR', `source_currencies names at most ${MAX_CURRENCIES} currencies.`);
  return unique;
}

/**
 * Wise's verification-status calls for a profile the user token was granted:
 * - `POST /v3/profiles/{profileId}/verification-status/bank-transfer?source_currencies=…`
 *   (https://docs.wise.com/api-reference/profile, "Check profile verification status"): one route per
 *   currency with the profile's state, and the request's id;
 * - `GET /v3/profiles/{profileId}/verification-status/required-evidences`
 *   (https://docs.wise.com/api-reference/verification, "Required Evidences"): the platform runs no
 *   additional customer verification, so nothing is ever required.
 */
export function registerVerificationStatusRoutes(app: FastifyInstance, platform: Platform): void {
  app.post<{ Params: { profileId: string }; Querystring: Record<string, unknown> }>(
    '/v3/profiles/:profileId/verification-status/bank-transfer',
    { schema: bankTransferStatusSchema },
    async (request) => {
      const grant = await requireUserToken(platform, request);
      const profile = await grantedProfile(platform.stores.profiles, grant, request.params.profileId);
      const currencies = sourceCurrencies(request.query['source_currencies']);
      const state = await platform.stores.verifications.profileState(profile.id);
      return {
        routes: currencies.map((currency) => ({
          source_currency: currency,
          maximum_entitled_amount: ENTITLED[state],
          current_status: state,
        })),
        request_id: request.id,
      };
    },
  );

  app.get<{ Params: { profileId: string } }>(
    '/v3/profiles/:profileId/verification-status/required-evidences',
    { schema: requiredEvidencesSchema },
    async (request) => {
      const grant = await requireUserToken(platform, request);
      await grantedProfile(platform.stores.profiles, grant, request.params.profileId);
      return { required_evidences: [] };
    },
  );
}
