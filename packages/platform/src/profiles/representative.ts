import { NotFound, ValidationError } from '../errors/errors.js';
import type { UserGrant } from '../store/grants.js';
import type { PersonalProfile } from '../store/profiles.js';
import type { Stores } from '../store/stores.js';
import { parsePersonalProfile } from './personal.js';
import { grantedProfile } from './service.js';
import { lockedUpdate, samePersonRule } from './updates.js';

/**
 * The Business Representative of a business profile (https://docs.wise.com/api-reference/profile,
 * "Retrieve the Business Representative of a Business Profile", "Update the Business Representative of a
 * Business Profile", "Submit a new Business Representative for a Business Profile"; all beta). The
 * representative is the personal profile of the business's user (create-business.ts), so it is shared by
 * every business of that user, as Wise says: "changes will be reflected for all of the Business Profiles".
 * Wise documents no response body: (ours) every call answers the representative object below.
 */
export type UpdateContext = 'UPDATE_DETAILS' | 'TRANSFER_OF_AUTHORISATION';
const CONTEXTS: readonly UpdateContext[] = ['UPDATE_DETAILS', 'TRANSFER_OF_AUTHORISATION'];

/** (ours) The representative object: the fields of Wise's request bodies, with the representative's id. */
export function representativeView(p: PersonalProfile) {
  const a = p.address;
  return {
    businessRepresentativeId: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    preferredName: p.preferredName,
    address: a && {
      addressFirstLine: a.addressFirstLine,
      city: a.city,
      countryIso3Code: a.countryIso3Code.toLowerCase(),
      postCode: a.postCode ?? null,
      stateCode: a.stateCode ?? null,
    },
    dateOfBirth: p.dateOfBirth,
    contactDetails: { email: p.email, phoneNumber: p.phoneNumber },
  };
}

/** The business profile granted to the token (a personal one, or one not granted: 404) and its representative. */
async function representativeOf(stores: Stores, grant: UserGrant, rawId: string): Promise<PersonalProfile> {
  const business = await grantedProfile(stores.profiles, grant, rawId);
  if (business.type !== 'BUSINESS') throw new NotFound('Business profile not found');
  const person = (await stores.profiles.listByUser(business.userId)).find((p) => p.type === 'PERSONAL');
  if (!person) throw new NotFound('The business profile has no business representative');
  return person as PersonalProfile;
}

export async function getRepresentative(stores: Stores, grant: UserGrant, rawId: string) {
  return representativeView(await representativeOf(stores, grant, rawId));
}

function contextError(code: 'MISSING' | 'ERROR', allowed: readonly UpdateContext[]): ValidationError {
  const message =
    code === 'MISSING' ? 'updateContext is required' : `updateContext must be one of ${allowed.join(', ')}`;
  return new ValidationError(422, [{ code, message, path: 'updateContext', arguments: [...allowed] }]);
}

/**
 * The body's `updateContext`: required on PUT (Wise's two PUT forms differ by it); on POST, which Wise
 * lists next to "Submit a new Business Representative", optional and only TRANSFER_OF_AUTHORISATION (ours).
 */
export function updateContextOf(body: Record<string, unknown>, method: 'PUT' | 'POST'): UpdateContext {
  const allowed = method === 'PUT' ? CONTEXTS : (['TRANSFER_OF_AUTHORISATION'] as const);
  const given = body['updateContext'];
  if (given === undefined || given === null) {
    if (method === 'POST') return 'TRANSFER_OF_AUTHORISATION';
    throw contextError('MISSING', allowed);
  }
  if (typeof given !== 'string' || !allowed.includes(given as UpdateContext))
    throw contextError('ERROR', allowed);
  return given as UpdateContext;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** UPDATE_DETAILS: the body over what the representative holds; `address` and `contactDetails` merge field by field. */
function detailsInput(current: PersonalProfile, body: Record<string, unknown>): Record<string, unknown> {
  const held: Record<string, unknown> = {
    firstName: current.firstName,
    lastName: current.lastName,
    preferredName: current.preferredName,
    nationality: current.nationality,
    dateOfBirth: current.dateOfBirth,
    externalCustomerId: current.externalCustomerId,
    occupations: current.occupations,
    address: current.address,
    contactDetails: { email: current.email, phoneNumber: current.phoneNumber },
  };
  const merged = { ...held, ...body };
  for (const key of ['address', 'contactDetails']) {
    if (isObject(held[key]) && isObject(body[key])) merged[key] = { ...held[key], ...body[key] };
  }
  return merged;
}

/** TRANSFER_OF_AUTHORISATION: a whole new person; Wise marks `preferredName` Required too. */
function transferInput(current: PersonalProfile, body: Record<string, unknown>, now: Date) {
  const missing =
    typeof body['preferredName'] !== 'string' || body['preferredName'].trim() === ''
      ? [
          {
            code: 'MISSING' as const,
            message: 'preferredName is required',
            path: 'preferredName',
            arguments: ['preferredName'],
          },
        ]
      : [];
  let parsed: ReturnType<typeof parsePersonalProfile> | undefined;
  try {
    // The new person's details replace the old person's; what Wise's body has no field for is kept.
    parsed = parsePersonalProfile(
      { nationality: current.nationality, externalCustomerId: current.externalCustomerId, ...body },
      now,
    );
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new ValidationError(422, [...e.errors, ...missing]);
  }
  if (missing.length > 0) throw new ValidationError(422, missing);
  return { ...parsed, occupations: current.occupations };
}

/**
 * PUT (either context) or POST (transfer): validated over the locked representative, so parallel calls
 * apply one after the other and none is lost. UPDATE_DETAILS follows the personal update's rules (identity
 * fields only while the representative's update window is open, contract §8); a transfer replaces the
 * person wholesale and is not under the window (ours: Wise says the new person "will need to be verified").
 */
export async function changeRepresentative(
  stores: Stores,
  grant: UserGrant,
  rawId: string,
  body: Record<string, unknown>,
  method: 'PUT' | 'POST',
  now: Date,
  sandbox = false,
) {
  const context = updateContextOf(body, method);
  const { updateContext: _c, actorEmail: _a, ...fields } = body;
  const person = await representativeOf(stores, grant, rawId);
  const updated = await lockedUpdate(
    stores,
    person.id,
    now,
    (current) =>
      context === 'UPDATE_DETAILS'
        ? parsePersonalProfile(detailsInput(current as PersonalProfile, fields), now)
        : transferInput(current as PersonalProfile, fields, now),
    context === 'UPDATE_DETAILS',
    // The same-person 409 of the creates (contract §8), for a transfer and for a rename alike.
    samePersonRule(sandbox),
  );
  return representativeView(updated as PersonalProfile);
}
