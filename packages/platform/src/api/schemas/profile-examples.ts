/**
 * Issue 15: Wise's documented bodies of the profile-area routes, as the OpenAPI `examples` of their schemas
 * (the same values the tests take as their oracle). Where a page leaves a placeholder (`{{profile ID}}`)
 * or elides a part (`{…}`), the value filled in is said.
 */

const PROFILE_PAGE = 'https://docs.wise.com/api-reference/profile';
export const PAGES = { profile: PROFILE_PAGE, address: 'https://docs.wise.com/api-reference/address' };

/** PROFILE_PAGE "Create a Personal Profile", Example Request. */
export const personalRequest = {
  firstName: 'Oliver',
  lastName: 'Wilson',
  preferredName: 'Olivia',
  firstNameInKana: null,
  lastNameInKana: null,
  address: {
    addressFirstLine: '50 Sunflower Ave',
    city: 'Phoenix',
    countryIso3Code: 'usa',
    postCode: '10025',
    stateCode: 'AZ',
  },
  nationality: 'usa',
  dateOfBirth: '1977-07-01',
  externalCustomerId: '12345-oliver-wilson',
  contactDetails: { email: 'o.wilson@example.com', phoneNumber: '+3725064992' },
  occupations: [{ code: 'Software Engineer', format: 'FREE_FORM' }],
} as const;

/** PROFILE_PAGE "Update a Personal Profile", Example Request: the create's without `externalCustomerId`. */
export const personalUpdateRequest = (() => {
  const { externalCustomerId: _, ...rest } = personalRequest;
  return rest;
})();

/** PROFILE_PAGE "Create a Personal Profile", Example Response. */
export const createdPersonal = {
  id: 30000001,
  type: 'personal',
  details: {
    firstName: 'Oliver',
    lastName: 'Wilson',
    preferredName: 'Olivia',
    address: personalRequest.address,
    nationality: 'usa',
    dateOfBirth: '1977-07-01',
    externalCustomerId: '12345-oliver-wilson',
    contactDetails: personalRequest.contactDetails,
    occupations: personalRequest.occupations,
    localizedInformation: [],
  },
} as const;

/**
 * PROFILE_PAGE "Personal Profile Object" (v2) in the fields contract §8 lists, with the values of the
 * "Create a Personal Profile" example (the page's object gives no values for all of them).
 */
export const personalProfile = {
  type: 'PERSONAL',
  id: 30000001,
  publicId: 'a1b2c3d4-e5f6-4789-abcd-ef0123456789',
  userId: 9889627,
  address: {
    id: 36152770,
    addressFirstLine: '50 Sunflower Ave',
    city: 'Phoenix',
    countryIso2Code: 'US',
    countryIso3Code: 'usa',
    postCode: '10025',
    stateCode: 'AZ',
  },
  email: 'oliver.wilson@example.com',
  createdAt: '2023-01-15T10:30:00',
  updatedAt: '2023-01-15T10:30:00',
  avatar: null,
  currentState: 'VISIBLE',
  contactDetails: personalRequest.contactDetails,
  firstName: 'Oliver',
  lastName: 'Wilson',
  preferredName: 'Olivia',
  dateOfBirth: '1977-07-01',
  phoneNumber: '+3725064992',
  secondaryAddresses: [],
  fullName: 'Oliver Wilson',
} as const;

const abcAddress = {
  addressFirstLine: '1 A road',
  city: 'London',
  countryIso2Code: 'gb',
  countryIso3Code: 'gbr',
  postCode: '11111',
} as const;

/** https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation "Create a business profile". */
export const businessRequest = {
  businessName: 'ABC Logistics Ltd',
  businessNameInKatakana: null,
  businessFreeFormDescription: 'Biz free form desc',
  registrationNumber: '12144939',
  acn: null,
  abn: null,
  arbn: null,
  companyType: 'LIMITED',
  companyRole: 'OWNER',
  address: abcAddress,
  externalCustomerId: '67890-biz-acct',
  actorEmail: 'biz-acct@abcl.com',
  firstLevelCategory: 'CONSULTING_IT_BUSINESS_SERVICES',
  secondLevelCategory: 'DESIGN',
  operationalAddresses: [abcAddress],
  webpage: 'https://abc-logistics.com',
} as const;

const { externalCustomerId: _id, ...personFields } = personalRequest;
const {
  firstNameInKana: _k1,
  lastNameInKana: _k2,
  nationality: _n,
  occupations: _o,
  ...representative
} = personFields;
/** PROFILE_PAGE v3 (beta) "Example Request with Business Representative details". */
export const businessV3Request = { ...businessRequest, businessRepresentative: representative } as const;
/** PROFILE_PAGE v3 (beta) "Example Request with Business Representative ID". */
export const businessV3ByIdRequest = {
  ...businessRequest,
  businessRepresentative: { businessRepresentativeId: 123 },
} as const;

/** PROFILE_PAGE "Update a Business Profile", Example Request (`PUT /v2/profiles/123/business-profile`). */
export const businessUpdateRequest = (() => {
  const { companyRole: _r, externalCustomerId: _e, actorEmail: _a, ...rest } = businessRequest;
  return { id: '123', ...rest };
})();

/** PROFILE_PAGE "Business Profile Object" (v2). */
export const businessProfile = {
  type: 'BUSINESS',
  id: 14599371,
  publicId: 'f0e9d8c7-b6a5-4321-fedc-ba9876543210',
  userId: 9889627,
  address: {
    id: 36152772,
    addressFirstLine: '15 Tech Hub Studios',
    city: 'Manchester',
    countryIso2Code: 'GB',
    countryIso3Code: 'gbr',
    postCode: 'M1 7JA',
    stateCode: null,
  },
  email: 'info@innovate-solutions.co.uk',
  createdAt: '2024-03-10T09:00:00',
  updatedAt: '2025-06-18T14:22:00',
  contactDetails: { email: 'contact@innovate-solutions.co.uk', phoneNumber: '+441617891234' },
  businessName: 'Innovate Solutions Ltd',
  registrationNumber: 'SC1234567890ABCD',
  descriptionOfBusiness: 'SOFTWARE_DEVELOPMENT',
  webpage: 'https://www.innovate-solutions.co.uk',
  companyType: 'LIMITED_COMPANY',
  businessFreeFormDescription: 'We create cutting-edge software for businesses.',
  firstLevelCategory: 'TECHNOLOGY',
  secondLevelCategory: 'SOFTWARE_SERVICES',
  operationalAddresses: [
    {
      id: 36152773,
      addressFirstLine: 'Unit 5, Innovation Park',
      city: 'Leeds',
      countryIso2Code: 'GB',
      countryIso3Code: 'gbr',
      postCode: 'LS1 4YZ',
      stateCode: null,
    },
  ],
  fullName: 'Innovate Solutions Ltd',
} as const;

/** PROFILE_PAGE "Update the Business Representative", "Example Request - Update Details". */
export const representativeUpdateRequest = {
  updateContext: 'UPDATE_DETAILS',
  contactDetails: { email: 'o.wilson@example.com', phoneNumber: '+3725064992' },
} as const;
/** PROFILE_PAGE "Example Request - Transfer of Authorisation". */
export const representativeTransferRequest = {
  updateContext: 'TRANSFER_OF_AUTHORISATION',
  ...representative,
} as const;
/** The representative object (ours, contract §8: Wise documents no response) for the requests above. */
export const representativeObject = { businessRepresentativeId: 30000001, ...representative } as const;

/** PROFILE_PAGE v1 "Personal Profile Object" and "Business Profile Object". */
export const legacyPersonal = {
  id: 30000001,
  type: 'personal',
  details: {
    firstName: 'Oliver',
    lastName: 'Wilson',
    dateOfBirth: '1977-07-01',
    phoneNumber: '+3725064992',
    avatar: '',
    occupation: '',
    occupations: null,
    primaryAddress: null,
    firstNameInKana: null,
    lastNameInKana: null,
  },
} as const;
export const legacyBusiness = {
  id: 30000002,
  type: 'business',
  details: {
    name: 'ABC Logistics Ltd',
    registrationNumber: '12144939',
    acn: null,
    abn: null,
    arbn: null,
    companyType: 'LIMITED',
    companyRole: 'OWNER',
    descriptionOfBusiness: 'Information and communication',
    webpage: 'https://abc-logistics.com',
    primaryAddress: 4000001,
    businessCategory: 'CONSULTING_IT_BUSINESS_SERVICES',
    businessSubCategory: 'DESIGN',
  },
} as const;
/** The v1 create of a personal profile: the four fields of the object above. */
export const legacyCreateRequest = {
  type: 'personal',
  details: { firstName: 'Oliver', lastName: 'Wilson', dateOfBirth: '1977-07-01', phoneNumber: '+3725064992' },
} as const;

/** PAGES.address "Create or update an address", Example Request (the page's `{{profile ID}}` is 30000001). */
export const addressRequest = {
  profile: 30000001,
  details: {
    country: 'US',
    state: 'AZ',
    city: 'Phoenix',
    postCode: '10025',
    firstLine: '50 Sunflower Ave',
    occupations: [{ code: 'Software Engineer', format: 'FREE_FORM' }],
  },
} as const;
/** PAGES.address "Address Object". */
export const addressObject = { id: 10000001, ...addressRequest } as const;

/**
 * https://docs.wise.com/guides/developer/api-guides/address-requirements: the POST body of step 3, and
 * the answer `[{"type": "address", "fields": [{…}]}]` with the page's elided field filled in as ours (§8).
 */
export const addressRequirementsRequest = { details: { country: 'US' } } as const;
export const addressRequirements = [
  {
    type: 'address',
    fields: [
      {
        name: 'City',
        group: [
          {
            key: 'city',
            type: 'text',
            refreshRequirementsOnChange: false,
            required: true,
            displayFormat: null,
            example: 'London',
            minLength: null,
            maxLength: 100,
            validationRegexp: null,
            validationAsync: null,
            valuesAllowed: null,
          },
        ],
      },
    ],
  },
] as const;

/** PROFILE_PAGE "Directors": the request, the list answer. */
export const directorsRequest = [
  { firstName: 'John', lastName: 'Doe', dateOfBirth: '1982-05-20', countryOfResidenceIso3Code: 'usa' },
  { firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1981-12-07', countryOfResidenceIso3Code: 'usa' },
] as const;
export const directors = [
  { id: 10, ...directorsRequest[0] },
  { id: 11, ...directorsRequest[1] },
] as const;

/** PROFILE_PAGE "UBOs": the create request and its answer. */
export const ubosRequest = [
  {
    name: 'John Doe',
    dateOfBirth: '1982-05-20',
    countryOfResidenceIso3Code: 'usa',
    addressFirstLine: '123 Fake St',
    postCode: 'FK 12345',
    ownershipPercentage: 30,
  },
] as const;
export const ubos = [{ id: '013ab1c2688d0185b582ee7e0bcb28b2', ...ubosRequest[0] }] as const;
