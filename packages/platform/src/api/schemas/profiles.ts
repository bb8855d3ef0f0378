import {
  badRequest,
  bearerErrors,
  conflict,
  notFound,
  USER_TOKEN,
  unprocessable,
} from '../../http/schema-bodies.js';
import { director, legacyProfile, ubo } from './legacy-objects.js';
import * as example from './profile-examples.js';
import {
  createBusinessBody,
  createPersonalBody,
  directorsBody,
  legacyCreateBody,
  representativeBody,
  ubosBody,
  updateBusinessBody,
  updatePersonalBody,
} from './profile-inputs.js';
import {
  businessProfile,
  businessRepresentative,
  createdPersonalProfile,
  profile,
} from './profile-objects.js';

/**
 * Contract §8, https://docs.wise.com/api-reference/profile and https://docs.wise.com/api-reference/address:
 * profiles v1 and v2 (personal and business), their updates and update window, the business representative,
 * addresses and address requirements, directors and UBOs. The answers are Wise's objects
 * (profile-objects.ts, legacy-objects.ts); the bodies describe Wise's fields without changing the profile
 * module's 422s (profile-inputs.ts says how); the examples are Wise's documented bodies (profile-examples.ts).
 * The address routes' schemas are in addresses.ts.
 */
export const tags = ['profiles'];
export const security = USER_TOKEN;
const profileParams = (name = 'id') =>
  ({
    type: 'object',
    properties: { [name]: { type: 'string', description: 'A profile id this token was granted.' } },
  }) as const;
/** A schema with Wise's documented bodies as its examples. */
export const withExamples = <T extends object>(schema: T, ...examples: unknown[]) =>
  ({ ...schema, examples }) as const;
export const unknownProfile = {
  ...notFound,
  description: 'A profile this token was not granted, or none (`NOT_FOUND`).',
};
export const profileErrors = {
  400: badRequest,
  404: unknownProfile,
  415: { ...badRequest, description: 'The body is not application/json.' },
  422: {
    ...unprocessable,
    description: 'A field missing (`MISSING`), misplaced (`UNEXPECTED`) or refused (`ERROR`).',
  },
  ...bearerErrors,
} as const;
const idempotency = {
  type: 'object',
  properties: {
    'x-idempotence-uuid': {
      type: 'string',
      description: 'Optional: the same key with the same body answers the first answer again (contract §8).',
    },
  },
} as const;

export const v2ListSchema = {
  summary: 'List the profiles this token was granted',
  description: 'Contract §8, https://docs.wise.com/api-reference/profile "List profiles (v2)".',
  tags,
  security,
  response: {
    200: withExamples({ type: 'array', items: profile, description: 'The v2 profile objects.' }, [
      example.personalProfile,
      example.businessProfile,
    ]),
    ...bearerErrors,
  },
} as const;

export const v2GetSchema = {
  summary: 'Get a profile',
  description: 'Contract §8, https://docs.wise.com/api-reference/profile "Get profile by ID (v2)".',
  tags,
  security,
  params: profileParams(),
  response: {
    200: withExamples(profile, example.personalProfile, example.businessProfile),
    404: unknownProfile,
    ...bearerErrors,
  },
} as const;

export const createPersonalSchema = {
  summary: 'Create the personal profile',
  description:
    'Contract §8, https://docs.wise.com/api-reference/profile "Create personal profile (v2)": `firstName`, ' +
    '`lastName`, `dateOfBirth`, `phoneNumber`, `address`, …; a second personal profile is 409 `NOT_UNIQUE`.',
  tags,
  security,
  headers: idempotency,
  body: withExamples(createPersonalBody, example.personalRequest),
  response: {
    200: withExamples(createdPersonalProfile, example.createdPersonal),
    409: { ...conflict, description: 'A second personal profile, or the same person on another account.' },
    ...profileErrors,
  },
} as const;

export const createBusinessSchema = (version: 'v2' | 'v3') =>
  ({
    summary: `Create a business profile (${version})`,
    description:
      'Contract §8, https://docs.wise.com/api-reference/profile "Create business profile"' +
      (version === 'v2' ? " (the guide's v2 path, an alias of the v3 call)." : ' (v3, beta).') +
      ' Wise documents no response: the v2 business object (ours).',
    tags,
    security,
    headers: idempotency,
    body:
      version === 'v2'
        ? withExamples(createBusinessBody, example.businessRequest)
        : withExamples(createBusinessBody, example.businessV3Request, example.businessV3ByIdRequest),
    response: {
      200: withExamples(businessProfile, example.businessProfile),
      409: { ...conflict, description: 'The same business already exists (`NOT_UNIQUE`).' },
      ...profileErrors,
    },
  }) as const;

export const updateSchema = (type: 'personal' | 'business') =>
  ({
    summary: `Update a ${type} profile`,
    description:
      `Contract §8, https://docs.wise.com/api-reference/profile "Update ${type} profile": identity fields ` +
      'change only in an open update window (409 `UPDATE_WINDOW_CLOSED`).',
    tags,
    security,
    params: profileParams(),
    body:
      type === 'personal'
        ? withExamples(updatePersonalBody, example.personalUpdateRequest)
        : withExamples(updateBusinessBody, example.businessUpdateRequest),
    response: {
      200:
        type === 'personal'
          ? withExamples(createdPersonalProfile, example.createdPersonal)
          : withExamples(businessProfile, example.businessProfile),
      409: { ...conflict, description: 'The update window is closed (`UPDATE_WINDOW_CLOSED`).' },
      ...profileErrors,
    },
  }) as const;

export const updateWindowSchema = (open: boolean) =>
  ({
    summary: open ? 'Open the update window' : 'Close the update window',
    description: `Contract §8, https://docs.wise.com/api-reference/profile "${open ? 'Open' : 'Close'} update window": 204 No Content (ours).`,
    tags,
    security,
    params: profileParams(),
    response: { 204: { type: 'null', description: 'Done.' }, 404: unknownProfile, ...bearerErrors },
  }) as const;

export const representativeSchema = (method: 'GET' | 'PUT' | 'POST') =>
  ({
    summary: `${method === 'GET' ? 'Get' : method === 'PUT' ? 'Replace' : 'Change'} the business representative`,
    description:
      'Contract §8, https://docs.wise.com/api-reference/profile "Business representative" (v3); the rules are ' +
      'in profiles/representative.ts.',
    tags,
    security,
    params: profileParams(),
    ...(method === 'GET'
      ? {}
      : {
          body:
            method === 'PUT'
              ? withExamples(
                  representativeBody('PUT'),
                  example.representativeUpdateRequest,
                  example.representativeTransferRequest,
                )
              : withExamples(representativeBody('POST'), example.representativeTransferRequest),
        }),
    response: {
      200: withExamples(businessRepresentative, example.representativeObject),
      ...profileErrors,
      ...(method === 'GET'
        ? {}
        : {
            409: {
              ...conflict,
              description: 'The person is already a customer on another account (contract §8).',
            },
          }),
    },
  }) as const;

export const v1ListSchema = {
  summary: 'List profiles (v1)',
  description: 'Contract §8 "Legacy v1", https://docs.wise.com/api-reference/profile "List profiles (v1)".',
  tags,
  security,
  response: {
    200: withExamples({ type: 'array', items: legacyProfile, description: 'The v1 profile objects.' }, [
      example.legacyPersonal,
      example.legacyBusiness,
    ]),
    ...bearerErrors,
  },
} as const;

export const v1GetSchema = {
  summary: 'Get a profile (v1)',
  description:
    'Contract §8 "Legacy v1", https://docs.wise.com/api-reference/profile "Get profile by ID (v1)".',
  tags,
  security,
  params: profileParams(),
  response: {
    200: withExamples(legacyProfile, example.legacyPersonal, example.legacyBusiness),
    404: unknownProfile,
    ...bearerErrors,
  },
} as const;

export const v1CreateSchema = {
  summary: 'Create a profile (v1)',
  description:
    'Contract §8 "Legacy v1", https://docs.wise.com/api-reference/profile "Create profile (v1)": ' +
    '`{"type": "personal"|"business", "details": {…}}`, translated onto the v2 validator.',
  tags,
  security,
  body: withExamples(legacyCreateBody, example.legacyCreateRequest),
  response: {
    200: withExamples(legacyProfile, example.legacyPersonal),
    409: conflict,
    ...profileErrors,
  },
} as const;

const people = (kind: 'directors' | 'ubos', method: 'GET' | 'POST' | 'PUT') => {
  const noun = kind === 'directors' ? 'directors' : 'ultimate beneficial owners';
  const verb = method === 'GET' ? 'List the' : method === 'POST' ? 'Add' : 'Replace the';
  const [item, body, request, answer] =
    kind === 'directors'
      ? [director, directorsBody, example.directorsRequest, example.directors]
      : [ubo, ubosBody, example.ubosRequest, example.ubos];
  return {
    summary: `${verb} ${noun} of a business profile`,
    description: `Contract §8 "Legacy v1", https://docs.wise.com/api-reference/profile "${kind === 'directors' ? 'Directors' : 'UBOs'}".`,
    tags,
    security,
    params: profileParams(),
    // An array of people; its checks (422 or 400 per field) are the profile module's.
    ...(method === 'GET' ? {} : { body: withExamples(body, request) }),
    response: {
      200: withExamples({ type: 'array', items: item, description: `The profile's ${noun}.` }, answer),
      ...profileErrors,
    },
  } as const;
};
export const peopleSchemas = {
  directors: {
    GET: people('directors', 'GET'),
    POST: people('directors', 'POST'),
    PUT: people('directors', 'PUT'),
  },
  ubos: { GET: people('ubos', 'GET'), POST: people('ubos', 'POST'), PUT: people('ubos', 'PUT') },
} as const;
