import { occupation } from './profile-objects.js';

/**
 * Issue 15: the legacy v1 objects of Wise's bank flow (contract §8 "Legacy v1"): the v1 profile, the address
 * object and the address requirements, the directors and UBOs. Named once (`title`), the fields the platform
 * always sends `required`, null where it sends null, `additionalProperties` open.
 * Pages: https://docs.wise.com/api-reference/profile, https://docs.wise.com/api-reference/address.
 */

const text = (description: string) => ({ type: 'string', description }) as const;
const textOrNull = (description: string) => ({ type: ['string', 'null'], description }) as const;
const integer = (description: string) => ({ type: 'integer', description }) as const;
const primaryAddress = {
  type: ['integer', 'null'],
  description: 'The id of the profile’s address, or null.',
} as const;

export const legacyPersonalProfile = {
  title: 'LegacyPersonalProfile',
  type: 'object',
  description: 'Wise’s v1 "Personal Profile Object" (https://docs.wise.com/api-reference/profile).',
  required: ['id', 'type', 'details'],
  properties: {
    id: integer('The profile id.'),
    type: { type: 'string', enum: ['personal'], description: '`personal`.' },
    details: {
      type: 'object',
      required: [
        'firstName',
        'lastName',
        'dateOfBirth',
        'phoneNumber',
        'avatar',
        'occupation',
        'primaryAddress',
      ],
      properties: {
        firstName: text('First name.'),
        lastName: text('Last name.'),
        dateOfBirth: { type: 'string', format: 'date', description: 'Date of birth, YYYY-MM-DD.' },
        phoneNumber: textOrNull('Phone number, E.164.'),
        avatar: text('Link to the avatar image; `""` when none.'),
        occupation: text('Deprecated: the first occupation’s code; `""` when none.'),
        primaryAddress,
      },
    },
  },
} as const;

export const legacyBusinessProfile = {
  title: 'LegacyBusinessProfile',
  type: 'object',
  description: 'Wise’s v1 "Business Profile Object" (https://docs.wise.com/api-reference/profile).',
  required: ['id', 'type', 'details'],
  properties: {
    id: integer('The profile id.'),
    type: { type: 'string', enum: ['business'], description: '`business`.' },
    details: {
      type: 'object',
      required: ['name', 'registrationNumber', 'companyType', 'companyRole', 'primaryAddress'],
      properties: {
        name: text('The business name.'),
        registrationNumber: textOrNull('Company registration number.'),
        acn: textOrNull('Australian Company Number.'),
        abn: textOrNull('Australian Business Number.'),
        arbn: textOrNull('Australian Registered Body Number.'),
        companyType: textOrNull('`LIMITED`, `PARTNERSHIP`, `SOLE_TRADER`, … `OTHER`.'),
        companyRole: textOrNull('`OWNER`, `DIRECTOR` or `OTHER`.'),
        descriptionOfBusiness: textOrNull('Description of the business.'),
        webpage: textOrNull('The business’s website.'),
        primaryAddress,
      },
    },
  },
} as const;

export const legacyProfile = {
  title: 'LegacyProfile',
  description:
    'A v1 profile object, personal or business by `type` (https://docs.wise.com/api-reference/profile).',
  oneOf: [legacyPersonalProfile, legacyBusinessProfile],
} as const;

export const address = {
  title: 'Address',
  type: 'object',
  description: 'Wise’s "Address Object" (https://docs.wise.com/api-reference/address).',
  required: ['id', 'profile', 'details'],
  properties: {
    id: integer('The address id.'),
    profile: integer('The profile id.'),
    details: {
      type: 'object',
      required: ['country', 'firstLine', 'postCode', 'city', 'state', 'occupations'],
      properties: {
        country: text('ISO 3166-1 alpha-2, upper case.'),
        firstLine: text('Street, house, apartment.'),
        postCode: textOrNull('Postal code.'),
        city: text('City.'),
        state: textOrNull('State code: US, CA, BR, AU.'),
        occupations: { type: 'array', items: occupation, description: '`[]` when none.' },
      },
    },
  },
} as const;

/** One field of Wise's dynamic forms: a name and the group of its one key (contract §8). */
const requirementField = {
  type: 'object',
  required: ['name', 'group'],
  properties: {
    name: text('The label.'),
    group: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'type', 'refreshRequirementsOnChange', 'required'],
        properties: {
          key: text('The `details` key, e.g. `country`, `occupations[0].code`.'),
          type: text('`text` or `select`.'),
          refreshRequirementsOnChange: {
            type: 'boolean',
            description: 'Ask again (POST) when this field changes.',
          },
          required: { type: 'boolean', description: 'Whether the field must be given.' },
          displayFormat: textOrNull('Display mask.'),
          example: textOrNull('An example value.'),
          minLength: { type: ['integer', 'null'], description: 'Shortest value.' },
          maxLength: { type: ['integer', 'null'], description: 'Longest value.' },
          validationRegexp: textOrNull('A regular expression the value must match.'),
          validationAsync: { type: ['object', 'null'], description: 'A server-side check.' },
          valuesAllowed: {
            type: ['array', 'null'],
            description: 'The choices of a `select`.',
            items: {
              type: 'object',
              required: ['key', 'name'],
              properties: { key: text('The value to send.'), name: text('Its label.') },
            },
          },
        },
      },
    },
  },
} as const;

export const addressRequirement = {
  title: 'AddressRequirement',
  type: 'object',
  description:
    'One requirement group of Wise’s dynamic forms (https://docs.wise.com/api-reference/address "Address ' +
    'requirements", https://docs.wise.com/guides/developer/api-guides/address-requirements).',
  required: ['type', 'fields'],
  properties: {
    type: text('`address`.'),
    fields: { type: 'array', items: requirementField },
  },
} as const;

export const director = {
  title: 'Director',
  type: 'object',
  description: 'A director of a business profile (https://docs.wise.com/api-reference/profile "Directors").',
  required: ['id', 'firstName', 'lastName', 'dateOfBirth', 'countryOfResidenceIso3Code'],
  properties: {
    id: integer('The director id.'),
    firstName: text('First name.'),
    lastName: text('Last name.'),
    dateOfBirth: { type: 'string', format: 'date', description: 'YYYY-MM-DD.' },
    countryOfResidenceIso3Code: text('ISO 3166-1 alpha-3, lower case.'),
  },
} as const;

export const ubo = {
  title: 'Ubo',
  type: 'object',
  description:
    'An ultimate beneficial owner of a business profile (https://docs.wise.com/api-reference/profile "UBOs").',
  required: [
    'id',
    'name',
    'dateOfBirth',
    'countryOfResidenceIso3Code',
    'addressFirstLine',
    'postCode',
    'ownershipPercentage',
  ],
  properties: {
    id: text('The owner id, 32 hex digits.'),
    name: text('Full name.'),
    dateOfBirth: { type: 'string', format: 'date', description: 'YYYY-MM-DD.' },
    countryOfResidenceIso3Code: text('ISO 3166-1 alpha-3, lower case.'),
    addressFirstLine: text('Street, house, apartment.'),
    postCode: textOrNull('Postal code.'),
    ownershipPercentage: {
      type: ['integer', 'null'],
      minimum: 0,
      maximum: 100,
      description: 'A whole percentage, or null where Wise does not require it.',
    },
  },
} as const;
