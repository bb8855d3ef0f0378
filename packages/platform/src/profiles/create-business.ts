import { ValidationError } from '../errors/errors.js';
import type { UserGrant } from '../store/grants.js';
import type { BusinessProfile, PersonalProfile } from '../store/profiles.js';
import type { Stores } from '../store/stores.js';
import { parseBusinessProfile } from './business.js';
import { Fields } from './fields.js';
import { parsePersonalProfile } from './personal.js';
import { createPersonalProfile, personalProfileExists } from './service.js';

/**
 * `POST /v3/profiles/business-profile` (beta) and its older form `POST /v2/profiles/business-profile`
 * (https://docs.wise.com/api-reference/profile "Create a Business Profile"; the guide
 * https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation documents v2). Both take Wise's
 * business fields; `businessRepresentative` is the person acting for the business, whom Wise keeps as the
 * user's personal profile (the v2 guide: "It is required that you first create a personal profile with
 * details of the authorized representative"). So (ours):
 * - no `businessRepresentative`: the user's personal profile, which must exist (422 MISSING otherwise);
 * - `{businessRepresentativeId}`: must be that personal profile's id (422 ERROR otherwise);
 * - the representative's details: the user's personal profile is created from them in the same
 *   transaction (the rules and 409s of the personal create); a user that has one already gets its 409.
 * A business of the same name and registration number on the same user is a 409 NOT_UNIQUE.
 */
export interface BusinessRequest {
  body: Record<string, unknown>;
  grant: UserGrant;
  now: Date;
}

const missingRepresentative = () =>
  new ValidationError(422, [
    {
      code: 'MISSING',
      message:
        'businessRepresentative is required: create the personal profile of the business representative first, or send businessRepresentative',
      path: 'businessRepresentative',
      arguments: ['businessRepresentative'],
    },
  ]);

const businessExists = () =>
  new ValidationError(409, [
    {
      code: 'NOT_UNIQUE',
      message: 'A business profile with this name and registration number already exists for this user',
      path: 'businessName',
      arguments: ['businessName', 'registrationNumber'],
    },
  ]);

/** The representative part of the body: absent, an id, or the person's details (validated, not saved). */
function representativeOf(body: Record<string, unknown>, now: Date) {
  const f = new Fields();
  const raw = f.object(body, 'businessRepresentative', false);
  if (f.errors.length > 0) throw new ValidationError(422, f.errors);
  if (!raw) return { kind: 'own' as const };
  if (raw['businessRepresentativeId'] !== undefined && raw['businessRepresentativeId'] !== null) {
    const id = raw['businessRepresentativeId'];
    return { kind: 'id' as const, id: typeof id === 'number' || typeof id === 'string' ? String(id) : '' };
  }
  return {
    kind: 'details' as const,
    input: parsePersonalProfile(raw, now, { prefix: 'businessRepresentative.' }),
  };
}

/** Validates the whole body (business and representative, every field error at once) before any write. */
export function parseBusinessRequest(body: Record<string, unknown>, now: Date) {
  // Wise's business request has `actorEmail` and no email of its own: it is the profile's contact email.
  const withEmail = body['email'] === undefined ? { ...body, email: body['actorEmail'] } : body;
  let business: ReturnType<typeof parseBusinessProfile> | undefined;
  let representative: ReturnType<typeof representativeOf> | undefined;
  const errors = [];
  try {
    business = parseBusinessProfile(withEmail, { source: 'api' });
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    errors.push(...e.errors);
  }
  try {
    representative = representativeOf(body, now);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    errors.push(...e.errors);
  }
  if (errors.length > 0) throw new ValidationError(422, errors);
  return { business: business!, representative: representative! };
}

/** Creates the business profile of the token's user (see above); run it in one transaction. */
export async function createBusinessProfile(
  stores: Stores,
  grant: UserGrant,
  parsed: ReturnType<typeof parseBusinessRequest>,
  now: Date,
  sandbox = false,
): Promise<BusinessProfile> {
  const { profiles } = stores;
  const own = (await profiles.listByUser(grant.userId)).find((p) => p.type === 'PERSONAL') as
    | PersonalProfile
    | undefined;
  const rep = parsed.representative;
  if (rep.kind === 'own' && !own) throw missingRepresentative();
  if (rep.kind === 'id' && (!own || String(own.id) !== rep.id)) {
    throw new ValidationError(422, [
      {
        code: 'ERROR',
        message: "businessRepresentativeId must be the id of the user's personal profile",
        path: 'businessRepresentative.businessRepresentativeId',
        arguments: ['businessRepresentativeId'],
      },
    ]);
  }
  if (rep.kind === 'details') {
    if (own) throw personalProfileExists();
    await createPersonalProfile(profiles, grant, rep.input, now, { sandbox });
  }
  const created = await profiles.createBusiness(
    {
      ...parsed.business,
      userId: grant.userId,
      createdByClientId: grant.clientId,
      createdByGrantId: grant.grantId,
    },
    now,
  );
  if (created === 'conflict') throw businessExists();
  return created as BusinessProfile;
}
