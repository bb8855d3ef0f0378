import { ValidationError } from '../errors/errors.js';
import { alpha2Of, isAlpha2, isAlpha3 } from '../profiles/countries.js';
import { Fields, utcDay } from '../profiles/fields.js';
import type { DocumentDetails } from '../store/verification-documents.js';
import { parseTaxId, type TaxIdKind } from './tax-ids.js';

/** Contract §9: the document types. */
export const DOCUMENT_TYPES = [
  'DRIVERS_LICENCE',
  'IDENTITY_CARD',
  'GREEN_CARD',
  'MY_NUMBER',
  'PASSPORT',
  'SSN',
  'EMIRATES_EMPLOYER',
  'EMIRATES_PLACE_OF_BIRTH',
  'CPF_CNPJ',
  'FINANCIAL_CAPACITY_BR',
  'OTHER',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const MAX_IDENTIFIER = 30;
const MAX_TEXT = 100;
/** Fields that belong to one type only; given with another type they are UNEXPECTED. */
const TYPE_FIELDS: Record<string, DocumentType> = {
  employerName: 'EMIRATES_EMPLOYER',
  employerCity: 'EMIRATES_EMPLOYER',
  employerCountry: 'EMIRATES_EMPLOYER',
};

export interface DocumentInput extends DocumentDetails {
  type: DocumentType;
  /** The identifier in its canonical form: bare digits for CPF/CNPJ, SSN and amounts; trimmed otherwise. */
  identifier: string;
  /** Set for CPF_CNPJ: which of the two the identifier is. */
  taxId: TaxIdKind | null;
}

/** Country fields of documents are alpha-2 (`"US"`); an alpha-3 code is accepted and converted. */
function countryCode(f: Fields, input: Record<string, unknown>, key: string): string | undefined {
  const value = f.string(input, key);
  if (value === undefined) return undefined;
  if (isAlpha2(value)) return value.toUpperCase();
  if (isAlpha3(value)) return alpha2Of(value)!;
  return f.fail('ERROR', key, `${key} must be an ISO 3166-1 country code`);
}

function identifier(
  f: Fields,
  input: Record<string, unknown>,
  type: DocumentType | undefined,
): { identifier: string; taxId: TaxIdKind | null } | undefined {
  const value = f.string(input, 'uniqueIdentifier', { required: true, max: MAX_IDENTIFIER });
  if (value === undefined || type === undefined) return undefined;
  switch (type) {
    case 'CPF_CNPJ': {
      const parsed = parseTaxId(value);
      if (!parsed) {
        return f.fail(
          'ERROR',
          'uniqueIdentifier',
          'uniqueIdentifier is not a valid CPF or CNPJ (check digits)',
        );
      }
      return { identifier: parsed.digits, taxId: parsed.kind };
    }
    case 'SSN':
      if (!/^\d{9}$/.test(value)) return f.fail('ERROR', 'uniqueIdentifier', 'An SSN is 9 digits');
      return { identifier: value, taxId: null };
    case 'FINANCIAL_CAPACITY_BR':
      // An amount: Wise's own example is "150000.00" (https://docs.wise.com/api-reference/profile,
      // "Request Payload - Financial Capacity Brazil"), though the field text says digits only.
      if (!/^\d{1,27}(\.\d{1,2})?$/.test(value))
        return f.fail('ERROR', 'uniqueIdentifier', 'uniqueIdentifier must be an amount such as 150000.00');
      return { identifier: value, taxId: null };
    default:
      return { identifier: value.toUpperCase(), taxId: null };
  }
}

/** Validates a verification-document body (contract §9), every field error at once as a 422. */
export function parseDocument(input: Record<string, unknown>, now: Date): DocumentInput {
  const f = new Fields();
  let type = f.string(input, 'type', { required: true }) as DocumentType | undefined;
  if (type !== undefined && !DOCUMENT_TYPES.includes(type)) {
    type = f.fail('ERROR', 'type', `type must be one of ${DOCUMENT_TYPES.join(', ')}`, [
      DOCUMENT_TYPES.join(','),
    ]);
  }
  const id = identifier(f, input, type);
  const firstName = f.string(input, 'firstName', { max: MAX_TEXT });
  const lastName = f.string(input, 'lastName', { max: MAX_TEXT });
  const issueDate = f.date(input, 'issueDate', false);
  const expiryDate = f.date(input, 'expiryDate', false);
  if (issueDate !== undefined && issueDate > utcDay(now))
    f.fail('ERROR', 'issueDate', 'issueDate must not be in the future');
  if (issueDate !== undefined && expiryDate !== undefined && expiryDate < issueDate) {
    f.fail('ERROR', 'expiryDate', 'expiryDate must not be before issueDate');
  }
  const issuerCountry = countryCode(f, input, 'issuerCountry');
  const issuerState = f.string(input, 'issuerState', { max: 10 });
  const nationality = countryCode(f, input, 'nationality');
  const extra: Record<string, string> = {};
  for (const [key, only] of Object.entries(TYPE_FIELDS)) {
    if (input[key] === undefined || input[key] === null) continue;
    if (type !== undefined && type !== only) {
      f.fail('UNEXPECTED', key, `${key} applies to ${only} documents only`);
      continue;
    }
    const value =
      key === 'employerCountry' ? countryCode(f, input, key) : f.string(input, key, { max: MAX_TEXT });
    if (value !== undefined) extra[key] = value;
  }
  if (f.errors.length > 0) throw new ValidationError(422, f.errors);
  return {
    type: type!,
    identifier: id!.identifier,
    taxId: id!.taxId,
    firstName: firstName ?? null,
    lastName: lastName ?? null,
    issueDate: issueDate ?? null,
    expiryDate: expiryDate ?? null,
    issuerCountry: issuerCountry ?? null,
    issuerState: issuerState ?? null,
    nationality: nationality ?? null,
    extra: Object.keys(extra).length > 0 ? extra : null,
  };
}

/** What is kept of an identifier for display: its last characters, never more than half of it. */
export function lastDigits(identifier: string): string {
  const keep = Math.min(4, Math.floor(identifier.length / 2));
  return keep === 0 ? '' : identifier.slice(-keep);
}
