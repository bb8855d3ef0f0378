import type { Queryable } from '@account-access/db';
import type { NewAuthorizationCode } from './authorization-codes.js';
import { type ClientRecord, type ClientRow, clientRecord } from './clients.js';

/**
 * Issue 14: a hosted form (profile, consent) and the callback in ONE statement each, the interaction's read
 * folded into its write: the write applies only when the interaction is this browser's, live, its client still
 * registered, and the flow is at that step, judged by the same rule as the flow's policy (interaction/policy.ts,
 * each step's `done`), written here in SQL. When it does not apply, nothing is written and the caller takes the
 * ordinary way (read, decide, write), which says why.
 */
const DONE = {
  claim: `(i.entry <> 'claim' or i.password_at is not null or i.user_id is null)`,
  login: '(i.user_id is not null and i.password_at is not null)',
  secondFactor: 'i.second_factor_at is not null',
  profile: 'i.profile_id is not null',
  consent: 'i.decision is not null',
};
const SIGNED_IN = `${DONE.claim} and ${DONE.login} and ${DONE.secondFactor}`;

/** Where a form may be answered at once: the profile while no decision is made (Back may change it), consent when current. */
const ANSWERABLE = {
  profile: `${SIGNED_IN} and not ${DONE.consent}`,
  consent: `${SIGNED_IN} and ${DONE.profile} and not ${DONE.consent}`,
} as const;

const LIVE = `i.uid = $1 and i.browser_hash = $2 and i.completed_at is null and i.expires_at > $3
  and exists (select 1 from clients c where c.client_id = i.client_id)`;

/** A change a form applies at once (`AtOnceStore.answer`). */
export type AtOnceChange =
  | { step: 'profile'; profileId: number }
  | { step: 'consent'; decision: 'allow' | 'deny' };

export interface AtOnceStore {
  /**
   * Applies a profile choice (only one of the person's own profiles) or a consent decision, and clears the
   * flash, if the flow is at that step: the interaction's row as it then is, with its client; else null.
   */
  answer(
    uid: string,
    browserHash: string,
    change: AtOnceChange,
    now: Date,
  ): Promise<{ row: Record<string, unknown>; client: ClientRecord } | null>;
  /**
   * Completes an interaction whose every step is done and whose delivery is a redirect, and on Allow stores
   * its code (`code`, bound as the interaction says), in one statement: its row, or null when it does not apply
   * (then nothing is written). Of parallel callbacks, only the one that completed it has a code.
   */
  finish(
    uid: string,
    browserHash: string,
    code: Pick<NewAuthorizationCode, 'codeHash' | 'expiresAt'>,
    now: Date,
  ): Promise<Record<string, unknown> | null>;
}

export function sqlAtOnceStore(db: Queryable): AtOnceStore {
  return {
    async answer(uid, browserHash, change, now) {
      const sql =
        change.step === 'profile'
          ? `update interactions i set profile_id = $4, flash = null
              where ${LIVE} and ${ANSWERABLE.profile}
                and exists (select 1 from profiles p where p.id = $4 and p.user_id = i.user_id)`
          : `update interactions i set decision = $4, flash = null where ${LIVE} and ${ANSWERABLE.consent}`;
      const { rows } = await db.query<Record<string, unknown> & { client: ClientRow }>(
        `${sql} returning i.*, (select to_jsonb(c) from clients c where c.client_id = i.client_id) as client`,
        [uid, browserHash, now, change.step === 'profile' ? change.profileId : change.decision],
      );
      const r = rows[0];
      return r ? { row: r, client: clientRecord(r.client) } : null;
    },
    async finish(uid, browserHash, code, now) {
      const { rows } = await db.query<Record<string, unknown>>(
        `with done as (
           update interactions i set completed_at = $3
            where ${LIVE} and ${SIGNED_IN} and ${DONE.profile} and ${DONE.consent}
              and i.delivery = 'redirect' and i.redirect_uri is not null
           returning i.*),
         code as (
           insert into authorization_codes (code_hash, client_id, delivery, redirect_uri, user_id, profile_id,
             code_challenge, created_at, expires_at)
           select $4, client_id, 'redirect', redirect_uri, user_id, profile_id, code_challenge, $3, $5
             from done where decision = 'allow')
         select * from done`,
        [uid, browserHash, now, code.codeHash, code.expiresAt],
      );
      return rows[0] ?? null;
    },
  };
}
