/**
 * `@account-access/client`: a typed client for Wise's partner account-access API (users with a
 * registration code, linking through the authorization-code flow or an emailed code, tokens, profiles and
 * their addresses, directors and owners, verification documents and status, sandbox simulation), for real
 * Wise and for the account-access platform.
 *
 * @packageDocumentation
 */

export type { Address, AddressDetails, AddressInput } from './addresses.js';
export {
  type AuthorizedCallback,
  type AuthorizeUrlParams,
  buildAuthorizeUrl,
  type CallbackResult,
  generateState,
  type ParseCallbackOptions,
  parseCallback,
  type RejectedCallback,
} from './authorize.js';
export type { Director, DirectorInput, Ubo, UboInput } from './business-people.js';
export type {
  BusinessRepresentative,
  BusinessRepresentativeAddress,
  BusinessRepresentativeDetails,
  TransferBusinessRepresentativeInput,
  UpdateBusinessRepresentativeInput,
} from './business-representative.js';
export { createClient } from './client.js';
export {
  type AuthorizationServerMetadata,
  type DiscoveryOptions,
  discoverAuthorizationServer,
  metadataUrl,
} from './discovery.js';
export { ENVIRONMENTS, type Endpoints, type Environment, resolveEnvironment } from './environments.js';
export {
  type OAuthErrorCode,
  type ValidationErrorEntry,
  WiseApiError,
  type WiseApiErrorInit,
  WiseError,
  type WiseErrorKind,
  WiseNetworkError,
  WiseResponseError,
  WiseTimeoutError,
} from './errors.js';
export {
  isCallbackError,
  isNetworkError,
  isOAuthError,
  isRateLimited,
  isRelinkRequired,
  isTimeoutError,
  isValidationError,
  isWiseApiError,
  isWiseError,
} from './guards.js';
export {
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  parseRetryAfter,
  type RequestOptions,
  type RetryOptions,
  type Sleep,
} from './http.js';
export type { LegacyBusinessDetailsInput, LegacyPersonalDetailsInput } from './legacy-profiles.js';
export {
  type CallbackErrorReason,
  type RelinkReason,
  RelinkRequiredError,
  WiseCallbackError,
} from './link-errors.js';
export type {
  ClientToken,
  ExchangeCodeInput,
  RegistrationCredentials,
  UserTokens,
} from './oauth.js';
export { codeChallengeS256, generateCodeVerifier, generatePkce, type Pkce } from './pkce.js';
export type { ProfileClient } from './profile-client.js';
export type {
  BusinessAddressInput,
  BusinessRepresentativeInput,
  CreateBusinessProfileInput,
  CreateBusinessProfileOptions,
  CreatedPersonalProfile,
  CreatePersonalProfileInput,
  CreatePersonalProfileOptions,
  CreateProfileOptions,
  Occupation,
  PersonalProfileAddressInput,
  ProfileWriteResult,
  UpdateBusinessProfileInput,
  UpdatePersonalProfileInput,
} from './profile-write-types.js';
export {
  type BusinessProfile,
  dateOfBirthMatches,
  dateOfBirthOf,
  isPersonalProfile,
  type LegacyProfile,
  type PersonalProfile,
  type Profile,
  type ProfileAddress,
  type ProfileId,
} from './profiles.js';
export {
  createSandbox,
  type Sandbox,
  type SandboxClock,
  type SandboxFault,
  type SandboxFaultSpec,
  type SandboxGrantFilter,
  type SandboxMail,
  type SandboxOptions,
  type SandboxRecord,
  type SandboxRequest,
  type SandboxRequestFilter,
} from './sandbox.js';
export type {
  TestNotification,
  WebhookSubscription,
  WebhookSubscriptionInput,
  WebhookSubscriptions,
} from './subscriptions.js';
export {
  type AccessTokenOptions,
  createTokenManager,
  MemoryTokenStore,
  type TokenManager,
  type TokenManagerOptions,
  type TokenRecovery,
  type TokenStore,
} from './token-manager.js';
export type { TokenInput, TokenIntrospection, TokenTypeHint } from './token-revocation.js';
export {
  type CreateUserInput,
  type CreateUserResult,
  generateRegistrationCode,
  LANGUAGES,
  type Language,
  type UserDetails,
  type WiseUser,
} from './users.js';
export type {
  VerificationDocumentInput,
  VerificationDocumentResult,
  VerificationDocumentType,
} from './verification-documents.js';
export type { BankTransferRoute, BankTransferVerificationStatus } from './verification-status.js';
export {
  type CddCheckStateChangeData,
  type KycReviewStateChangeData,
  parseWebhookEvent,
  type UserStateChangeData,
  type VerificationStateChangeData,
  verifyWebhook,
  type WebhookEnvelope,
  WebhookPayloadError,
  WebhookSignatureError,
  type WebhookSignatureFailure,
  WISE_WEBHOOK_PUBLIC_KEYS,
  type WiseUserState,
  type WiseWebhookEvent,
} from './webhooks.js';
export type { ClientOptions, WiseClient } from './wise-client.js';
