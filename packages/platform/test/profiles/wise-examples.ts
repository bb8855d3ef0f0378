/**
 * Wise's documented request bodies, copied from https://docs.wise.com/api-reference/profile (and the guide
 * https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation): the oracle of the v2 tests.
 */

/** "Create a Personal Profile", Example Request. */
export const WISE_PERSONAL_REQUEST = {
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

/** "Create a Personal Profile", Example Response, with the id of the profile created. */
export const wisePersonalResponse = (id: number) => ({
  id,
  type: 'personal',
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
});

/** "Create a Business Profile" (v3, beta; v2 in the guide), Example Request without a representative. */
export const WISE_BUSINESS_REQUEST = {
  businessName: 'ABC Logistics Ltd',
  businessNameInKatakana: null,
  businessFreeFormDescription: 'Biz free form desc',
  registrationNumber: '12144939',
  acn: null,
  abn: null,
  arbn: null,
  companyType: 'LIMITED',
  companyRole: 'OWNER',
  address: {
    addressFirstLine: '1 A road',
    city: 'London',
    countryIso2Code: 'gb',
    countryIso3Code: 'gbr',
    postCode: '11111',
  },
  externalCustomerId: '67890-biz-acct',
  actorEmail: 'biz-acct@abcl.com',
  firstLevelCategory: 'CONSULTING_IT_BUSINESS_SERVICES',
  secondLevelCategory: 'DESIGN',
  operationalAddresses: [
    {
      addressFirstLine: '1 A road',
      city: 'London',
      countryIso2Code: 'gb',
      countryIso3Code: 'gbr',
      postCode: '11111',
    },
  ],
  webpage: 'https://abc-logistics.com',
};

/** The "businessRepresentative" of the v3 Example Request with Business Representative details. */
export const WISE_REPRESENTATIVE = {
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
};

/** Wise's v2 times: `2023-01-15T10:30:00`. */
export const WISE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
