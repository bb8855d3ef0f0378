import type { Queryable } from '@account-access/db';

/** What a document says about its holder and issuer (contract §9); null where it was not given. */
export interface DocumentDetails {
  firstName: string | null;
  lastName: string | null;
  issueDate: string | null;
  expiryDate: string | null;
  issuerCountry: string | null;
  issuerState: string | null;
  nationality: string | null;
  extra: Record<string, string> | null;
}

export interface NewVerificationDocument extends DocumentDetails {
  profileId: number;
  /** The partner that submitted it: a CPF or CNPJ is used once per partner (contract §9). */
  clientId: string;
  type: string;
  /** Keyed hash of the normalised identifier (HASH.documentIdentifier); the identifier itself is never stored. */
  identifierHash: string;
  /** The last digits, for display. */
  identifierLastDigits: string;
}

export interface VerificationDocumentRecord extends NewVerificationDocument {
  id: number;
  createdAt: Date;
}

export interface VerificationDocumentStore {
  /**
   * Saves a document. For CPF_CNPJ the identifier is unique per partner: when the partner already used it,
   * returns the profile id it was used for instead (the same profile again is then not a second row).
   */
  create(doc: NewVerificationDocument, now: Date): Promise<VerificationDocumentRecord | { usedBy: number }>;
  listByProfile(profileId: number): Promise<VerificationDocumentRecord[]>;
  /** Every partner's documents, newest first, at most `limit` (the sandbox inspector). */
  listRecent(limit: number): Promise<VerificationDocumentRecord[]>;
}

interface Row {
  id: number;
  profile_id: number;
  client_id: string;
  type: string;
  identifier_hash: string;
  identifier_last_digits: string;
  first_name: string | null;
  last_name: string | null;
  issue_date: string | null;
  expiry_date: string | null;
  issuer_country: string | null;
  issuer_state: string | null;
  nationality: string | null;
  extra: Record<string, string> | null;
  created_at: Date;
}

const COLUMNS = `id, profile_id, client_id, type, identifier_hash, identifier_last_digits, first_name, last_name,
  to_char(issue_date, 'YYYY-MM-DD') as issue_date, to_char(expiry_date, 'YYYY-MM-DD') as expiry_date,
  issuer_country, issuer_state, nationality, extra, created_at`;

const toRecord = (r: Row): VerificationDocumentRecord => ({
  id: r.id,
  profileId: r.profile_id,
  clientId: r.client_id,
  type: r.type,
  identifierHash: r.identifier_hash,
  identifierLastDigits: r.identifier_last_digits,
  firstName: r.first_name,
  lastName: r.last_name,
  issueDate: r.issue_date,
  expiryDate: r.expiry_date,
  issuerCountry: r.issuer_country,
  issuerState: r.issuer_state,
  nationality: r.nationality,
  extra: r.extra,
  createdAt: r.created_at,
});

export function sqlVerificationDocumentStore(db: Queryable): VerificationDocumentStore {
  return {
    async create(d, now) {
      const { rows } = await db.query<Row>(
        `insert into verification_documents (profile_id, client_id, type, identifier_hash, identifier_last_digits,
           first_name, last_name, issue_date, expiry_date, issuer_country, issuer_state, nationality, extra, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         on conflict do nothing
         returning ${COLUMNS}`,
        [
          d.profileId,
          d.clientId,
          d.type,
          d.identifierHash,
          d.identifierLastDigits,
          d.firstName,
          d.lastName,
          d.issueDate,
          d.expiryDate,
          d.issuerCountry,
          d.issuerState,
          d.nationality,
          d.extra === null ? null : JSON.stringify(d.extra),
          now,
        ],
      );
      if (rows[0]) return toRecord(rows[0]);
      const used = await db.query<{ profile_id: number }>(
        `select profile_id from verification_documents
          where client_id = $1 and identifier_hash = $2 and type = 'CPF_CNPJ'`,
        [d.clientId, d.identifierHash],
      );
      return { usedBy: used.rows[0]!.profile_id };
    },
    async listByProfile(profileId) {
      const { rows } = await db.query<Row>(
        `select ${COLUMNS} from verification_documents where profile_id = $1 order by id`,
        [profileId],
      );
      return rows.map(toRecord);
    },
    async listRecent(limit) {
      const { rows } = await db.query<Row>(
        `select ${COLUMNS} from verification_documents order by created_at desc, id desc limit $1`,
        [limit],
      );
      return rows.map(toRecord);
    },
  };
}
