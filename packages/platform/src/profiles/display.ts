import type { ProfileRecord } from '../store/profiles.js';

/** Wise's v2 `fullName` (contract §8): the person's names, or the business name. */
export function fullName(p: ProfileRecord): string {
  if (p.type === 'BUSINESS') return p.business.businessName;
  return [p.firstName, p.lastName].filter(Boolean).join(' ');
}

/** How a profile is named on the hosted pages: its `fullName`, or its kind when it has none. */
export function profileName(p: ProfileRecord): string {
  return fullName(p) || (p.type === 'BUSINESS' ? 'Business profile' : 'Personal profile');
}
