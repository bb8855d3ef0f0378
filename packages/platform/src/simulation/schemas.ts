import { bearerErrors, notFound, USER_TOKEN, unprocessable } from '../http/schema-bodies.js';

/** https://docs.wise.com/api-reference/simulation, sandbox mode only (contract "Verification"). */
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

const cpfFirst = {
  ...unprocessable,
  description: 'A Brazilian profile without an accepted CPF (`ERROR`): nothing is verified.',
};

export const simulateProfileSchema = {
  summary: 'Simulate the verification of a profile (sandbox)',
  description:
    'https://docs.wise.com/api-reference/simulation "Verify profile": "Accepts both user and application API ' +
    'tokens." "No content is returned with a 200 response code."',
  tags: ['simulation'],
  security: [{ userToken: [] }, { clientToken: [] }],
  params: profileParams,
  response: {
    200: { type: 'null', description: 'Verified.' },
    404: unknownProfile,
    422: cpfFirst,
    ...bearerErrors,
  },
} as const;

export const simulateUserProfilesSchema = {
  summary: "Simulate the verification of all the user's profiles (sandbox)",
  description:
    'https://docs.wise.com/api-reference/simulation "Verify all profiles": "Accepts user API tokens only." ' +
    '"No content is returned with a 200 response code."',
  tags: ['simulation'],
  security: USER_TOKEN,
  response: { 200: { type: 'null', description: 'Verified.' }, 422: cpfFirst, ...bearerErrors },
} as const;
