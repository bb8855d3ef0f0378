import {
  bearerErrors,
  CLIENT_TOKEN,
  notFound,
  USER_TOKEN,
  unprocessable,
  wiseErrors,
} from '../../http/schema-bodies.js';

/**
 * Contract §11, https://docs.wise.com/api-reference/webhook: subscriptions at application and profile
 * level, test notifications, and the key that verifies deliveries (ours). The 400s are the schema's; the
 * 422s (an event type not available at this level, another schema version, a refused URL) stay in
 * webhooks/subscriptions.ts.
 */
const MAX_NAME = 255;

const delivery = {
  type: 'object',
  required: ['version', 'url'],
  properties: {
    version: { type: 'string', description: 'The schema version; only `2.0.0`.' },
    url: {
      type: 'string',
      description: 'https://, no query, fragment or credentials, at most 2048 characters.',
    },
  },
} as const;

/** The create body of both levels: every field required. */
export const subscriptionRequest = {
  type: 'object',
  'x-error': { code: 'BAD_REQUEST', message: 'The body must be a JSON object' },
  required: ['name', 'trigger_on', 'delivery'],
  properties: {
    name: {
      type: 'string',
      allOf: [
        {
          maxLength: MAX_NAME,
          // Not blank: what String.prototype.trim() would leave empty.
          pattern: '\\S',
          'x-error': {
            code: 'Size',
            message: `size must be between 1 and ${MAX_NAME}`,
            arguments: [String(MAX_NAME), '1'],
          },
        },
        {
          pattern: '^[^\\u0000-\\u001f\\u007f]*$',
          'x-error': { code: 'Pattern', message: 'must not contain control characters' },
        },
      ],
    },
    trigger_on: { type: 'string', description: 'An event type available at this level.' },
    delivery,
  },
  examples: [
    {
      name: 'Webhook Subscription #1',
      trigger_on: 'transfers#state-change',
      delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
    },
  ],
} as const;

const listedSubscription = {
  type: 'object',
  required: ['id', 'name', 'delivery', 'trigger_on', 'scope', 'created_by'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    delivery,
    trigger_on: { type: 'string' },
    scope: {
      type: 'object',
      required: ['domain', 'id'],
      properties: { domain: { type: 'string', enum: ['application', 'profile'] }, id: { type: 'string' } },
    },
    created_by: {
      type: 'object',
      required: ['type', 'id'],
      properties: { type: { type: 'string', enum: ['application', 'user'] }, id: { type: 'string' } },
    },
  },
} as const;

// Contract §11, the list example of https://docs.wise.com/api-reference/webhook: no `created_at`.
const LISTED_EXAMPLE = {
  id: '72195556-e5cb-495e-a010-b37a4f2a3043',
  name: 'Webhook Subscription #1',
  delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
  trigger_on: 'transfers#state-change',
  scope: { domain: 'application', id: 'f3a3c1c2-0d4b-4d2c-9a4f-1d1f0e0a6c3b' },
  created_by: { type: 'application', id: 'f3a3c1c2-0d4b-4d2c-9a4f-1d1f0e0a6c3b' },
};

const subscription = {
  ...listedSubscription,
  required: [...listedSubscription.required, 'created_at'],
  properties: {
    ...listedSubscription.properties,
    created_at: { type: 'string', examples: ['2019-10-10T13:55:57Z'] },
  },
} as const;

const params = (level: 'application' | 'profile', withId: boolean) => {
  const owner =
    level === 'application'
      ? {
          clientKey: { type: 'string', description: "The client's key (its client id).", examples: ['bank'] },
        }
      : {
          profileId: {
            type: 'string',
            description: 'A profile this token was granted (digits; anything else answers 404).',
            examples: ['30000001'],
          },
        };
  const id = withId
    ? {
        subscriptionId: {
          type: 'string',
          description: 'The subscription id (a UUID; anything else answers 404).',
          examples: ['72195556-e5cb-495e-a010-b37a4f2a3043'],
        },
      }
    : {};
  return { type: 'object', properties: { ...owner, ...id } } as const;
};

const levelText = (level: 'application' | 'profile') =>
  level === 'application'
    ? 'Application level: a client-credentials token of the client whose key is in the path.'
    : 'Profile level: a user token granted that profile.';

const page = (level: 'application' | 'profile', call: string) =>
  `https://docs.wise.com/api-reference/webhook "${call} ${level === 'application' ? 'Application' : 'Profile'} Webhook Subscription"`;

/**
 * The examples of one level: Wise's application-level ones; at profile level Wise's get and list examples'
 * `scope` and `created_by` (contract §11: the profile, the user who made it).
 */
function examplesOf(level: 'application' | 'profile') {
  const listed =
    level === 'application'
      ? LISTED_EXAMPLE
      : {
          ...LISTED_EXAMPLE,
          trigger_on: 'balances#credit',
          scope: { domain: 'profile', id: '30000001' },
          created_by: { type: 'user', id: '12345' },
        };
  return { listed: [[listed]], one: [{ ...listed, created_at: '2019-10-10T13:55:57Z' }] };
}

/** The four calls of one level. */
export function subscriptionSchemas(level: 'application' | 'profile') {
  const examples = examplesOf(level);
  const one = { ...subscription, examples: examples.one };
  const common = {
    tags: ['webhooks'],
    security: level === 'application' ? CLIENT_TOKEN : USER_TOKEN,
  } as const;
  const unknown = {
    ...notFound,
    description: 'An unknown subscription, or another client or profile (ours).',
  };
  return {
    create: {
      ...common,
      summary: `Create a ${level} webhook subscription`,
      description: `Contract §11, ${page(level, 'Create')}. ${levelText(level)} Answers 201 (ours: Wise shows no status).`,
      params: params(level, false),
      body: subscriptionRequest,
      response: {
        201: one,
        400: {
          ...wiseErrors,
          description: 'A field missing (`NotNull`), of another type, a blank or long name.',
        },
        404: unknown,
        422: {
          ...unprocessable,
          description: 'An event type not at this level, another version, a refused URL.',
        },
        ...bearerErrors,
      },
    },
    list: {
      ...common,
      summary: `List ${level} webhook subscriptions`,
      description: `Contract §11, ${page(level, 'List')}: without \`created_at\`. ${levelText(level)}`,
      params: params(level, false),
      response: {
        200: { type: 'array', items: listedSubscription, examples: examples.listed },
        404: unknown,
        ...bearerErrors,
      },
    },
    get: {
      ...common,
      summary: `Get a ${level} webhook subscription`,
      description: `Contract §11, ${page(level, 'Get')}. ${levelText(level)}`,
      params: params(level, true),
      response: { 200: one, 404: unknown, ...bearerErrors },
    },
    delete: {
      ...common,
      summary: `Delete a ${level} webhook subscription`,
      description: `Contract §11, ${page(level, 'Delete')}: 204, no body. ${levelText(level)}`,
      params: params(level, true),
      response: { 204: { type: 'null', description: 'Deleted.' }, 404: unknown, ...bearerErrors },
    },
  } as const;
}

export const testNotificationSchema = {
  summary: 'Send a test notification',
  description:
    'Contract §11, https://docs.wise.com/api-reference/webhook "Test Notifications": application level only; ' +
    'queued and retried like any delivery, sent with `X-Test-Notification: true`. Answers 201 (ours).',
  tags: ['webhooks'],
  security: CLIENT_TOKEN,
  params: params('application', true),
  response: {
    201: {
      type: 'array',
      items: {
        type: 'object',
        required: ['delivery_id', 'created_at'],
        properties: { delivery_id: { type: 'string' }, created_at: { type: 'string' } },
      },
      // Contract §11 (ours): the test delivery queued, its X-Delivery-Id and when.
      examples: [
        [{ delivery_id: '3f0c8d2e-5b7a-4c1e-9f6d-2a8b4e1c7d90', created_at: '2019-10-10T13:55:57Z' }],
      ],
    },
    404: notFound,
    ...bearerErrors,
  },
} as const;

export const publicKeySchema = {
  summary: 'The key that verifies webhook signatures',
  description:
    'Contract §11 (ours): the SPKI PEM that verifies `X-Signature-SHA256`; no authentication. Against real ' +
    'Wise use the keys of https://docs.wise.com/guides/developer/webhooks/event-handling.',
  tags: ['webhooks'],
  security: [],
  response: {
    200: {
      type: 'object',
      required: ['publicKey'],
      properties: { publicKey: { type: 'string' } },
      examples: [
        {
          publicKey:
            '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA…\n-----END PUBLIC KEY-----\n',
        },
      ],
    },
  },
} as const;
