import type { Queryable } from '@account-access/db';
import { randomToken } from '@account-access/kit';
import { assertTransition, isLinkState, type LinkState } from '../link-states.js';

/**
 * How the current (or last) link was made (issue 13 item 7): an account the bank created with a
 * registration code (contract §2, §3), or an existing one linked by the redirect (§4) or the emailed code (§6).
 */
export type LinkedBy = 'registration_code' | 'redirect' | 'email_code';

/** The identity document sent for a new user (contract §9, §10.7) and Wise's immediate answer. */
export interface DocumentSubmission {
  /** Wise's document type, e.g. `CPF_CNPJ`. */
  type: string;
  submittedAt: Date;
  result: 'accepted' | 'rejected';
  /** Wise's `errorMessage` when rejected. */
  rejection: string | null;
}

/** One customer's onboarding row. `registrationCode` is a vault envelope, never the code itself. */
export interface LinkRecord {
  customerId: string;
  state: LinkState;
  signupEmail: string | null;
  registrationCode: string | null;
  profileIdempotencyKey: string | null;
  /** How the bank asks this customer to link an existing account (contract §10.2). */
  linkMethod: 'redirect' | 'email' | null;
  /** How the link was really made, recorded when it was; null before any link (or unknown, migration 007). */
  linkedBy: LinkedBy | null;
  document: DocumentSubmission | null;
  wiseUserId: number | null;
  wiseProfileId: number | null;
  lastError: string | null;
  leaseUntil: Date | null;
  updatedAt: Date;
}

/** Columns a transition may set. */
export type LinkFields = Partial<
  Pick<
    LinkRecord,
    | 'signupEmail'
    | 'registrationCode'
    | 'profileIdempotencyKey'
    | 'linkMethod'
    | 'linkedBy'
    | 'wiseUserId'
    | 'wiseProfileId'
    | 'lastError'
  >
> & { document?: DocumentSubmission };

/** A step's hold on a row: only the holder may move the row on, until the lease runs out. */
export interface Lease {
  token: string;
  record: LinkRecord;
}

/** The narrow store of the onboarding state machine. */
export interface LinkStore {
  get(customerId: string): Promise<LinkRecord | null>;
  list(): Promise<LinkRecord[]>;
  /** The links to one Wise user (a `users#state-change` names the user, contract §11). */
  listByWiseUser(wiseUserId: number): Promise<LinkRecord[]>;
  /**
   * Takes the step lease when the row is in one of `expected` and no live lease is held; null otherwise
   * (a double click, or another instance is at work). A crashed step's lease runs out, so it resumes.
   */
  claim(
    customerId: string,
    expected: readonly LinkState[],
    now: Date,
    leaseSeconds?: number,
  ): Promise<Lease | null>;
  /**
   * Moves the row from `from` to `to` (`where state = $from`, and the lease when given), sets `fields`
   * and releases the lease. False when the row was not in `from` any more.
   */
  transition(
    customerId: string,
    from: LinkState,
    to: LinkState,
    lease: Lease | null,
    now: Date,
    fields?: LinkFields,
  ): Promise<boolean>;
  /** Gives a lease back without moving (a step that failed and may be tried again). */
  release(customerId: string, lease: Lease, fields?: Pick<LinkFields, 'lastError'>): Promise<void>;
}

const COLUMNS: Record<Exclude<keyof LinkFields, 'document'>, string> = {
  signupEmail: 'signup_email',
  registrationCode: 'registration_code',
  profileIdempotencyKey: 'profile_idempotency_key',
  linkMethod: 'link_method',
  linkedBy: 'linked_by',
  wiseUserId: 'wise_user_id',
  wiseProfileId: 'wise_profile_id',
  lastError: 'last_error',
};

interface Row {
  customer_id: string;
  state: string;
  signup_email: string | null;
  registration_code: string | null;
  profile_idempotency_key: string | null;
  link_method: 'redirect' | 'email' | null;
  linked_by: LinkedBy | null;
  document_type: string | null;
  document_submitted_at: Date | null;
  document_result: 'accepted' | 'rejected' | null;
  document_rejection: string | null;
  wise_user_id: number | string | null;
  wise_profile_id: number | string | null;
  last_error: string | null;
  lease_until: Date | null;
  updated_at: Date;
}

function toRecord(r: Row): LinkRecord {
  if (!isLinkState(r.state)) throw new Error(`unknown link state ${r.state}`);
  return {
    customerId: r.customer_id,
    state: r.state,
    signupEmail: r.signup_email,
    registrationCode: r.registration_code,
    profileIdempotencyKey: r.profile_idempotency_key,
    linkMethod: r.link_method,
    linkedBy: r.linked_by,
    document:
      r.document_type && r.document_submitted_at && r.document_result
        ? {
            type: r.document_type,
            submittedAt: r.document_submitted_at,
            result: r.document_result,
            rejection: r.document_rejection,
          }
        : null,
    wiseUserId: r.wise_user_id === null ? null : Number(r.wise_user_id),
    wiseProfileId: r.wise_profile_id === null ? null : Number(r.wise_profile_id),
    lastError: r.last_error,
    leaseUntil: r.lease_until,
    updatedAt: r.updated_at,
  };
}

export function sqlLinkStore(db: Queryable): LinkStore {
  return {
    async get(customerId) {
      const { rows } = await db.query<Row>('select * from wise_links where customer_id = $1', [customerId]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async list() {
      const { rows } = await db.query<Row>('select * from wise_links order by customer_id');
      return rows.map(toRecord);
    },
    async listByWiseUser(wiseUserId) {
      const { rows } = await db.query<Row>(
        'select * from wise_links where wise_user_id = $1 order by customer_id',
        [wiseUserId],
      );
      return rows.map(toRecord);
    },
    async claim(customerId, expected, now, leaseSeconds = 60) {
      const token = randomToken(16);
      const { rows } = await db.query<Row>(
        `update wise_links set lease_token = $3, lease_until = $4
          where customer_id = $1 and state = any($2::text[]) and (lease_until is null or lease_until <= $5)
          returning *`,
        [customerId, expected, token, new Date(now.getTime() + leaseSeconds * 1000), now],
      );
      return rows[0] ? { token, record: toRecord(rows[0]) } : null;
    },
    async transition(customerId, from, to, lease, now, fields = {}) {
      assertTransition(from, to);
      const sets = ['state = $3', 'lease_token = null', 'lease_until = null', 'updated_at = $4'];
      const params: unknown[] = [customerId, from, to, now];
      for (const [key, value] of columnValues(fields)) {
        params.push(value);
        sets.push(`${key} = $${params.length}`);
      }
      let guard = 'customer_id = $1 and state = $2';
      if (lease) {
        params.push(lease.token);
        guard += ` and lease_token = $${params.length}`;
      } else guard += ' and (lease_until is null or lease_until <= $4)';
      const result = await db.query(`update wise_links set ${sets.join(', ')} where ${guard}`, params);
      return result.rowCount === 1;
    },
    async release(customerId, lease, fields = {}) {
      await db.query(
        `update wise_links set lease_token = null, lease_until = null,
           last_error = coalesce($3, last_error)
          where customer_id = $1 and lease_token = $2`,
        [customerId, lease.token, fields.lastError ?? null],
      );
    },
  };
}

/** The columns a transition's fields set, with their values; a document sets its four columns together. */
function columnValues(fields: LinkFields): [string, unknown][] {
  const { document, ...plain } = fields;
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(plain) as [keyof typeof COLUMNS, unknown][]) {
    if (value !== undefined) out.push([COLUMNS[key], value]);
  }
  if (document) {
    out.push(['document_type', document.type], ['document_submitted_at', document.submittedAt]);
    out.push(['document_result', document.result], ['document_rejection', document.rejection]);
  }
  return out;
}
