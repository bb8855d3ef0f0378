import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import type { UserGrant } from '../store/grants.js';
import type { ProfileRecord } from '../store/profiles.js';
import type { BureauFailure, IdentityBureau } from './bureau.js';
import { type DocumentInput, lastDigits } from './documents.js';

/** (ours) The failure code when the partner already used this CPF or CNPJ for another profile (contract §9). */
export const ALREADY_USED = 'ALREADY_USED';

export type DocumentOutcome =
  | { success: true }
  | { success: false; errorMessage: BureauFailure | typeof ALREADY_USED };

/**
 * Contract §9: checks a CPF or CNPJ with the bureau, then stores the document. The identifier is kept only as
 * a keyed hash and its last digits. Submitting the same document for the same profile again succeeds
 * without a second row for CPF/CNPJ (the per-partner unique index finds the first).
 */
export async function submitDocument(
  platform: Platform,
  bureau: IdentityBureau,
  grant: UserGrant,
  profile: ProfileRecord,
  doc: DocumentInput,
): Promise<DocumentOutcome> {
  if (doc.taxId !== null) {
    const verdict = await bureau.check({
      kind: doc.taxId,
      digits: doc.identifier,
      // G-BR: "the following must be set correctly on the profile": the profile's name, not the document's.
      firstName: profile.firstName,
      lastName: profile.lastName,
      dateOfBirth: profile.dateOfBirth,
    });
    if (verdict !== 'OK') return { success: false, errorMessage: verdict };
  }
  const saved = await platform.stores.verificationDocuments.create(
    {
      profileId: profile.id,
      clientId: grant.clientId,
      type: doc.type,
      identifierHash: hashSecret(
        platform.config.serverSecret,
        HASH.documentIdentifier,
        `${doc.type}:${doc.identifier}`,
      ),
      identifierLastDigits: lastDigits(doc.identifier),
      firstName: doc.firstName,
      lastName: doc.lastName,
      issueDate: doc.issueDate,
      expiryDate: doc.expiryDate,
      issuerCountry: doc.issuerCountry,
      issuerState: doc.issuerState,
      nationality: doc.nationality,
      extra: doc.extra,
    },
    platform.now(),
  );
  if ('usedBy' in saved && saved.usedBy !== profile.id) return { success: false, errorMessage: ALREADY_USED };
  return { success: true };
}
