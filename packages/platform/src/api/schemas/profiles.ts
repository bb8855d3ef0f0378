import {
  badRequest,
  bearerErrors,
  conflict,
  notFound,
  USER_TOKEN,
  unprocessable,
  wiseErrors,
} from '../../http/schema-bodies.js';

/**
 * Contract §8, https://docs.wise.com/api-reference/profile and https://docs.wise.com/api-reference/address:
 * profiles v1 and v2 (personal and business), their updates and update window, the business representative,
 * addresses and address requirements, directors and UBOs. Wise's profile validation answers 422 (`MISSING`,
 * `UNEXPECTED`, `ERROR`, `TOO_SMALL`) field by field with cross-field rules (the profile module's one
 * validator, profiles/fields.ts and friends), so these schemas state what a schema can say without changing
 * those bodies: the body is a JSON object (the same 400 the handlers gave), the fields are described.
 */
const tags = ['profiles'];
const security = USER_TOKEN;
const profileParams = (name = 'id') =>
  ({
    type: 'object',
    properties: { [name]: { type: 'string', description: 'A profile id this token was granted.' } },
  }) as const;
const jsonBody = (description: string, examples: unknown[] = []) =>
  ({ type: 'object', description, ...(examples.length ? { examples } : {}) }) as const;
const unknownProfile = {
  ...notFound,
  description: 'A profile this token was not granted, or none (`NOT_FOUND`).',
};
const profileErrors = {
  400: badRequest,
  404: unknownProfile,
  415: { ...badRequest, description: 'The body is not application/json.' },
  422: {
    ...unprocessable,
    description: 'A field missing (`MISSING`), misplaced (`UNEXPECTED`) or refused (`ERROR`).',
  },
  ...bearerErrors,
} as const;
const object = (description: string) => ({ type: 'object', description }) as const;
const idempotency = {
  type: 'object',
  properties: {
    'x-idempotence-uuid': {
      type: 'string',
      description: 'Optional: the same key with the same body answers the first answer again (contract §8).',
    },
  },
} as const;

const v2Profile = object('The v2 profile object (contract §8 "v2 profile object").');
const v1Profile = object('The legacy v1 profile object (contract §8 "Legacy v1").');

export const v2ListSchema = {
  summary: 'List the profiles this token was granted',
  description: 'Contract §8, https://docs.wise.com/api-reference/profile "List profiles (v2)".',
  tags,
  security,
  response: { 200: { type: 'array', items: v2Profile }, ...bearerErrors },
} as const;

export const v2GetSchema = {
  summary: 'Get a profile',
  description: 'Contract §8, https://docs.wise.com/api-reference/profile "Get profile by ID (v2)".',
  tags,
  security,
  params: profileParams(),
  response: { 200: v2Profile, 404: unknownProfile, ...bearerErrors },
} as const;

export const createPersonalSchema = {
  summary: 'Create the personal profile',
  description:
    'Contract §8, https://docs.wise.com/api-reference/profile "Create personal profile (v2)": `firstName`, ' +
    '`lastName`, `dateOfBirth`, `phoneNumber`, `address`, …; a second personal profile is 409 `NOT_UNIQUE`.',
  tags,
  security,
  headers: idempotency,
  body: jsonBody('The personal profile details (contract §8 "Personal profile fields").'),
  response: {
    200: object('The personal profile created.'),
    409: { ...conflict, description: 'A second personal profile, or the same person on another account.' },
    ...profileErrors,
  },
} as const;

export const createBusinessSchema = (version: 'v2' | 'v3') =>
  ({
    summary: `Create a business profile (${version})`,
    description:
      'Contract §8, https://docs.wise.com/api-reference/profile "Create business profile"' +
      (version === 'v2' ? " (the guide's v2 path, an alias of the v3 call)." : ' (v3, beta).'),
    tags,
    security,
    headers: idempotency,
    body: jsonBody('The business profile details (contract §8 "Business profile fields").'),
    response: {
      200: v2Profile,
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
    body: jsonBody(`The ${type} profile details to change.`),
    response: {
      200: type === 'personal' ? object('The personal profile, as the create answers it.') : v2Profile,
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
      : { body: jsonBody('The representative: the person acting for the business.') }),
    response: {
      200: object('The business representative.'),
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
  response: { 200: { type: 'array', items: v1Profile }, ...bearerErrors },
} as const;

export const v1GetSchema = {
  summary: 'Get a profile (v1)',
  description:
    'Contract §8 "Legacy v1", https://docs.wise.com/api-reference/profile "Get profile by ID (v1)".',
  tags,
  security,
  params: profileParams(),
  response: { 200: v1Profile, 404: unknownProfile, ...bearerErrors },
} as const;

export const v1CreateSchema = {
  summary: 'Create a profile (v1)',
  description:
    'Contract §8 "Legacy v1", https://docs.wise.com/api-reference/profile "Create profile (v1)": ' +
    '`{"type": "personal"|"business", "details": {…}}`, translated onto the v2 validator.',
  tags,
  security,
  body: jsonBody('`type` and `details`.', [
    { type: 'personal', details: { firstName: 'Oliver', lastName: 'Wilson', dateOfBirth: '1977-07-01' } },
  ]),
  response: { 200: v1Profile, 409: conflict, ...profileErrors },
} as const;

const people = (kind: 'directors' | 'ubos', method: 'GET' | 'POST' | 'PUT') => {
  const noun = kind === 'directors' ? 'directors' : 'ultimate beneficial owners';
  const verb = method === 'GET' ? 'List the' : method === 'POST' ? 'Add' : 'Replace the';
  return {
    summary: `${verb} ${noun} of a business profile`,
    description: `Contract §8 "Legacy v1", https://docs.wise.com/api-reference/profile "${kind === 'directors' ? 'Directors' : 'UBOs'}".`,
    tags,
    security,
    params: profileParams(),
    // An array of people; its checks (422 per field) are the profile module's.
    ...(method === 'GET' ? {} : { body: { description: `An array of ${noun}.` } }),
    response: { 200: { type: 'array', items: object(`One of the ${noun}.`) }, ...profileErrors },
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

const address = object('The v1 address object (https://docs.wise.com/api-reference/address).');
export const addressCreateSchema = {
  summary: "Create an address (the profile's address)",
  description: 'Contract §8, https://docs.wise.com/api-reference/address "Create address".',
  tags,
  security,
  body: jsonBody('`profile` (an id) and `details` (country, firstLine, postCode, city, …).', [
    {
      profile: 12345,
      details: { country: 'GB', firstLine: '56 Shoreditch High St', postCode: 'E1 6JJ', city: 'London' },
    },
  ]),
  response: { 200: address, ...profileErrors },
} as const;
export const addressGetSchema = {
  summary: 'Get an address',
  description: 'Contract §8, https://docs.wise.com/api-reference/address "Get address by ID".',
  tags,
  security,
  params: { type: 'object', properties: { id: { type: 'string', description: 'The address id.' } } },
  response: { 200: address, 404: notFound, ...bearerErrors },
} as const;
export const addressListSchema = {
  summary: "List a profile's addresses",
  description:
    'Contract §8, https://docs.wise.com/api-reference/address "List addresses": `?profile={profileId}`.',
  tags,
  security,
  querystring: { type: 'object', properties: { profile: { description: 'A profile id (digits).' } } },
  response: {
    200: { type: 'array', items: address },
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
    ...(method === 'POST' ? { body: jsonBody('`details`: the address so far.') } : {}),
    response: {
      200: { type: 'array', items: object('One requirement group.') },
      ...(method === 'POST' ? { 400: badRequest, 415: wiseErrors } : {}),
      ...bearerErrors,
    },
  }) as const;
