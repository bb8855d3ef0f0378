import { type FieldError, ValidationError } from '../../errors/errors.js';
import type { FormParams } from '../../http/form.js';
import { type NewProfile, newProfile } from '../../profiles/index.js';

export interface FieldProblem {
  field: string;
  message: string;
}

/** How the page names each field it asks for, in "Enter …" and "… must …" messages. */
const LABELS: Record<string, string> = {
  firstName: 'your first name',
  lastName: 'your last name',
  dateOfBirth: 'your date of birth',
  businessName: 'the name of the business',
};

/**
 * A field error of the profile module, said for a person: "Enter your first name." for a missing field,
 * else the module's own message with the field's label ("Your first name must not contain any of …"),
 * so the page and the API always give the same reason.
 */
function problemOf(error: FieldError): FieldProblem {
  const field = error.path ?? 'type';
  const label = LABELS[field] ?? field;
  if (error.code === 'MISSING') return { field, message: `Enter ${label}.` };
  const reason = error.message.startsWith(field) ? error.message.slice(field.length) : ` ${error.message}`;
  return { field, message: `${label[0]!.toUpperCase()}${label.slice(1)}${reason}.` };
}

/**
 * Reads the create-profile form with the profile module's rules (source `hosted`: only the fields on the
 * page are required): the new profile, or what is wrong with it. The profile's email is the signed-in
 * user's.
 */
export function readNewProfile(
  form: FormParams,
  userId: number,
  email: string,
  now: Date,
): { profile: NewProfile } | { problems: FieldProblem[]; values: Record<string, string> } {
  const type = form.get('type') === 'BUSINESS' ? 'BUSINESS' : 'PERSONAL';
  const values: Record<string, string> = { type };
  const fields = type === 'PERSONAL' ? ['firstName', 'lastName', 'dateOfBirth'] : ['businessName'];
  for (const key of ['firstName', 'lastName', 'dateOfBirth', 'businessName']) {
    values[key] = form.get(key)?.trim() ?? '';
  }
  const input = Object.fromEntries(fields.map((key) => [key, values[key]]));
  try {
    const profile = newProfile({ ...input, type }, { userId, createdByClientId: null }, now, {
      source: 'hosted',
    });
    return { profile: { ...profile, email } };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { problems: error.errors.map(problemOf), values };
  }
}
