import type { Queryable } from '@account-access/db';
import { type ClientRecord, type ClientRow, clientRecord } from './clients.js';
import { type AtOnceStore, sqlAtOnceStore } from './interaction-at-once.js';
import { PROFILE_COLUMNS, type ProfileRecord, profileFromJson } from './profiles.js';

export type Delivery = 'redirect' | 'display';

/** A message shown once on the next page view (post/redirect/get). */
export interface Flash {
  errors?: { message: string; field?: string; retryAt?: string }[];
  /** What the person typed (never a password or a code), to fill the form again. */
  values?: Record<string, string>;
}

/** One authorization request on its way through the hosted pages (contract §4). */
export interface InteractionRecord {
  uid: string;
  browserHash: string;
  clientId: string;
  /** How the flow began: `authorize`, `email` (an emailed link, contract §6) or `claim` (contract §7). */
  entry: string;
  /** `redirect`: back to the partner with a code; `display`: a code shown to type (contract §6). */
  delivery: Delivery;
  redirectUri: string | null;
  /** The partner's `state`, sealed (crypto/partner-state.ts): never stored in the clear (issue 12). */
  sealedState: string | null;
  codeChallenge: string | null;
  /** The person an emailed link or a claim code was for: nobody else may finish this interaction. */
  expectedUserId: number | null;
  userId: number | null;
  passwordAt: Date | null;
  secondFactorAt: Date | null;
  profileId: number | null;
  decision: 'allow' | 'deny' | null;
  flash: Flash | null;
  expiresAt: Date;
  completedAt: Date | null;
  /** A finished `display` interaction's short code, sealed to the finishing browser (crypto/shown-code.ts). */
  sealedCode: string | null;
  /** A provider identity waiting for the account's password before it is linked (issue 16). */
  pendingIdentity: PendingIdentity | null;
}

/** What a provider vouched for, matched by verified email to an account that has a password. */
export interface PendingIdentity {
  provider: string;
  subject: string;
  email: string;
  userId: number;
}

export type NewInteraction = Partial<Pick<InteractionRecord, 'expectedUserId'>> &
  Pick<
    InteractionRecord,
    | 'uid'
    | 'browserHash'
    | 'clientId'
    | 'entry'
    | 'delivery'
    | 'redirectUri'
    | 'sealedState'
    | 'codeChallenge'
    | 'userId'
    | 'passwordAt'
    | 'secondFactorAt'
    | 'expiresAt'
  >;

/** The fields a step may change, and the sealed code its finishing page keeps. */
export type InteractionUpdate = Partial<
  Pick<
    InteractionRecord,
    | 'userId'
    | 'passwordAt'
    | 'secondFactorAt'
    | 'profileId'
    | 'decision'
    | 'flash'
    | 'sealedCode'
    | 'pendingIdentity'
  >
>;

/** What a sign-in writes in the statement that records it on its interaction (issue 14: one, not three). */
export interface SignInWrites {
  /** Attempt slots a success gives back, as `AttemptCounterStore.refund` does. */
  refund?: readonly { scope: string; key: string }[];
  /** A platform session started, as `SessionStore.create` writes it. */
  session?: { tokenHash: string; userId: number; createdAt: Date; expiresAt: Date };
}

export interface InteractionStore {
  /** `AtOnceStore.answer` (store/interaction-at-once.ts): a form applied at once, or null. */
  answer(
    ...a: Parameters<AtOnceStore['answer']>
  ): Promise<{ interaction: InteractionRecord; client: ClientRecord } | null>;
  /** `AtOnceStore.finish`: the callback in one statement, or null. */
  finish(...a: Parameters<AtOnceStore['finish']>): Promise<InteractionRecord | null>;
  /**
   * Records a new interaction. With `asRead` (a recent read of its client, issue 14), only if that client is
   * still registered with the interaction's redirect_uri and is public or not as read: false when it is not.
   */
  create(interaction: NewInteraction, now: Date, asRead?: ClientRecord): Promise<boolean>;
  find(uid: string): Promise<InteractionRecord | null>;
  /**
   * The interaction and, read fresh in the same statement, its client (null when it is no longer registered)
   * and its person's profiles: what every hosted page needs (issue 14: one statement, not two or three).
   */
  findWithClient(uid: string): Promise<{
    interaction: InteractionRecord;
    client: ClientRecord | null;
    /** The profiles of the interaction's person, by id (none before the login): the pages' next read, folded in. */
    profiles: ProfileRecord[];
  } | null>;
  /**
   * Applies `change`; the interaction as it then is (null when there is none), from the same statement. With
   * `also`, that statement gives back the sign-in's attempt slots and starts its session too: all or nothing.
   */
  update(uid: string, change: InteractionUpdate, also?: SignInWrites): Promise<InteractionRecord | null>;
  /** Marks the interaction complete, once: false when it already was (a second callback visit). */
  complete(uid: string, now: Date): Promise<boolean>;
}

interface InteractionRow {
  uid: string;
  browser_hash: string;
  client_id: string;
  entry: string;
  delivery: Delivery;
  redirect_uri: string | null;
  sealed_state: string | null;
  code_challenge: string | null;
  expected_user_id: number | null;
  user_id: number | null;
  password_at: Date | null;
  second_factor_at: Date | null;
  profile_id: number | null;
  decision: 'allow' | 'deny' | null;
  flash: Flash | null;
  expires_at: Date;
  completed_at: Date | null;
  sealed_code: string | null;
  pending_identity: PendingIdentity | null;
}

const COLUMN: Record<keyof InteractionUpdate, string> = {
  userId: 'user_id',
  passwordAt: 'password_at',
  secondFactorAt: 'second_factor_at',
  profileId: 'profile_id',
  decision: 'decision',
  flash: 'flash',
  sealedCode: 'sealed_code',
  pendingIdentity: 'pending_identity',
};

function interactionRecord(r: InteractionRow): InteractionRecord {
  return {
    uid: r.uid,
    browserHash: r.browser_hash,
    clientId: r.client_id,
    entry: r.entry,
    delivery: r.delivery,
    redirectUri: r.redirect_uri,
    sealedState: r.sealed_state,
    codeChallenge: r.code_challenge,
    expectedUserId: r.expected_user_id,
    userId: r.user_id,
    passwordAt: r.password_at,
    secondFactorAt: r.second_factor_at,
    profileId: r.profile_id,
    decision: r.decision,
    flash: r.flash,
    expiresAt: r.expires_at,
    completedAt: r.completed_at,
    sealedCode: r.sealed_code,
    pendingIdentity: r.pending_identity,
  };
}

export function sqlInteractionStore(db: Queryable): InteractionStore {
  const atOnce = sqlAtOnceStore(db);
  return {
    async answer(...a) {
      const r = await atOnce.answer(...a);
      return r && { interaction: interactionRecord(r.row as unknown as InteractionRow), client: r.client };
    },
    async finish(...a) {
      const r = await atOnce.finish(...a);
      return r && interactionRecord(r as unknown as InteractionRow);
    },
    async create(i, now, asRead) {
      const { rowCount } = await db.query(
        `insert into interactions (uid, browser_hash, client_id, entry, delivery, redirect_uri, sealed_state, code_challenge,
           user_id, password_at, second_factor_at, created_at, expires_at, expected_user_id)
         select $1, $2, $3, $4, $5, $6::text, $7, $8, $9::integer, $10::timestamptz, $11::timestamptz, $12::timestamptz, $13::timestamptz, $14::integer
          where not $15::boolean or exists (select 1 from clients c where c.client_id = $3
                                             and $6::text = any (c.redirect_uris) and c.is_public = $16)`,
        [
          i.uid,
          i.browserHash,
          i.clientId,
          i.entry,
          i.delivery,
          i.redirectUri,
          i.sealedState,
          i.codeChallenge,
          i.userId,
          i.passwordAt,
          i.secondFactorAt,
          now,
          i.expiresAt,
          i.expectedUserId ?? null,
          asRead !== undefined,
          asRead?.isPublic ?? false,
        ],
      );
      return rowCount === 1;
    },
    async find(uid) {
      const { rows } = await db.query<InteractionRow>('select * from interactions where uid = $1', [uid]);
      return rows[0] ? interactionRecord(rows[0]) : null;
    },
    async findWithClient(uid) {
      const { rows } = await db.query<
        InteractionRow & { client: ClientRow | null; profiles: Record<string, unknown>[] }
      >(
        `select i.*, to_jsonb(c) as client,
                (select coalesce(jsonb_agg(to_jsonb(p) order by p.id), '[]'::jsonb)
                   from (select ${PROFILE_COLUMNS} from profiles where user_id = i.user_id) p) as profiles
           from interactions i left join clients c on c.client_id = i.client_id
          where i.uid = $1`,
        [uid],
      );
      const r = rows[0];
      return r
        ? {
            interaction: interactionRecord(r),
            client: r.client ? clientRecord(r.client) : null,
            profiles: r.profiles.map(profileFromJson),
          }
        : null;
    },
    async update(uid, change, also = {}) {
      const entries = Object.entries(change) as [keyof InteractionUpdate, unknown][];
      const { refund = [], session } = also;
      if (entries.length === 0 && refund.length === 0 && !session) return this.find(uid);
      const values: unknown[] = [uid];
      const param = (v: unknown) => `$${values.push(v)}`;
      const sets = entries.map(
        ([k, v]) =>
          `${COLUMN[k]} = ${param((k === 'flash' || k === 'pendingIdentity') && v !== null ? JSON.stringify(v) : v)}`,
      );
      // Data-modifying CTEs run once and to completion whether or not the update reads them.
      const ctes: string[] = [];
      if (refund.length > 0) {
        ctes.push(`refunded as (
          update attempt_counters set attempts = greatest(attempts - 1, 0), not_before = null
           where (scope, key) in (select * from unnest(${param(refund.map((k) => k.scope))}::text[],
                                                      ${param(refund.map((k) => k.key))}::text[])))`);
      }
      if (session) {
        ctes.push(`started as (
          insert into platform_sessions (token_hash, user_id, created_at, expires_at)
          values (${param(session.tokenHash)}, ${param(session.userId)}::integer,
                  ${param(session.createdAt)}::timestamptz, ${param(session.expiresAt)}::timestamptz))`);
      }
      const { rows } = await db.query<InteractionRow>(
        `${ctes.length ? `with ${ctes.join(', ')} ` : ''}update interactions set ${sets.length ? sets.join(', ') : 'uid = uid'} where uid = $1 returning *`,
        values,
      );
      return rows[0] ? interactionRecord(rows[0]) : null;
    },
    async complete(uid, now) {
      const { rowCount } = await db.query(
        'update interactions set completed_at = $2 where uid = $1 and completed_at is null',
        [uid, now],
      );
      return rowCount === 1;
    },
  };
}
