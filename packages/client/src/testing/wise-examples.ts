// Wise's documented request and response examples, copied field for field from its pages: the oracle of
// the client's unit tests (a body is right when it equals Wise's example, not when the client accepts it).

/** https://docs.wise.com/api-reference/profile (and guides/product/kyc/partner-kyc/profile-creation) */
export const PROFILE_PAGE = 'https://docs.wise.com/api-reference/profile';

/** "Create a Personal Profile" example request body. */
export const createPersonalRequest = {
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
};

/** "Create a Personal Profile" example response. */
export const createPersonalResponse = {
  id: 30000001,
  type: 'personal' as const,
  details: {
    firstName: 'Oliver',
    lastName: 'Wilson',
    preferredName: 'Olivia',
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
    localizedInformation: [],
  },
};

/** "Update a Personal Profile" example request body (the create body without externalCustomerId). */
export const updatePersonalRequest = (() => {
  const { externalCustomerId: _, ...rest } = createPersonalRequest;
  return rest;
})();

const abcAddress = {
  addressFirstLine: '1 A road',
  city: 'London',
  countryIso2Code: 'gb',
  countryIso3Code: 'gbr',
  postCode: '11111',
};

/** "Create a business profile" (partner-kyc/profile-creation) example request body. */
export const createBusinessRequest = {
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
};

/** The reference page's v3 (beta) "Example Request with Business Representative details". */
export const createBusinessV3Request = {
  ...createBusinessRequest,
  businessRepresentative: {
    firstName: 'Oliver',
    lastName: 'Wilson',
    preferredName: 'Olivia',
    address: {
      addressFirstLine: '50 Sunflower Ave',
      city: 'Phoenix',
      countryIso3Code: 'usa',
      postCode: '10025',
      stateCode: 'AZ',
    },
    dateOfBirth: '1977-07-01',
    contactDetails: { email: 'o.wilson@example.com', phoneNumber: '+3725064992' },
  },
};

/** The reference page's v3 (beta) "Example Request with Business Representative ID". */
export const createBusinessV3ByIdRequest = {
  ...createBusinessRequest,
  businessRepresentative: { businessRepresentativeId: 123 },
};

/** "Update a Business Profile" example request body (`PUT /v2/profiles/123/business-profile`). */
export const updateBusinessRequest = {
  id: '123',
  businessName: 'ABC Logistics Ltd',
  businessNameInKatakana: null,
  businessFreeFormDescription: 'Biz free form desc',
  registrationNumber: '12144939',
  acn: null,
  abn: null,
  arbn: null,
  companyType: 'LIMITED',
  address: abcAddress,
  firstLevelCategory: 'CONSULTING_IT_BUSINESS_SERVICES',
  secondLevelCategory: 'DESIGN',
  operationalAddresses: [abcAddress],
  webpage: 'https://abc-logistics.com',
};

/** The v2 "Business Profile Object". */
export const businessProfileObject = {
  type: 'BUSINESS' as const,
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
};

/** Directors: the create/update example request body, the list response and the update response. */
export const directorsRequest = [
  { firstName: 'John', lastName: 'Doe', dateOfBirth: '1982-05-20', countryOfResidenceIso3Code: 'usa' },
  { firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1981-12-07', countryOfResidenceIso3Code: 'usa' },
];
export const directorsResponse = [
  { id: 10, ...directorsRequest[0] },
  { id: 11, ...directorsRequest[1] },
];
export const directorsUpdateResponse = [
  { id: 14, ...directorsRequest[0] },
  { id: 15, ...directorsRequest[1] },
];

/** UBOs: the create example request and response, the update example request and response. */
export const ubosCreateRequest = [
  {
    name: 'John Doe',
    dateOfBirth: '1982-05-20',
    countryOfResidenceIso3Code: 'usa',
    addressFirstLine: '123 Fake St',
    postCode: 'FK 12345',
    ownershipPercentage: 30,
  },
];
export const ubosCreateResponse = [{ id: '013ab1c2688d0185b582ee7e0bcb28b2', ...ubosCreateRequest[0] }];
export const ubosUpdateRequest = [
  ...ubosCreateRequest,
  {
    name: 'Jane Doe',
    dateOfBirth: '1981-12-07',
    countryOfResidenceIso3Code: 'usa',
    addressFirstLine: '125 Fake St',
    postCode: 'FK 12545',
    ownershipPercentage: 70,
  },
];
export const ubosUpdateResponse = [
  { id: 'ff01cf3f206b40c090a14a1e51163e9e', ...ubosCreateRequest[0], postCode: 'FK 12545' },
  { id: 'c36b687d28ad44ad8c3864411f5f2612', ...ubosUpdateRequest[1] },
];

/** "Check profile verification status" example response. */
export const verificationStatusResponse = {
  routes: [
    { source_currency: 'GBP', maximum_entitled_amount: 100000, current_status: 'verified' },
    { source_currency: 'USD', maximum_entitled_amount: 0, current_status: 'not_verified' },
    { source_currency: 'EUR', maximum_entitled_amount: 10000, current_status: 'not_verified' },
  ],
  request_id: 'e66da5f6-2456-403c-bfcb-908885ee1a61',
};

/** https://docs.wise.com/api-reference/address */
export const ADDRESS_PAGE = 'https://docs.wise.com/api-reference/address';

/** "Create or update an address" example request (profile id filled in: the page leaves a placeholder). */
export const addressRequest = (profile: number) => ({
  profile,
  details: {
    country: 'US',
    state: 'AZ',
    city: 'Phoenix',
    postCode: '10025',
    firstLine: '50 Sunflower Ave',
    occupations: [{ code: 'Software Engineer', format: 'FREE_FORM' }],
  },
});

/** The "Address Object" example. */
export const addressObject = (profile: number) => ({ id: 10000001, ...addressRequest(profile) });

/** https://docs.wise.com/api-reference/user */
export const USER_PAGE = 'https://docs.wise.com/api-reference/user';

/** The "User Object" example. */
export const userObject = {
  id: 101,
  name: 'Example Person',
  email: 'person@example.com',
  active: true,
  details: {
    firstName: 'Example',
    lastName: 'Person',
    phoneNumber: '+37111111111',
    occupation: '',
    address: { city: 'Tallinn', countryCode: 'EE', postCode: '11111', state: '', firstLine: 'Road 123' },
    dateOfBirth: '1977-01-01',
    avatar: 'https://lh6.googleusercontent.com/photo.jpg',
    primaryAddress: 111,
  },
};

/** The create-user 409 example of the user reference page (the unmasked, three-argument form). */
export const userConflictReference = {
  errors: [
    {
      code: 'NOT_UNIQUE',
      message: 'You’re already a member. Please login',
      path: 'email',
      arguments: ['email', 'class com.transferwise.fx.api.ApiRegisterCommand', 'existing.user@domain.com'],
    },
  ],
};

/** https://docs.wise.com/guides/developer/errors: the create-user 409 (masked, two arguments). */
export const userConflictMasked = {
  errors: [
    {
      code: 'NOT_UNIQUE',
      message: "You're already a member. Please login",
      path: 'email',
      arguments: ['email', 'ma********************@wise.com'],
    },
  ],
};
