/**
 * Binds the {@link ProfileClient} members to one client's context (contract §8); `createClient` spreads
 * the result into the `WiseClient` it returns.
 *
 * @module
 */
import { createAddress, getAddress, listAddresses } from './addresses.js';
import { directors, ubos } from './business-people.js';
import { businessRepresentative } from './business-representative.js';
import type { ClientTokenSource } from './client-token.js';
import type { ClientContext } from './context.js';
import { createLegacyProfile } from './legacy-profiles.js';
import type { ProfileClient } from './profile-client.js';
import {
  createBusinessProfile,
  setUpdateWindow,
  updateBusinessProfile,
  updatePersonalProfile,
} from './profile-writes.js';
import { simulateProfileVerification, simulateUserVerification } from './simulation.js';
import { contactEmail, getUser } from './user-account.js';
import { bankTransferVerificationStatus } from './verification-status.js';

/** The {@link ProfileClient} of one client. */
export function profileCalls(ctx: ClientContext, clientTokens: ClientTokenSource): ProfileClient {
  return {
    createBusinessProfile: (token, input, o) => createBusinessProfile(ctx, token, input, o),
    getBusinessRepresentative: (token, id, o) => businessRepresentative(ctx, token, id, 'GET', undefined, o),
    updateBusinessRepresentative: (token, id, input, o) =>
      businessRepresentative(ctx, token, id, 'PUT', input, o),
    submitBusinessRepresentative: (token, id, input, o) =>
      businessRepresentative(ctx, token, id, 'POST', input, o),
    updatePersonalProfile: (token, id, input, o) => updatePersonalProfile(ctx, token, id, input, o),
    updateBusinessProfile: (token, id, input, o) => updateBusinessProfile(ctx, token, id, input, o),
    openUpdateWindow: (token, id, o) => setUpdateWindow(ctx, token, id, true, o),
    closeUpdateWindow: (token, id, o) => setUpdateWindow(ctx, token, id, false, o),
    createLegacyPersonalProfile: (token, details, o) =>
      createLegacyProfile(ctx, token, 'personal', details, o),
    createLegacyBusinessProfile: (token, details, o) =>
      createLegacyProfile(ctx, token, 'business', details, o),
    createAddress: (token, input, o) => createAddress(ctx, token, input, o),
    getAddress: (token, id, o) => getAddress(ctx, token, id, o),
    listAddresses: (token, id, o) => listAddresses(ctx, token, id, o),
    getDirectors: (token, id, o) => directors(ctx, token, id, 'GET', undefined, o),
    addDirectors: (token, id, people, o) => directors(ctx, token, id, 'POST', people, o),
    replaceDirectors: (token, id, people, o) => directors(ctx, token, id, 'PUT', people, o),
    getUbos: (token, id, o) => ubos(ctx, token, id, 'GET', undefined, o),
    addUbos: (token, id, people, o) => ubos(ctx, token, id, 'POST', people, o),
    replaceUbos: (token, id, people, o) => ubos(ctx, token, id, 'PUT', people, o),
    getUser: (token, id, o) => getUser(ctx, token, id, o),
    getContactEmail: (token, id, o) => contactEmail(ctx, token, id, undefined, o),
    setContactEmail: (token, id, email, o) => contactEmail(ctx, token, id, email, o),
    bankTransferVerificationStatus: (token, id, currencies, o) =>
      bankTransferVerificationStatus(ctx, token, id, currencies, o),
    simulateProfileVerification: (token, id, o) =>
      simulateProfileVerification(ctx, clientTokens, token, id, o),
    simulateUserVerification: (token, o) => simulateUserVerification(ctx, token, o),
  };
}
