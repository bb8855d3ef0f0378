import { badRequest, bearerErrors, notFound, unprocessable, wiseErrors } from '../../http/schema-bodies.js';
import { address, addressRequirement } from './legacy-objects.js';
import * as example from './profile-examples.js';
import { addressBody, addressRequirementsBody } from './profile-inputs.js';
import { profileErrors, security, tags, unknownProfile, withExamples } from './profiles.js';

/**
 * Contract §8 "Legacy v1", https://docs.wise.com/api-reference/address: the address routes, answering
 * Wise's address object and the address requirements (legacy-objects.ts), with Wise's bodies as examples.
 */
export const addressCreateSchema = {
  summary: "Create an address (the profile's address)",
  description: 'Contract §8, https://docs.wise.com/api-reference/address "Create address".',
  tags,
  security,
  body: withExamples(addressBody, example.addressRequest),
  response: { 200: withExamples(address, example.addressObject), ...profileErrors },
} as const;
export const addressGetSchema = {
  summary: 'Get an address',
  description: 'Contract §8, https://docs.wise.com/api-reference/address "Get address by ID".',
  tags,
  security,
  params: { type: 'object', properties: { id: { type: 'string', description: 'The address id.' } } },
  response: { 200: withExamples(address, example.addressObject), 404: notFound, ...bearerErrors },
} as const;
export const addressListSchema = {
  summary: "List a profile's addresses",
  description:
    'Contract §8, https://docs.wise.com/api-reference/address "List addresses": `?profile={profileId}`.',
  tags,
  security,
  querystring: { type: 'object', properties: { profile: { description: 'A profile id (digits).' } } },
  response: {
    200: withExamples(
      { type: 'array', items: address, description: 'The profile’s addresses, oldest first.' },
      [example.addressObject],
    ),
    404: unknownProfile,
    422: unprocessable,
    ...bearerErrors,
  },
} as const;
export const addressRequirementsSchema = (method: 'GET' | 'POST') =>
  ({
    summary: 'Address requirements',
    description:
      'Contract §8, https://docs.wise.com/api-reference/address "Address requirements": the fields an address ' +
      'needs, for the `details` given so far (POST).',
    tags,
    security,
    ...(method === 'POST'
      ? { body: withExamples(addressRequirementsBody, example.addressRequirementsRequest) }
      : {}),
    response: {
      200: withExamples(
        { type: 'array', items: addressRequirement, description: 'The requirement groups.' },
        example.addressRequirements,
      ),
      ...(method === 'POST' ? { 400: badRequest, 415: wiseErrors } : {}),
      ...bearerErrors,
    },
  }) as const;
