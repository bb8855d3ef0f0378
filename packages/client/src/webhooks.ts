/**
 * Webhook events (contract §11): verify the `X-Signature-SHA256` of a delivery and read it as a typed event.
 *
 * Wise signs the raw body bytes with RSA PKCS#1 v1.5 over SHA-256 and sends the signature base64-encoded;
 * the body is Wise's envelope, schema version 2.0.0. Verification is synchronous (as payment SDKs' helpers
 * are), so it uses `node:crypto`: the one Node-only import of the package.
 *
 * Wise docs: https://docs.wise.com/guides/developer/webhooks/event-handling,
 * https://docs.wise.com/guides/developer/webhooks/event-types
 *
 * @module
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { isRecord } from './json.js';

/**
 * Wise's public keys for webhook signatures, as Wise publishes them (contract §11). The platform serves its
 * own at `GET /v1/webhooks/public-key`.
 * @see https://docs.wise.com/guides/developer/webhooks/event-handling
 */
export const WISE_WEBHOOK_PUBLIC_KEYS: { readonly sandbox: string; readonly production: string } =
  Object.freeze({
    production: `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvO8vXV+JksBzZAY6GhSO
XdoTCfhXaaiZ+qAbtaDBiu2AGkGVpmEygFmWP4Li9m5+Ni85BhVvZOodM9epgW3F
bA5Q1SexvAF1PPjX4JpMstak/QhAgl1qMSqEevL8cmUeTgcMuVWCJmlge9h7B1CS
D4rtlimGZozG39rUBDg6Qt2K+P4wBfLblL0k4C4YUdLnpGYEDIth+i8XsRpFlogx
CAFyH9+knYsDbR43UJ9shtc42Ybd40Afihj8KnYKXzchyQ42aC8aZ/h5hyZ28yVy
Oj3Vos0VdBIs/gAyJ/4yyQFCXYte64I7ssrlbGRaco4nKF3HmaNhxwyKyJafz19e
HwIDAQAB
-----END PUBLIC KEY-----
`,
    sandbox: `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwpb91cEYuyJNQepZAVfP
ZIlPZfNUefH+n6w9SW3fykqKu938cR7WadQv87oF2VuT+fDt7kqeRziTmPSUhqPU
ys/V2Q1rlfJuXbE+Gga37t7zwd0egQ+KyOEHQOpcTwKmtZ81ieGHynAQzsn1We3j
wt760MsCPJ7GMT141ByQM+yW1Bx+4SG3IGjXWyqOWrcXsxAvIXkpUD/jK/L958Cg
nZEgz0BSEh0QxYLITnW1lLokSx/dTianWPFEhMC9BgijempgNXHNfcVirg1lPSyg
z7KqoKUN0oHqWLr2U1A+7kqrl6O2nx3CKs1bj1hToT1+p4kcMoHXA7kA+VBLUpEs
VwIDAQAB
-----END PUBLIC KEY-----
`,
  });

/**
 * Why a delivery was refused (contract §11): no `X-Signature-SHA256`, a value that is not base64, or a
 * signature that does not match the body under the key.
 * @see https://docs.wise.com/guides/developer/webhooks/event-handling
 */
export type WebhookSignatureFailure = 'missing' | 'malformed' | 'mismatch';

/**
 * Thrown by {@link verifyWebhook} for a missing or bad signature (contract §11): do not process the body.
 * @see https://docs.wise.com/guides/developer/webhooks/event-handling
 */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
  readonly kind = 'webhook_signature' as const;
  readonly reason: WebhookSignatureFailure;

  constructor(reason: WebhookSignatureFailure) {
    super(
      `webhook signature ${reason === 'missing' ? 'missing' : reason === 'malformed' ? 'malformed' : 'does not match'}`,
    );
    this.reason = reason;
  }
}

/**
 * Thrown by {@link verifyWebhook} when a correctly signed body is not Wise's envelope (contract §11): not
 * JSON, or without `event_type`, `data`, `subscription_id`, `schema_version` or `sent_at`.
 * @see https://docs.wise.com/guides/developer/webhooks/event-handling
 */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
  readonly kind = 'webhook_payload' as const;
}

/**
 * The envelope fields every event shares (contract §11), named as Wise names them.
 * @see https://docs.wise.com/guides/developer/webhooks/event-handling
 */
export interface WebhookEnvelope {
  /** The subscription that triggered the delivery. */
  readonly subscription_id: string;
  /** `2.0.0` for the events of this flow. */
  readonly schema_version: string;
  /** When the notification was sent, e.g. `2020-01-01T12:34:56Z`. */
  readonly sent_at: string;
}

/**
 * `data` of `profiles#verification-state-change` (contract §11): `verified` means the user may make
 * payments; `not_verified` means wait.
 * @see https://docs.wise.com/guides/developer/webhooks/event-types
 */
export interface VerificationStateChangeData {
  readonly resource: { readonly type: 'profile'; readonly id: number };
  readonly current_state: 'verified' | 'not_verified' | (string & {});
  readonly occurred_at: string;
}

/**
 * `data` of `profiles#cdd-check-state-change`, the additional verification (contract §11).
 * @see https://docs.wise.com/guides/developer/webhooks/event-types
 */
export interface CddCheckStateChangeData {
  readonly resource: { readonly type: 'profile'; readonly id: number };
  readonly current_state: 'VERIFIED' | 'EVIDENCE_REQUIRED' | (string & {});
  readonly review_outcome?: string;
  readonly required_evidences: readonly string[];
  readonly source_of_income?: string;
  readonly source_of_funding?: string;
  readonly occurred_at: string;
}

/**
 * A user's state in `users#state-change` (contract §11): `DEACTIVATED` revokes the user's tokens.
 * @see https://docs.wise.com/guides/developer/webhooks/event-types
 */
export type WiseUserState = 'ACTIVE' | 'WITHDRAW_ONLY' | 'DEACTIVATED' | (string & {});

/**
 * `data` of `users#state-change` (contract §11).
 * @see https://docs.wise.com/guides/developer/webhooks/event-types
 */
export interface UserStateChangeData {
  readonly resource: { readonly type: 'user'; readonly id: number };
  readonly previous_state: WiseUserState;
  readonly current_state: WiseUserState;
  /** `ACCOUNT_SUSPENSION` or `ACCOUNT_CLOSURE`. */
  readonly deactivation_type?: string;
  readonly deactivation_reason?: string;
  readonly occurred_at: string;
}

/**
 * `data` of `kyc-reviews#state-change` (contract §11); camelCase inside `resource`, as Wise sends it.
 * @see https://docs.wise.com/guides/developer/webhooks/event-types
 */
export interface KycReviewStateChangeData {
  readonly resource: {
    readonly id: string;
    readonly state: string;
    readonly profileId: number;
    readonly requiredBy?: string | null;
    readonly createdAt?: string;
    readonly updatedAt?: string;
    readonly triggerReferences?: ReadonlyArray<{
      readonly type: string;
      readonly triggerData?: { readonly id: string | null };
    }>;
  };
}

/** One known event: `type` repeats `event_type`, so a `switch (event.type)` narrows `data`. */
type KnownEvent<T extends string, D> = WebhookEnvelope & {
  readonly type: T;
  readonly event_type: T;
  readonly data: D;
};

/**
 * A verified event (contract §11). `type` is the `event_type` for the four events of this flow whose
 * `data` has the documented shape, and `'unknown'` for anything else (other event types, other schema
 * versions): acknowledge those, do not fail on them.
 * @see https://docs.wise.com/guides/developer/webhooks/event-types
 */
export type WiseWebhookEvent =
  | KnownEvent<'profiles#verification-state-change', VerificationStateChangeData>
  | KnownEvent<'profiles#cdd-check-state-change', CddCheckStateChangeData>
  | KnownEvent<'users#state-change', UserStateChangeData>
  | KnownEvent<'kyc-reviews#state-change', KycReviewStateChangeData>
  | (WebhookEnvelope & {
      readonly type: 'unknown';
      readonly event_type: string;
      readonly data: Readonly<Record<string, unknown>>;
    });

/**
 * Verifies a delivery's `X-Signature-SHA256` against the raw body bytes and returns the typed event
 * (contract §11). Pass the body exactly as received (before any JSON parsing) and the PEM of the sender:
 * {@link WISE_WEBHOOK_PUBLIC_KEYS} for Wise, the platform's `GET /v1/webhooks/public-key` for the platform.
 *
 * @throws WebhookSignatureError for a missing, malformed or non-matching signature;
 *   WebhookPayloadError for a signed body that is not Wise's envelope; TypeError for a key that is not a
 *   public key.
 * @see https://docs.wise.com/guides/developer/webhooks/event-handling
 * @see https://docs.wise.com/guides/developer/webhooks/event-types
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  signatureHeader: string | undefined,
  publicKey: string,
): WiseWebhookEvent {
  const key = readPublicKey(publicKey);
  const bytes = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const signature = signatureHeader?.trim();
  if (!signature) throw new WebhookSignatureError('missing');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature) || signature.length % 4 !== 0) {
    throw new WebhookSignatureError('malformed');
  }
  if (!verify('sha256', bytes, key, Buffer.from(signature, 'base64'))) {
    throw new WebhookSignatureError('mismatch');
  }
  return parseWebhookEvent(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
}

/**
 * Reads Wise's envelope into a typed event without checking a signature (contract §11): only for bodies
 * already verified, or for tests. {@link verifyWebhook} is the way in.
 *
 * @throws WebhookPayloadError when the text is not Wise's envelope.
 * @see https://docs.wise.com/guides/developer/webhooks/event-types
 */
export function parseWebhookEvent(text: string): WiseWebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebhookPayloadError('webhook body is not JSON');
  }
  if (!isRecord(json)) throw new WebhookPayloadError('webhook body is not a JSON object');
  const { data, subscription_id, event_type, schema_version, sent_at } = json;
  if (!isRecord(data)) throw new WebhookPayloadError('webhook body has no "data" object');
  for (const [name, value] of Object.entries({ subscription_id, event_type, schema_version, sent_at })) {
    if (typeof value !== 'string') throw new WebhookPayloadError(`webhook body has no string "${name}"`);
  }
  const envelope = {
    subscription_id: subscription_id as string,
    event_type: event_type as string,
    schema_version: schema_version as string,
    sent_at: sent_at as string,
  };
  const known = SHAPES[envelope.event_type];
  const type = known?.(data) ? envelope.event_type : 'unknown';
  return { ...envelope, type, data } as WiseWebhookEvent;
}

function readPublicKey(pem: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new TypeError('not an RSA key');
    return key;
  } catch (cause) {
    throw new TypeError('publicKey is not an RSA public key (PEM)', { cause });
  }
}

// ---- the documented shapes, checked on the fields each event's schema marks as always present ---------

const isString = (v: unknown): v is string => typeof v === 'string';
const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function resourceOf(data: Record<string, unknown>, type: string): boolean {
  const r = data['resource'];
  return isRecord(r) && r['type'] === type && isInteger(r['id']);
}

const SHAPES: Readonly<Record<string, (data: Record<string, unknown>) => boolean>> = {
  'profiles#verification-state-change': (d) =>
    resourceOf(d, 'profile') && isString(d['current_state']) && isString(d['occurred_at']),
  'profiles#cdd-check-state-change': (d) =>
    resourceOf(d, 'profile') &&
    isString(d['current_state']) &&
    Array.isArray(d['required_evidences']) &&
    isString(d['occurred_at']),
  'users#state-change': (d) =>
    resourceOf(d, 'user') &&
    isString(d['current_state']) &&
    isString(d['previous_state']) &&
    isString(d['occurred_at']),
  'kyc-reviews#state-change': (d) => {
    const r = d['resource'];
    return isRecord(r) && isString(r['id']) && isString(r['state']) && isInteger(r['profileId']);
  },
};
