import {
  badRequest,
  bearerErrors,
  CLIENT_TOKEN,
  notFound,
  USER_TOKEN,
  unprocessable,
} from '../../http/schema-bodies.js';

/**
 * Contract §9 and "Verification", https://docs.wise.com/api-reference/verification: verification documents
 * (CPF), verification status and required evidences, removing a trusted verification, and the sandbox's
 * simulation calls (https://docs.wise.com/api-reference/simulation). Params are described, not constrained:
 * an id that is not one answers 404 as an unknown profile does.
 */
const profileParams = {
  type: 'object',
  properties: {
    profileId: {
      type: 'string',
      description: 'A profile id (digits; anything else answers 404 as an unknown profile).',
      // Wise's example profile id (https://docs.wise.com/api-reference/profile).
      examples: ['30000001'],
    },
  },
} as const;
const unknownProfile = {
  ...notFound,
  description: 'A profile this token cannot reach, or none (`NOT_FOUND`).',
};

export const verificationDocumentSchema = {
  summary: 'Submit a verification document',
  description:
    'Contract §9, https://docs.wise.com/api-reference/verification "Verification documents": a CPF for a ' +
    'personal profile; `{"errorMessage": null, "success": true}`, or 422 with `success: false`.',
  tags: ['verification'],
  security: USER_TOKEN,
  params: profileParams,
  // Checked in order after the profile (404, then 422 for a business profile): the document's rules are
  // verification's; the schema describes it only.
  body: {
    description: '`type` (`CPF`) and `uniqueIdentifier`.',
    examples: [{ type: 'CPF', uniqueIdentifier: '12345678909' }],
  },
  response: {
    200: {
      type: 'object',
      required: ['errorMessage', 'success'],
      properties: { errorMessage: { type: 'null' }, success: { type: 'boolean', const: true } },
      examples: [{ errorMessage: null, success: true }],
    },
    400: badRequest,
    404: unknownProfile,
    415: badRequest,
    422: {
      description: 'A field refused (`errors[]`), or the bureau refused the document (`success: false`).',
    },
    ...bearerErrors,
  },
} as const;

export const bankTransferStatusSchema = {
  summary: 'Verification status for bank transfers',
  description:
    'https://docs.wise.com/api-reference/verification "Verification status": per source currency, the ' +
    "amount entitled with the profile's state.",
  tags: ['verification'],
  security: USER_TOKEN,
  params: profileParams,
  querystring: {
    type: 'object',
    properties: {
      source_currencies: {
        description: 'Comma-separated currency codes, e.g. `EUR,USD`.',
        examples: ['GBP,USD,EUR'],
      },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['routes', 'request_id'],
      properties: {
        routes: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              source_currency: { type: 'string' },
              maximum_entitled_amount: {},
              current_status: { type: 'string' },
            },
          },
        },
        request_id: { type: 'string' },
      },
      // Contract "Verification" (https://docs.wise.com/api-reference/verification "Verification status"):
      // a verified profile with Wise's example amount; `request_id` is the request's id (x-request-id).
      examples: [
        {
          routes: [
            { source_currency: 'GBP', maximum_entitled_amount: 100000, current_status: 'verified' },
            { source_currency: 'USD', maximum_entitled_amount: 100000, current_status: 'verified' },
            { source_currency: 'EUR', maximum_entitled_amount: 100000, current_status: 'verified' },
          ],
          request_id: 'b7c1f0de-2e4a-4f7b-9a3d-6c5e8f1a2b3c',
        },
      ],
    },
    404: unknownProfile,
    422: unprocessable,
    ...bearerErrors,
  },
} as const;

export const requiredEvidencesSchema = {
  summary: 'Required evidences',
  description:
    'https://docs.wise.com/api-reference/verification "Required Evidences": the platform runs no additional ' +
    'customer verification, so nothing is ever required.',
  tags: ['verification'],
  security: USER_TOKEN,
  params: profileParams,
  response: {
    200: {
      type: 'object',
      required: ['required_evidences'],
      properties: { required_evidences: { type: 'array', maxItems: 0 } },
      examples: [{ required_evidences: [] }],
    },
    404: unknownProfile,
    ...bearerErrors,
  },
} as const;

export const trustedVerificationSchema = {
  summary: 'Remove the trusted verification of a profile',
  description:
    'https://docs.wise.com/api-reference/verification "Remove trusted verification from a profile": the ' +
    'partner that created the profile; 204, again 204 and nothing changes.',
  tags: ['verification'],
  security: CLIENT_TOKEN,
  params: profileParams,
  response: { 204: { type: 'null', description: 'Removed.' }, 404: unknownProfile, ...bearerErrors },
} as const;
