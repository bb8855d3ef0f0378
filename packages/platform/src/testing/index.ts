export { ARTIFACTS, launchChromium, partnerCallback, SCREENSHOTS_WANTED, saveScreenshot } from './browser.js';
export { FakeClock } from './clock.js';
export { testDatabase } from './database.js';
export { cpf } from './documents.js';
export {
  actionOf,
  authorizeUrl,
  csrfOf,
  flowPageOf,
  type LinkOptions,
  linkAccount,
  newTotpSecret,
  PageClient,
  type PageResponse,
  PERSONAL,
  pkcePair,
  seedPerson,
  totpCode,
} from './flow.js';
export { basic, bearer, get, postForm, postJson, type Response } from './http.js';
export { type StandInPerson, type StandInProvider, startStandInProvider } from './oidc-provider.js';
export {
  type CheckedCall,
  conformingFetch,
  type OpenApiChecker,
  type OpenApiDocument,
  openApiChecker,
} from './openapi.js';
export { startTestPlatform, TEST_SERVER_SECRET, type TestPlatform, testPlatformConfig } from './platform.js';
export type { SchemaType } from './profile-schemas.js';
export * as profileSchemas from './profile-schemas.js';
