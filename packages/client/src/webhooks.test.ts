// verifyWebhook against Wise's documented event bodies (the test oracle), signed in the test with a
// generated RSA key pair the way Wise signs: RSA PKCS#1 v1.5 over SHA-256 of the raw body, base64.
// https://docs.wise.com/guides/developer/webhooks/event-handling
// https://docs.wise.com/guides/developer/webhooks/event-types
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  parseWebhookEvent,
  verifyWebhook,
  WebhookPayloadError,
  WebhookSignatureError,
  WISE_WEBHOOK_PUBLIC_KEYS,
} from './webhooks.js';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const { publicKey, privateKey } = pair();
const PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const signed = (body: string, key = privateKey) => sign('sha256', Buffer.from(body), key).toString('base64');

// The examples of https://docs.wise.com/guides/developer/webhooks/event-types, byte for byte.
const VERIFICATION = `{
  "data": {
    "resource": {
      "type": "profile",
      "id": 111
    },
    "current_state": "verified",
    "occurred_at": "2020-01-01T12:34:56Z"
  },
  "subscription_id": "01234567-89ab-cdef-0123-456789abcdef",
  "event_type": "profiles#verification-state-change",
  "schema_version": "2.0.0",
  "sent_at": "2020-01-01T12:34:56Z"
}`;
const CDD = `{
  "data": {
    "resource": {
      "type": "profile",
      "id": 111
    },
    "current_state": "EVIDENCE_REQUIRED",
    "review_outcome": "Document is not acceptable",
    "required_evidences": [
      "SOURCE_OF_INCOME"
    ],
    "source_of_income": "INVESTMENTS",
    "occurred_at": "2020-01-01T12:34:56Z"
  },
  "subscription_id": "01234567-89ab-cdef-0123-456789abcdef",
  "event_type": "profiles#cdd-check-state-change",
  "schema_version": "2.0.0",
  "sent_at": "2020-01-01T12:34:56Z"
}`;
const USER = `{
  "data": {
    "resource": {
      "id": 1234,
      "type": "user"
    },
    "previous_state": "ACTIVE",
    "current_state": "WITHDRAW_ONLY",
    "deactivation_type": "ACCOUNT_SUSPENSION",
    "deactivation_reason": "REQUESTED_BY_CUSTOMER_CS",
    "occurred_at": "2020-01-01T12:34:567Z"
  },
  "event_type": "users#state-change",
  "schema_version": "2.0.0",
  "sent_at": "2020-01-01T12:34:56Z",
  "subscription_id": "f5b51f77-e14a-433b-9f7c-fc2834ffcff5"
}`;
const KYC = `{
  "data": {
    "resource": {
      "id": "46e1a5c4-4a9b-4563-39d3-18174d3ac0f8",
      "state": "WAITING_CUSTOMER_INPUT",
      "profileId": 22016766,
      "requiredBy": "2024-09-03T16:22:02.257725",
      "createdAt": "2024-09-03T16:22:02.257725",
      "updatedAt": "2024-09-03T16:29:41.147522",
      "triggerReferences": [
        {
          "type": "QUOTE",
          "triggerData": {
            "id": "ba83s43a-f623-46f0-956d-196c13e2ab01"
          }
        }
      ]
    }
  },
  "subscription_id": "8df95817-8085-40aa-9bda-e3bf46e7a21a",
  "event_type": "kyc-reviews#state-change",
  "schema_version": "2.0.0",
  "sent_at": "2024-09-03T16:29:42Z"
}`;
// https://docs.wise.com/api-reference/webhook: the example test notification (another event type).
const TRANSFER = `{
  "data": {
    "resource": { "id": 0, "profile_id": 0, "account_id": 0, "type": "transfer" },
    "current_state": "processing",
    "previous_state": "incoming_payment_waiting",
    "occurred_at": "2019-03-28T11:22:33Z"
  },
  "subscription_id": "39f241b7-293d-439e-beb3-4bf947bd4ff8",
  "event_type": "transfers#state-change",
  "schema_version": "2.0.0",
  "sent_at": "2019-03-28T11:22:33Z"
}`;

describe('verifyWebhook on Wise’s documented events', () => {
  for (const [name, body] of Object.entries({ VERIFICATION, CDD, USER, KYC })) {
    it(`verifies and types the ${name} example, data exactly as Wise documents it`, () => {
      const event = verifyWebhook(body, signed(body), PEM);
      const wire = JSON.parse(body) as Record<string, unknown>;
      assert.equal(event.type, wire['event_type']);
      assert.deepEqual({ ...event, type: undefined }, { ...wire, type: undefined });
    });
  }

  it('narrows data by type', () => {
    const event = verifyWebhook(VERIFICATION, signed(VERIFICATION), PEM);
    assert.equal(event.type, 'profiles#verification-state-change');
    if (event.type !== 'profiles#verification-state-change') return;
    assert.equal(event.data.resource.id, 111);
    assert.equal(event.data.current_state, 'verified');
    const user = verifyWebhook(USER, signed(USER), PEM);
    assert.ok(user.type === 'users#state-change' && user.data.deactivation_type === 'ACCOUNT_SUSPENSION');
  });

  it('accepts the raw body as bytes', () => {
    const event = verifyWebhook(new TextEncoder().encode(CDD), signed(CDD), PEM);
    assert.equal(event.type, 'profiles#cdd-check-state-change');
  });

  it('types other event types, and known types in another shape, as unknown', () => {
    const other = verifyWebhook(TRANSFER, signed(TRANSFER), PEM);
    assert.equal(other.type, 'unknown');
    assert.equal(other.event_type, 'transfers#state-change');
    const reshaped = VERIFICATION.replace('"id": 111', '"id": "111"');
    assert.equal(verifyWebhook(reshaped, signed(reshaped), PEM).type, 'unknown');
  });
});

describe('verifyWebhook refuses what Wise says not to process', () => {
  const refused = (fn: () => unknown, reason: string) =>
    assert.throws(fn, (e: unknown) => e instanceof WebhookSignatureError && e.reason === reason);

  it('refuses a missing or empty signature', () => {
    refused(() => verifyWebhook(VERIFICATION, undefined, PEM), 'missing');
    refused(() => verifyWebhook(VERIFICATION, '  ', PEM), 'missing');
  });

  it('refuses a signature that is not base64', () => {
    refused(() => verifyWebhook(VERIFICATION, 'not base64!', PEM), 'malformed');
    refused(() => verifyWebhook(VERIFICATION, 'abc', PEM), 'malformed');
  });

  it('refuses a body changed by one byte', () => {
    const signature = signed(VERIFICATION);
    refused(() => verifyWebhook(VERIFICATION.replace('verified', 'verifiee'), signature, PEM), 'mismatch');
    refused(() => verifyWebhook(`${VERIFICATION}\n`, signature, PEM), 'mismatch');
  });

  it('refuses a signature made with another key', () => {
    refused(() => verifyWebhook(VERIFICATION, signed(VERIFICATION, pair().privateKey), PEM), 'mismatch');
  });

  it('refuses a signature made by Wise’s key pair for another environment', () => {
    refused(
      () => verifyWebhook(VERIFICATION, signed(VERIFICATION), WISE_WEBHOOK_PUBLIC_KEYS.sandbox),
      'mismatch',
    );
  });

  it('throws a TypeError for a key that is not an RSA public key', () => {
    assert.throws(() => verifyWebhook(VERIFICATION, signed(VERIFICATION), 'not a key'), TypeError);
  });

  it('refuses a signed body that is not Wise’s envelope', () => {
    for (const body of ['not json', '[]', '{"data":{},"event_type":"x"}']) {
      assert.throws(() => verifyWebhook(body, signed(body), PEM), WebhookPayloadError);
    }
  });
});

describe('WISE_WEBHOOK_PUBLIC_KEYS', () => {
  it('holds Wise’s two published RSA keys', () => {
    const production = createPublicKey(WISE_WEBHOOK_PUBLIC_KEYS.production);
    const sandbox = createPublicKey(WISE_WEBHOOK_PUBLIC_KEYS.sandbox);
    assert.equal(production.asymmetricKeyType, 'rsa');
    assert.equal(sandbox.asymmetricKeyType, 'rsa');
    assert.notEqual(WISE_WEBHOOK_PUBLIC_KEYS.production, WISE_WEBHOOK_PUBLIC_KEYS.sandbox);
    // The first line after the header, as on https://docs.wise.com/guides/developer/webhooks/event-handling
    assert.match(
      WISE_WEBHOOK_PUBLIC_KEYS.production,
      /\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvO8vXV\+JksBzZAY6GhSO\n/,
    );
    assert.match(
      WISE_WEBHOOK_PUBLIC_KEYS.sandbox,
      /\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwpb91cEYuyJNQepZAVfP\n/,
    );
  });
});

describe('parseWebhookEvent', () => {
  it('reads the basic payload of the event-handling page as unknown', () => {
    const event = parseWebhookEvent(
      '{"data": {}, "subscription_id": "01234567-89ab-cdef-0123-456789abcdef", "event_type": "event#type", "schema_version": "2.0.0", "sent_at": "2020-01-01T12:34:56Z"}',
    );
    assert.equal(event.type, 'unknown');
    assert.equal(event.sent_at, '2020-01-01T12:34:56Z');
  });
});
