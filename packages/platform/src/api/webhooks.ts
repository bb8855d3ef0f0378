import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { NotFound } from '../errors/errors.js';
import { requireClientToken, requireUserToken } from '../http/bearer.js';
import { validated } from '../http/schema-errors.js';
import { grantedProfile } from '../profiles/service.js';
import type { SubscriptionRecord, SubscriptionScope } from '../store/webhook-subscriptions.js';
import { signingKey } from '../webhooks/signing.js';
import {
  createSubscription,
  deleteSubscription,
  findSubscription,
  listedBody,
  queueTestNotification,
  subscriptionBody,
} from '../webhooks/subscriptions.js';
import { publicKeySchema, subscriptionSchemas, testNotificationSchema } from './schemas/webhooks.js';

type Params = { clientKey?: string; profileId?: string; subscriptionId?: string };
type Caller = { scope: SubscriptionScope; createdBy: SubscriptionRecord['createdBy'] };

/**
 * Application level: a client-credentials token of the client whose key is in the path (the client key is
 * its client id). Another client's key answers 404 like an unknown one (ours: Wise documents no answer).
 */
async function application(platform: Platform, request: FastifyRequest): Promise<Caller> {
  const grant = await requireClientToken(platform, request);
  if ((request.params as Params).clientKey !== grant.clientId) throw new NotFound('Application not found');
  return {
    scope: { domain: 'application', clientId: grant.clientId },
    createdBy: { type: 'application', id: grant.clientId },
  };
}

/**
 * Profile level: a user token granted that profile (contract §8: another profile is a 404). The
 * subscription is the profile's as seen through this client: another partner's subscriptions on the same
 * profile are not listed (ours: each partner sees only its own URLs).
 */
async function profile(platform: Platform, request: FastifyRequest): Promise<Caller> {
  const grant = await requireUserToken(platform, request);
  const found = await grantedProfile(
    platform.stores.profiles,
    grant,
    (request.params as Params).profileId ?? '',
  );
  return {
    scope: { domain: 'profile', profileId: found.id, clientId: grant.clientId },
    createdBy: { type: 'user', id: String(grant.userId) },
  };
}

/**
 * For calls that take no body (delete, test notifications: Wise's examples send none): a client that sends
 * `Content-Type: application/json` with an empty body anyway is not refused for its empty JSON.
 */
async function noBody(request: FastifyRequest) {
  const empty = !request.headers['transfer-encoding'] && (request.headers['content-length'] ?? '0') === '0';
  if (empty) delete request.headers['content-type'];
}

const subscriptionId = (request: FastifyRequest) => (request.params as Params).subscriptionId ?? '';

/** https://docs.wise.com/api-reference/webhook: the same four calls at both levels. */
function registerLevel(
  app: FastifyInstance,
  platform: Platform,
  base: string,
  caller: (platform: Platform, request: FastifyRequest) => Promise<Caller>,
  schemas: ReturnType<typeof subscriptionSchemas>,
) {
  app.post(base, { schema: schemas.create }, async (request, reply) => {
    const { scope, createdBy } = await caller(platform, request);
    validated(request);
    reply.code(201);
    return subscriptionBody(await createSubscription(platform, scope, createdBy, request.body));
  });
  app.get(base, { schema: schemas.list }, async (request) => {
    const { scope } = await caller(platform, request);
    return (await platform.stores.webhookSubscriptions.list(scope)).map(listedBody);
  });
  app.get(`${base}/:subscriptionId`, { schema: schemas.get }, async (request) => {
    const { scope } = await caller(platform, request);
    return subscriptionBody(await findSubscription(platform, scope, subscriptionId(request)));
  });
  app.delete(
    `${base}/:subscriptionId`,
    { onRequest: noBody, schema: schemas.delete },
    async (request, reply) => {
      const { scope } = await caller(platform, request);
      await deleteSubscription(platform, scope, subscriptionId(request));
      return reply.code(204).send();
    },
  );
}

export function registerWebhookRoutes(app: FastifyInstance, platform: Platform): void {
  registerLevel(
    app,
    platform,
    '/v3/applications/:clientKey/subscriptions',
    application,
    subscriptionSchemas('application'),
  );
  registerLevel(
    app,
    platform,
    '/v3/profiles/:profileId/subscriptions',
    profile,
    subscriptionSchemas('profile'),
  );

  // "this test notification API is only available for application-based subscriptions" (Wise's reference).
  app.post(
    '/v3/applications/:clientKey/subscriptions/:subscriptionId/test-notifications',
    { onRequest: noBody, schema: testNotificationSchema },
    async (request, reply) => {
      const { scope } = await application(platform, request);
      reply.code(201);
      return queueTestNotification(platform, scope, subscriptionId(request));
    },
  );

  // Ours (interfaces "Wire: webhook signature"): the key that verifies X-Signature-SHA256; no auth.
  app.get('/v1/webhooks/public-key', { schema: publicKeySchema }, async () => ({
    publicKey: (await signingKey(platform)).publicKey,
  }));
}
