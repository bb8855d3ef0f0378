import type { FormParams } from '../../http/form.js';
import type { NewProfile, ProfileRecord } from '../../store/profiles.js';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Contract §8's rule for names: at most 30 characters, none of these. */
const NAME_FORBIDDEN = /[%#^@{}"!~<>`]/;

/** How a profile is named on the pages: the person's name, or the business name. */
export function profileName(p: ProfileRecord): string {
  if (p.type === 'BUSINESS') {
    const name = p.business?.['name'];
    return typeof name === 'string' && name ? name : 'Business profile';
  }
  return [p.firstName, p.lastName].filter(Boolean).join(' ') || 'Personal profile';
}

function name(value: string, field: string, label: string, problems: FieldProblem[]): void {
  if (!value) problems.push({ field, message: `Enter your ${label}.` });
  else if ([...value].length > 30)
    problems.push({ field, message: `Your ${label} must be 30 characters or fewer.` });
  else if (NAME_FORBIDDEN.test(value))
    problems.push({ field, message: `Your ${label} must not contain any of % # ^ @ { } " ! ~ < > \`` });
}

/** A real date in the past, YYYY-MM-DD (contract §8). */
function dateOfBirth(value: string, now: Date, problems: FieldProblem[]): void {
  const field = 'dateOfBirth';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!value) {
    problems.push({ field, message: 'Enter your date of birth.' });
    return;
  }
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    problems.push({ field, message: 'Enter your date of birth as a real date, like 1990-04-27.' });
  } else if (date.getTime() >= now.getTime() || date.getUTCFullYear() < 1900) {
    problems.push({ field, message: 'Your date of birth must be in the past.' });
  }
}

/** Reads the create-profile form: the new profile, or what is wrong with it. */
export function readNewProfile(
  form: FormParams,
  userId: number,
  email: string,
  now: Date,
): { profile: NewProfile } | { problems: FieldProblem[]; values: Record<string, string> } {
  const type = form.get('type') === 'BUSINESS' ? 'BUSINESS' : 'PERSONAL';
  const values = {
    type,
    firstName: form.get('firstName')?.trim() ?? '',
    lastName: form.get('lastName')?.trim() ?? '',
    dateOfBirth: form.get('dateOfBirth')?.trim() ?? '',
    businessName: form.get('businessName')?.trim() ?? '',
  };
  const problems: FieldProblem[] = [];
  if (type === 'PERSONAL') {
    name(values.firstName, 'firstName', 'first name', problems);
    name(values.lastName, 'lastName', 'last name', problems);
    dateOfBirth(values.dateOfBirth, now, problems);
  } else if (!values.businessName) {
    problems.push({ field: 'businessName', message: 'Enter the name of the business.' });
  } else if ([...values.businessName].length > 100) {
    problems.push({ field: 'businessName', message: 'The business name must be 100 characters or fewer.' });
  }
  if (problems.length) return { problems, values };
  const personal = type === 'PERSONAL';
  return {
    profile: {
      userId,
      type,
      createdByClientId: null,
      firstName: personal ? values.firstName : null,
      lastName: personal ? values.lastName : null,
      preferredName: null,
      dateOfBirth: personal ? values.dateOfBirth : null,
      phoneNumber: null,
      email,
      nationality: null,
      externalCustomerId: null,
      address: null,
      occupations: null,
      business: personal ? null : { name: values.businessName },
    },
  };
}
