/**
 * Issue 15: the request bodies of the profile-area routes, described with Wise's fields
 * (https://docs.wise.com/api-reference/profile, https://docs.wise.com/api-reference/address).
 *
 * The profile module validates these bodies (profiles/fields.ts and friends: 422 `MISSING`, `UNEXPECTED`,
 * `ERROR` per field, cross-field rules) and its answers must not change. The handlers give their own error
 * first; the schema only matters for a body the module accepts, which the `onSend` net of
 * http/schema-errors.ts would turn into a 400. So each keyword here refuses no more than the module does:
 * - a field the module reads as text is `["string", "null"]` (it takes null as absent, refuses other types);
 * - `required` only where the module refuses the field's absence (with its own 422);
 * - `maxItems`, `minimum`, `maximum` only where the module has the same bound;
 * - a field the module ignores (`firstNameInKana`, `countryIso2Code`, …) has a description and no type.
 */

const text = (description: string) => ({ type: ['string', 'null'], description }) as const;
/** Described only: the module does not read it, so no type can be refused. */
const note = (description: string) => ({ description }) as const;

const occupations = {
  type: ['array', 'null'],
  maxItems: 10,
  description: 'Wise’s occupations; required for CA, IN, JP, ID, IL, MX and US-NM (contract §8).',
  items: {
    type: 'object',
    required: ['code'],
    properties: {
      code: text('The occupation, any text (at most 100 characters).'),
      format: text('`FREE_FORM` (the default).'),
    },
  },
} as const;

/** A person's address (`whole`: every required field given, as on a create or a replacing update). */
const personAddress = (whole: boolean) =>
  ({
    type: ['object', 'null'],
    description: 'The address; `stateCode` required for US, CA, BR, AU and refused elsewhere.',
    ...(whole ? { required: ['addressFirstLine', 'city', 'countryIso3Code'] } : {}),
    properties: {
      addressFirstLine: text('Street, house, apartment (at most 100 characters).'),
      city: text('City (at most 100 characters).'),
      countryIso3Code: text('ISO 3166-1 alpha-3, any case.'),
      postCode: text('Postal code (at most 30 characters).'),
      stateCode: text('State code, e.g. `AZ`.'),
    },
  }) as const;

const contactDetails = (whole: boolean) =>
  ({
    type: ['object', 'null'],
    description: 'The profile’s contact email and phone number.',
    ...(whole ? { required: ['email', 'phoneNumber'] } : {}),
    properties: {
      email: text('Contact email.'),
      phoneNumber: text('Phone number, E.164 (`+3725064992`).'),
    },
  }) as const;

/** The personal-profile fields (contract §8 "Personal profile fields"). */
const personFields = (whole: boolean) =>
  ({
    firstName: text('At most 30 characters, none of `%#^@{}"!~<>\\` and backtick.'),
    lastName: text('At most 30 characters, the same characters refused.'),
    preferredName: text('Preferred name, the same rules.'),
    firstNameInKana: note('First name in Katakana (transfers from JPY); not kept.'),
    lastNameInKana: note('Last name in Katakana (transfers from JPY); not kept.'),
    address: personAddress(whole),
    nationality: text('ISO 3166-1 alpha-3.'),
    dateOfBirth: text('YYYY-MM-DD, a real past date.'),
    externalCustomerId: text('The partner’s own id of the customer.'),
    contactDetails: contactDetails(whole),
    occupations,
  }) as const;

const PERSON_REQUIRED = ['firstName', 'lastName', 'address', 'dateOfBirth', 'contactDetails'];

export const createPersonalBody = {
  type: 'object',
  description: 'Wise’s "Create a Personal Profile" fields (https://docs.wise.com/api-reference/profile).',
  required: PERSON_REQUIRED,
  properties: personFields(true),
} as const;

export const updatePersonalBody = {
  type: 'object',
  description:
    'Wise’s "Update a Personal Profile" fields (https://docs.wise.com/api-reference/profile): a field left ' +
    'out keeps its value.',
  properties: personFields(true),
} as const;

const businessAddress = {
  type: ['object', 'null'],
  description: 'A business address.',
  required: ['addressFirstLine', 'city', 'countryIso3Code'],
  properties: {
    addressFirstLine: text('Street, house, apartment (at most 100 characters).'),
    city: text('City (at most 100 characters).'),
    countryIso2Code: note('ISO 3166-1 alpha-2 (Wise’s example sends it; the alpha-3 code is the one kept).'),
    countryIso3Code: text('ISO 3166-1 alpha-3, any case.'),
    postCode: text('Postal code (at most 30 characters).'),
    stateCode: text('State code.'),
  },
} as const;

const businessFields = {
  businessName: text('The business name (at most 100 characters).'),
  businessNameInKatakana: text('The business name in Katakana.'),
  businessFreeFormDescription: text('Required when `companyType` is `OTHER`.'),
  registrationNumber: text('Company registration number (at most 30 characters).'),
  acn: text('Australian Company Number.'),
  abn: text('Australian Business Number.'),
  arbn: text('Australian Registered Body Number.'),
  companyType: text('`LIMITED`, `PARTNERSHIP`, `SOLE_TRADER`, … `OTHER` (Wise’s list).'),
  companyRole: text('`OWNER`, `DIRECTOR` or `OTHER`.'),
  descriptionOfBusiness: text('Description of the business.'),
  address: businessAddress,
  externalCustomerId: note('The partner’s own id of the business.'),
  actorEmail: text('The email of the person acting for the business: the profile’s contact email.'),
  firstLevelCategory: text('Business category, e.g. `CONSULTING_IT_BUSINESS_SERVICES`.'),
  secondLevelCategory: text('Sub-category of `firstLevelCategory`, e.g. `DESIGN`.'),
  operationalAddresses: {
    type: ['array', 'null'],
    maxItems: 20,
    items: businessAddress,
    description: 'Where the business operates.',
  },
  webpage: text('Required when `companyType` is `OTHER`.'),
} as const;

const representativeChoice = {
  type: ['object', 'null'],
  description:
    'The authorised representative (v3): the person’s details (the personal-profile fields), or ' +
    '`{businessRepresentativeId}` naming the user’s personal profile. Without it the personal profile must exist.',
  anyOf: [
    {
      type: 'object',
      required: ['businessRepresentativeId'],
      properties: {
        businessRepresentativeId: {
          anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'null' }],
          description: 'The personal profile id.',
        },
      },
    },
    { type: 'object', required: PERSON_REQUIRED, properties: personFields(true) },
    { type: 'null' },
  ],
} as const;

export const createBusinessBody = {
  type: 'object',
  description:
    'Wise’s "Create a Business Profile" fields (https://docs.wise.com/api-reference/profile, ' +
    'https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation).',
  required: ['businessName', 'registrationNumber', 'address'],
  properties: { ...businessFields, businessRepresentative: representativeChoice },
} as const;

export const updateBusinessBody = {
  type: 'object',
  description:
    'Wise’s "Update a Business Profile" fields (https://docs.wise.com/api-reference/profile): `id`, equal to ' +
    'the URL’s; a field left out keeps its value.',
  required: ['id'],
  properties: {
    id: {
      anyOf: [{ type: 'string' }, { type: 'number' }],
      description: 'The business profile id of the URL.',
    },
    ...businessFields,
  },
} as const;

/** The representative's change (`required`: PUT's `updateContext`). */
export const representativeBody = (method: 'PUT' | 'POST') =>
  ({
    type: 'object',
    description:
      'The person acting for the business (https://docs.wise.com/api-reference/profile "Update the Business ' +
      'Representative", "Submit a new Business Representative"): the personal-profile fields.',
    ...(method === 'PUT' ? { required: ['updateContext'] } : {}),
    properties: {
      updateContext: text(
        method === 'PUT'
          ? '`UPDATE_DETAILS` (change fields) or `TRANSFER_OF_AUTHORISATION` (a new person).'
          : '`TRANSFER_OF_AUTHORISATION`, or left out.',
      ),
      ...personFields(false),
      actorEmail: note('The email of the person making the change; not kept.'),
    },
  }) as const;

export const legacyCreateBody = {
  type: 'object',
  description:
    'Wise’s v1 "Create profile" body (contract §8 "Legacy v1"): `type` and `details`. Personal details: ' +
    '`firstName`, `lastName`, `dateOfBirth`, `phoneNumber`; business: `name`, `registrationNumber`, …',
  properties: {
    type: note('`personal` or `business`.'),
    details: {
      type: ['object', 'null'],
      description:
        'The profile’s fields; the v2 names (`address`, `contactDetails`, …) are taken too. Described ' +
        'only: each type reads its own fields and ignores the other’s.',
      properties: {
        firstName: note('Personal: first name.'),
        lastName: note('Personal: last name.'),
        dateOfBirth: note('Personal: YYYY-MM-DD.'),
        phoneNumber: note('Personal: phone number, E.164.'),
        name: note('Business: the business name.'),
        registrationNumber: note('Business: registration number.'),
        acn: note('Business: ACN.'),
        abn: note('Business: ABN.'),
        arbn: note('Business: ARBN.'),
        companyType: note('Business: company type.'),
        companyRole: note('Business: `OWNER`, `DIRECTOR` or `OTHER`.'),
        descriptionOfBusiness: note('Business: description.'),
        webpage: note('Business: website.'),
      },
    },
  },
} as const;

export const addressBody = {
  type: 'object',
  description: 'Wise’s "Create or update an address" body (https://docs.wise.com/api-reference/address).',
  required: ['profile', 'details'],
  properties: {
    profile: { anyOf: [{ type: 'integer' }, { type: 'string' }], description: 'The profile id.' },
    details: {
      type: ['object', 'null'],
      required: ['country', 'firstLine', 'city'],
      properties: {
        country: text('ISO 3166-1 alpha-2 (`US`); alpha-3 is taken too.'),
        firstLine: text('Street, house, apartment.'),
        postCode: text('Postal code (at most 30 characters).'),
        city: text('City.'),
        state: text('State code: required for US, CA, BR, AU, refused elsewhere.'),
        occupations,
      },
    },
  },
} as const;

export const addressRequirementsBody = {
  type: 'object',
  description: 'The address so far (https://docs.wise.com/api-reference/address "Address requirements").',
  properties: {
    details: {
      description: 'What the form holds; anything unreadable is ignored (so any JSON value is taken).',
      anyOf: [
        {
          type: 'object',
          properties: { country: note('ISO 3166-1 alpha-2.'), state: note('State code.') },
        },
        {},
      ],
    },
  },
} as const;

const people = <T extends object>(item: T, what: string) =>
  ({ type: 'array', maxItems: 100, description: `At most 100 ${what}.`, items: item }) as const;

export const directorsBody = people(
  {
    type: 'object',
    required: ['firstName', 'lastName', 'dateOfBirth', 'countryOfResidenceIso3Code'],
    properties: {
      firstName: text('First name.'),
      lastName: text('Last name.'),
      dateOfBirth: text('YYYY-MM-DD, in the past.'),
      countryOfResidenceIso3Code: text('ISO 3166-1 alpha-3.'),
    },
  },
  'directors',
);

export const ubosBody = people(
  {
    type: 'object',
    // Required by the module: `name`, `dateOfBirth`, `countryOfResidenceIso3Code`, `addressFirstLine`. Not
    // a `required` here: a blank owner is part of Wise's contract, a 400 `BAD_REQUEST` per missing field
    // (https://docs.wise.com/guides/developer/errors "Create UBOs"), which callers send on purpose.
    description:
      'An owner: `name`, `dateOfBirth`, `countryOfResidenceIso3Code` and `addressFirstLine` required ' +
      '(else 400 `BAD_REQUEST` per field), `postCode` and `ownershipPercentage` optional.',
    properties: {
      name: text('Full name.'),
      dateOfBirth: text('YYYY-MM-DD, in the past.'),
      countryOfResidenceIso3Code: text('ISO 3166-1 alpha-3.'),
      addressFirstLine: text('Street, house, apartment.'),
      postCode: text('Postal code (optional).'),
      ownershipPercentage: {
        type: ['integer', 'null'],
        minimum: 0,
        maximum: 100,
        description: 'A whole percentage 0–100, or null where Wise does not require it.',
      },
    },
  },
  'owners',
);
