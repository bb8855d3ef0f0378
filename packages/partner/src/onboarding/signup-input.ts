import { type CreatePersonalProfileInput, isWiseApiError } from '@account-access/client';
import { randomToken } from '@account-access/kit';
import type { Customer } from '../store/customers.js';

/** Contract §10.1: 32 random bytes from the CSPRNG, base64url (43 characters). Never logged. */
export function newRegistrationCode(): string {
  return randomToken(32);
}

/** The personal profile from the bank's record (contract §8, §10.7). */
export function profileInput(c: Customer): CreatePersonalProfileInput {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    address: {
      addressFirstLine: c.address.firstLine,
      city: c.address.city,
      countryIso3Code: c.address.countryIso3,
      ...(c.address.postCode ? { postCode: c.address.postCode } : {}),
      ...(c.address.stateCode ? { stateCode: c.address.stateCode } : {}),
    },
    ...(c.nationality ? { nationality: c.nationality } : {}),
    dateOfBirth: c.dateOfBirth,
    externalCustomerId: c.id,
    contactDetails: { email: c.email, phoneNumber: c.phoneNumber },
  };
}

/** A log-safe description of a failure: its class and status, never a body that could echo a secret. */
export function failureSummary(error: unknown): string {
  if (isWiseApiError(error))
    return `${error.name} ${error.status} ${error.endpoint} ${error.error ?? ''}`.trim();
  if (error instanceof Error) return error.name;
  return 'unknown error';
}
