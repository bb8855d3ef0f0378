/**
 * Issue 15: the objects the profile-area routes answer, in Wise's shapes (contract §8), each named once
 * (`title`) and shared by every route that answers it. Each lists the fields the platform always sends as
 * `required`, `null` where it sends null, and leaves `additionalProperties` open: Wise adds fields.
 * Pages: https://docs.wise.com/api-reference/profile, https://docs.wise.com/api-reference/address.
 */

const text = (description: string) => ({ type: 'string', description }) as const;
const textOrNull = (description: string) => ({ type: ['string', 'null'], description }) as const;
const integer = (description: string) => ({ type: 'integer', description }) as const;
const date = (description: string) => ({ type: 'string', format: 'date', description }) as const;
/** `schema` or null. */
export const orNull = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const;

/** Wise's v2 times: UTC to the second, no zone (`"createdAt": "2023-01-15T10:30:00"`, contract §8). */
const wiseTime = (description: string) =>
  ({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$', description }) as const;

/** Wise's occupation `{code, format}` (https://docs.wise.com/api-reference/profile, `occupations[n]`). */
export const occupation = {
  title: 'Occupation',
  type: 'object',
  description:
    'An occupation: any text as `code`, `format` always `FREE_FORM` (https://docs.wise.com/api-reference/profile).',
  required: ['code', 'format'],
  properties: { code: text('The occupation, any value.'), format: text('Always `FREE_FORM`.') },
} as const;

/** The address of a v2 profile object (contract §8; `id` only on the profile's own address). */
export const profileAddress = {
  title: 'ProfileAddress',
  type: 'object',
  description:
    'A v2 profile address (https://docs.wise.com/api-reference/profile, `address`, `operationalAddresses[n]`).',
  required: ['addressFirstLine', 'city', 'countryIso3Code'],
  properties: {
    id: integer('The address id, as `GET /v1/addresses/{id}` takes it (the profile’s own address).'),
    addressFirstLine: text('Street, house, apartment.'),
    city: text('City.'),
    countryIso2Code: textOrNull('ISO 3166-1 alpha-2, upper case.'),
    countryIso3Code: text('ISO 3166-1 alpha-3, lower case.'),
    postCode: textOrNull('Postal code.'),
    stateCode: textOrNull('State code (US, CA, BR, AU).'),
  },
} as const;

/** The address as the create-personal answer and the representative give it: as sent, no `countryIso2Code`. */
export const personAddress = {
  title: 'PersonAddress',
  type: 'object',
  description:
    'A person’s address as sent (https://docs.wise.com/api-reference/profile, "Create a Personal Profile").',
  required: ['addressFirstLine', 'city', 'countryIso3Code', 'postCode', 'stateCode'],
  properties: {
    addressFirstLine: text('Street, house, apartment.'),
    city: text('City.'),
    countryIso3Code: text('ISO 3166-1 alpha-3, lower case.'),
    postCode: textOrNull('Postal code.'),
    stateCode: textOrNull('State code, required for US, CA, BR, AU.'),
  },
} as const;

const contactDetails = {
  title: 'ContactDetails',
  type: 'object',
  description: 'The profile’s contact email and phone number (E.164).',
  required: ['email', 'phoneNumber'],
  properties: { email: textOrNull('Contact email.'), phoneNumber: textOrNull('Phone number, E.164.') },
} as const;

const common = {
  id: integer('The profile id.'),
  publicId: text('The profile’s public id (a UUID).'),
  userId: integer('The id of the user the profile belongs to.'),
  address: orNull(profileAddress),
  email: text('The user’s own email (the account’s), apart from `contactDetails.email`.'),
  createdAt: wiseTime('When the profile was created (UTC).'),
  updatedAt: wiseTime('When the profile last changed (UTC).'),
  currentState: text('`HIDDEN`, `VISIBLE` or `DEACTIVATED`.'),
  contactDetails,
  fullName: text('The person’s names, or the business name.'),
} as const;
const commonRequired = ['type', 'id', 'publicId', 'userId', 'address', 'email', 'createdAt', 'updatedAt'];

export const personalProfile = {
  title: 'PersonalProfile',
  type: 'object',
  description:
    'Wise’s "Personal Profile Object" (v2, https://docs.wise.com/api-reference/profile; contract §8 "v2 profile object").',
  required: [...commonRequired, 'contactDetails', 'firstName', 'lastName', 'dateOfBirth', 'fullName'],
  properties: {
    type: { type: 'string', enum: ['PERSONAL'], description: '`PERSONAL`.' },
    ...common,
    avatar: textOrNull('Link to the avatar image; null (the platform keeps no avatars).'),
    firstName: text('First name.'),
    lastName: text('Last name.'),
    preferredName: textOrNull('Preferred name.'),
    dateOfBirth: date('Date of birth, YYYY-MM-DD.'),
    phoneNumber: textOrNull('Phone number, E.164.'),
    secondaryAddresses: { type: 'array', items: profileAddress, description: 'Other addresses.' },
  },
} as const;

export const businessProfile = {
  title: 'BusinessProfile',
  type: 'object',
  description:
    'Wise’s "Business Profile Object" (v2, https://docs.wise.com/api-reference/profile; contract §8 "v2 profile object").',
  required: [
    ...commonRequired,
    'contactDetails',
    'businessName',
    'registrationNumber',
    'descriptionOfBusiness',
    'webpage',
    'companyType',
    'businessFreeFormDescription',
    'firstLevelCategory',
    'secondLevelCategory',
    'operationalAddresses',
    'fullName',
  ],
  properties: {
    type: { type: 'string', enum: ['BUSINESS'], description: '`BUSINESS`.' },
    ...common,
    businessName: text('The business name.'),
    registrationNumber: textOrNull('Company registration number.'),
    descriptionOfBusiness: textOrNull('Description of the business.'),
    webpage: textOrNull('The business’s website.'),
    companyType: textOrNull('`LIMITED`, `PARTNERSHIP`, `SOLE_TRADER`, … `OTHER`.'),
    businessFreeFormDescription: textOrNull('Free-form description (required for `OTHER`).'),
    firstLevelCategory: textOrNull('Business category, e.g. `CONSULTING_IT_BUSINESS_SERVICES`.'),
    secondLevelCategory: textOrNull('Business sub-category, e.g. `DESIGN`.'),
    operationalAddresses: {
      type: 'array',
      items: profileAddress,
      description: 'Where the business operates.',
    },
  },
} as const;

/** A v2 profile: personal or business, told apart by `type`. */
export const profile = {
  title: 'Profile',
  description:
    'A v2 profile object, personal or business by `type` (https://docs.wise.com/api-reference/profile).',
  oneOf: [personalProfile, businessProfile],
} as const;

/** The answer of `POST /v2/profiles/personal-profile` and its update: Wise's "Example Response". */
export const createdPersonalProfile = {
  title: 'CreatedPersonalProfile',
  type: 'object',
  description:
    'The answer of "Create a Personal Profile" (https://docs.wise.com/api-reference/profile, Example Response): ' +
    'the submitted fields under `details`; optional fields not given are null.',
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
        'contactDetails',
        'occupations',
        'localizedInformation',
      ],
      properties: {
        firstName: text('First name.'),
        lastName: text('Last name.'),
        preferredName: textOrNull('Preferred name.'),
        address: orNull(personAddress),
        nationality: textOrNull('ISO 3166-1 alpha-3, lower case.'),
        dateOfBirth: date('Date of birth, YYYY-MM-DD.'),
        externalCustomerId: textOrNull('The partner’s own id of the customer.'),
        contactDetails,
        occupations: { type: 'array', items: occupation, description: '`[]` when none were given.' },
        localizedInformation: { type: 'array', description: 'Localised details; `[]`.' },
      },
    },
  },
} as const;

/** The business representative (ours: Wise documents no response, contract §8). */
export const businessRepresentative = {
  title: 'BusinessRepresentative',
  type: 'object',
  description:
    'The business representative (https://docs.wise.com/api-reference/profile "Business Representative"; the ' +
    'response shape is ours, contract §8): the person acting for the business, its personal profile.',
  required: [
    'businessRepresentativeId',
    'firstName',
    'lastName',
    'preferredName',
    'address',
    'dateOfBirth',
    'contactDetails',
  ],
  properties: {
    businessRepresentativeId: integer('The personal profile id, as the v3 create takes it.'),
    firstName: text('First name.'),
    lastName: text('Last name.'),
    preferredName: textOrNull('Preferred name.'),
    address: orNull(personAddress),
    dateOfBirth: date('Date of birth, YYYY-MM-DD.'),
    contactDetails,
  },
} as const;
