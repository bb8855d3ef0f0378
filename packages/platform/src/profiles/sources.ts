/**
 * The four ways a profile comes into being, and what each requires beyond the fields every profile needs
 * (the names, or the business name). The field rules themselves (lengths, characters, formats) are the same
 * on every way in: only required-ness differs, and only here.
 *
 * - `api`: `POST /v2/profiles/personal-profile` (contract §8: everything required);
 * - `legacy`: `POST /v1/profiles`, Wise's bank-flow body (https://docs.wise.com/guides/developer/errors,
 *   "Create Personal Profile": the names, the date of birth and the phone number; the address comes later,
 *   through `POST /v1/addresses`). The contact email is the user's; a business needs its registration number;
 * - `seed`: the seed file (ours: contact details optional, the email defaults to the user's);
 * - `hosted`: the hosted profile page (ours: it asks only for the names and the date of birth, or the
 *   business name; the contact email is the signed-in user's).
 */
export type ProfileSource = 'api' | 'legacy' | 'seed' | 'hosted';

export interface Requirements {
  contactDetails: boolean;
  address: boolean;
  registrationNumber: boolean;
}

export const REQUIRED: Readonly<Record<ProfileSource, Requirements>> = {
  api: { contactDetails: true, address: true, registrationNumber: true },
  legacy: { contactDetails: true, address: false, registrationNumber: true },
  seed: { contactDetails: false, address: true, registrationNumber: true },
  hosted: { contactDetails: false, address: false, registrationNumber: false },
};
