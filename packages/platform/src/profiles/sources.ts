/**
 * The three ways a profile comes into being, and what each requires beyond the fields every profile needs
 * (the names, or the business name). The field rules themselves (lengths, characters, formats) are the same
 * on every way in: only required-ness differs, and only here.
 *
 * - `api`: `POST /v2/profiles/personal-profile` and `POST /v1/profiles` (contract §8: everything required);
 * - `seed`: the seed file (ours: contact details optional, the email defaults to the user's);
 * - `hosted`: the hosted profile page (ours: it asks only for the names and the date of birth, or the
 *   business name; the contact email is the signed-in user's).
 */
export type ProfileSource = 'api' | 'seed' | 'hosted';

export interface Requirements {
  contactDetails: boolean;
  address: boolean;
  registrationNumber: boolean;
}

export const REQUIRED: Readonly<Record<ProfileSource, Requirements>> = {
  api: { contactDetails: true, address: true, registrationNumber: true },
  seed: { contactDetails: false, address: true, registrationNumber: true },
  hosted: { contactDetails: false, address: false, registrationNumber: false },
};
