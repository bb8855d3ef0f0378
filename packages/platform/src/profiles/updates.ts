import { NotFound, ValidationError } from '../errors/errors.js';
import type { UserGrant } from '../store/grants.js';
import type { BusinessProfile, PersonalProfile, ProfileChanges, ProfileRecord } from '../store/profiles.js';
import type { Stores } from '../store/stores.js';
import { parseBusinessProfile } from './business.js';
import { parsePersonalProfile } from './personal.js';
import { grantedProfile, isSandboxPerson, samePersonExists } from './service.js';

/**
 * Profile updates (https://docs.wise.com/api-reference/profile "Update a Personal Profile", "Update a
 * Business Profile", "Open an update window"; https://docs.wise.com/guides/product/kyc/partner-kyc/updating-profiles).
 * Wise: "If user profile has been verified then there are restrictions on what information is allowed to
 * change. Where permitted, use the update window functionality". Ours, from that: the fields that identify
 * the person or the business may change only while the profile's update window is open (409
 * UPDATE_WINDOW_CLOSED, one error per field); contact details, occupations, descriptions and categories
 * may change at any time. Each update locks the profile's row, so concurrent updates apply one after the
 * other on the latest data: a field one request leaves out keeps what another wrote.
 */
const IDENTITY: Record<ProfileRecord['type'], readonly (keyof ProfileChanges)[]> = {
  PERSONAL: ['firstName', 'lastName', 'dateOfBirth', 'nationality', 'address'],
  BUSINESS: ['business', 'address'],
};
/** The business fields under the window; the rest of the business document may change at any time. */
const BUSINESS_IDENTITY = ['businessName', 'registrationNumber', 'companyType'] as const;

/** JSON with sorted keys and undefined as null: jsonb gives an address's keys back in its own order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function identityChanges(current: ProfileRecord, next: ProfileChanges): string[] {
  const changed: string[] = [];
  for (const key of IDENTITY[current.type]) {
    if (key === 'business') {
      for (const k of BUSINESS_IDENTITY)
        if (!same(current.business?.[k], next.business?.[k])) changed.push(k);
    } else if (!same(current[key], next[key])) changed.push(key);
  }
  return changed;
}

function windowClosed(fields: string[]): ValidationError {
  return new ValidationError(
    409,
    fields.map((field) => ({
      code: 'UPDATE_WINDOW_CLOSED' as const,
      message: `${field} can change only while the profile's update window is open (POST /v1/profiles/{profileId}/update-window)`,
      path: field,
      arguments: [field],
    })),
  );
}

/** The body over what the profile holds: a field the body leaves out keeps its value. */
function personalInput(current: PersonalProfile, body: Record<string, unknown>): Record<string, unknown> {
  const kept = {
    preferredName: current.preferredName,
    nationality: current.nationality,
    externalCustomerId: current.externalCustomerId,
    occupations: current.occupations,
  };
  return { ...kept, ...body };
}

function businessInput(current: BusinessProfile, body: Record<string, unknown>): Record<string, unknown> {
  const { operationalAddresses, ...fields } = current.business;
  return {
    ...fields,
    operationalAddresses: operationalAddresses ?? null,
    address: current.address,
    email: current.email,
    phoneNumber: current.phoneNumber,
    ...body,
  };
}

/** The person a profile is (contract §8: names in any case, date of birth), as one comparable key. */
const personKey = (p: Pick<ProfileChanges, 'firstName' | 'lastName' | 'dateOfBirth'>) =>
  [p.firstName, p.lastName].map((n) => (n ?? '').trim().toLowerCase()).join('|') + `|${p.dateOfBirth}`;

/**
 * Contract §8's same-person rule on an update: a personal profile may not become the person another user
 * account has (409 NOT_UNIQUE `path: "person"`, as on the create), but for the sandbox person in sandbox
 * mode. Only an update that changes who the profile is checks: one that keeps the person never conflicts.
 * The store's per-person lock is the create's, held until the update commits.
 */
export function samePersonRule(sandbox: boolean) {
  return async (tx: Stores, current: ProfileRecord, next: ProfileChanges): Promise<void> => {
    if (current.type !== 'PERSONAL' || personKey(current) === personKey(next)) return;
    const person = { firstName: next.firstName!, lastName: next.lastName!, dateOfBirth: next.dateOfBirth! };
    if (sandbox && isSandboxPerson(person)) return;
    if (await tx.profiles.personOnOtherUser(current.userId, person)) throw samePersonExists();
  };
}

/** Checks the `id` Wise requires in a business update body: "must match the business profile ID supplied in the URL". */
function checkBodyId(body: Record<string, unknown>, id: number): void {
  const given = body['id'];
  if (given === undefined || given === null || given === '') {
    throw new ValidationError(422, [
      { code: 'MISSING', message: 'id is required', path: 'id', arguments: ['id'] },
    ]);
  }
  if ((typeof given !== 'string' && typeof given !== 'number') || String(given).trim() !== String(id)) {
    throw new ValidationError(422, [
      { code: 'ERROR', message: 'id must match the profile id of the URL', path: 'id', arguments: ['id'] },
    ]);
  }
}

/**
 * `PUT /v2/profiles/{id}/personal-profile` or `…/business-profile`: validates the body over the locked
 * profile, applies the window rule and the same-person rule (`rules.sandbox`: the platform's sandbox mode)
 * and writes. A profile of the other type, or one the token was not granted, is a 404.
 */
export async function updateProfile(
  stores: Stores,
  grant: UserGrant,
  rawId: string,
  type: ProfileRecord['type'],
  body: Record<string, unknown>,
  now: Date,
  rules: { sandbox?: boolean } = {},
): Promise<ProfileRecord> {
  const granted = await grantedProfile(stores.profiles, grant, rawId);
  if (granted.type !== type) throw new NotFound('Profile not found');
  if (type === 'BUSINESS') checkBodyId(body, granted.id);
  return lockedUpdate(
    stores,
    granted.id,
    now,
    (current) =>
      current.type === 'PERSONAL'
        ? parsePersonalProfile(personalInput(current, body), now)
        : parseBusinessProfile(businessInput(current, body), { source: 'api' }),
    true,
    samePersonRule(rules.sandbox ?? false),
  );
}

/**
 * Locks profile `id`, computes its changes from what it holds now (so concurrent updates apply one after
 * the other, none lost), applies the window rule unless `windowRule` is false, runs `check` in the same
 * transaction (it may refuse), and writes.
 */
export async function lockedUpdate(
  stores: Stores,
  id: number,
  now: Date,
  changesOf: (current: ProfileRecord) => ProfileChanges & { type?: unknown },
  windowRule = true,
  check?: (tx: Stores, current: ProfileRecord, changes: ProfileChanges) => Promise<void>,
): Promise<ProfileRecord> {
  return stores.transaction(async (tx) => {
    const current = await tx.profiles.lockById(id);
    if (!current) throw new NotFound('Profile not found');
    const { type: _t, ...changes } = changesOf(current);
    const changed = identityChanges(current, changes);
    if (windowRule && changed.length > 0 && current.updateWindowOpenedAt === null)
      throw windowClosed(changed);
    await check?.(tx, current, changes);
    const updated = await tx.profiles.update(current.id, current.version, changes, now);
    // The row is locked: another version cannot have come in between.
    if (updated === null || updated === 'stale')
      throw new Error(`profile ${current.id} changed under its lock`);
    return updated;
  });
}

/** `POST` (open) and `DELETE` (close) `/v1/profiles/{id}/update-window`, for a granted profile. */
export async function setUpdateWindow(
  stores: Stores,
  grant: UserGrant,
  rawId: string,
  open: boolean,
  now: Date,
): Promise<void> {
  const profile = await grantedProfile(stores.profiles, grant, rawId);
  if (!(await stores.profiles.setUpdateWindow(profile.id, open ? now : null))) {
    throw new NotFound('Profile not found');
  }
}
