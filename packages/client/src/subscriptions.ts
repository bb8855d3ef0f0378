/**
 * Webhook subscriptions (contract §11): application subscriptions with the client-credentials token
 * (create, list, get, delete, test notifications) and profile subscriptions with a user token (create,
 * list, get, delete). Bodies keep Wise's field names (`trigger_on`, `delivery`, `created_at`).
 *
 * Wise docs: https://docs.wise.com/api-reference/webhook
 *
 * @module
 */
import { type ClientTokenSource, sendWithClientToken } from './client-token.js';
import { bearer, type ClientContext } from './context.js';
import { WiseResponseError } from './errors.js';
import { ensureOk, type HttpRequest, type HttpResponse, type RequestOptions, readJson } from './http.js';
import { isRecord } from './json.js';

/**
 * Body of a create-subscription call (contract §11); every field is required.
 * @see https://docs.wise.com/api-reference/webhook
 */
export interface WebhookSubscriptionInput {
  /** A name to tell the subscription apart. */
  readonly name: string;
  /** The event type, e.g. `profiles#verification-state-change`. */
  readonly trigger_on: string;
  /** `version`: the event schema version (`2.0.0`); `url`: where events are POSTed. */
  readonly delivery: { readonly version: string; readonly url: string };
}

/**
 * A subscription as Wise answers it (contract §11). `created_at` is absent from Wise's list example, so it
 * is optional.
 * @see https://docs.wise.com/api-reference/webhook
 */
export interface WebhookSubscription extends WebhookSubscriptionInput {
  /** A UUID. */
  readonly id: string;
  /** `domain` is `application` (with the client key) or `profile` (with the profile id). */
  readonly scope?: { readonly domain: string; readonly id: string };
  /** `type` is `application` or `user`. */
  readonly created_by?: { readonly type: string; readonly id: string };
  readonly created_at?: string;
}

/**
 * One queued test notification (contract §11): its `delivery_id` is the `X-Delivery-Id` it will carry.
 * @see https://docs.wise.com/api-reference/webhook
 */
export interface TestNotification {
  readonly delivery_id: string;
  readonly created_at: string;
}

/**
 * The subscription calls, grouped on `WiseClient.subscriptions` (contract §11). Application calls take
 * the client key (Wise hands it out with the credentials; on the platform it is the client id).
 * @see https://docs.wise.com/api-reference/webhook
 */
export interface WebhookSubscriptions {
  readonly application: {
    /** `POST /v3/applications/{clientKey}/subscriptions`. Not retried. */
    create(
      clientKey: string,
      input: WebhookSubscriptionInput,
      options?: RequestOptions,
    ): Promise<WebhookSubscription>;
    /** `GET /v3/applications/{clientKey}/subscriptions`. */
    list(clientKey: string, options?: RequestOptions): Promise<WebhookSubscription[]>;
    /** `GET /v3/applications/{clientKey}/subscriptions/{subscriptionId}`. */
    get(clientKey: string, subscriptionId: string, options?: RequestOptions): Promise<WebhookSubscription>;
    /** `DELETE /v3/applications/{clientKey}/subscriptions/{subscriptionId}` (204 No Content). */
    delete(clientKey: string, subscriptionId: string, options?: RequestOptions): Promise<void>;
    /** `POST …/{subscriptionId}/test-notifications`: the queued deliveries. Not retried. */
    test(clientKey: string, subscriptionId: string, options?: RequestOptions): Promise<TestNotification[]>;
  };
  readonly profile: {
    /** `POST /v3/profiles/{profileId}/subscriptions` with a user token. Not retried. */
    create(
      accessToken: string,
      profileId: number | string,
      input: WebhookSubscriptionInput,
      options?: RequestOptions,
    ): Promise<WebhookSubscription>;
    /** `GET /v3/profiles/{profileId}/subscriptions`. */
    list(
      accessToken: string,
      profileId: number | string,
      options?: RequestOptions,
    ): Promise<WebhookSubscription[]>;
    /** `GET /v3/profiles/{profileId}/subscriptions/{subscriptionId}`. */
    get(
      accessToken: string,
      profileId: number | string,
      subscriptionId: string,
      options?: RequestOptions,
    ): Promise<WebhookSubscription>;
    /** `DELETE /v3/profiles/{profileId}/subscriptions/{subscriptionId}` (204 No Content). */
    delete(
      accessToken: string,
      profileId: number | string,
      subscriptionId: string,
      options?: RequestOptions,
    ): Promise<void>;
  };
}

type Send = (
  build: (headers: Record<string, string>) => HttpRequest,
  options?: RequestOptions,
) => Promise<HttpResponse>;

/** The subscription calls over one client context (`createClient` wires them). */
export function createSubscriptions(
  ctx: ClientContext,
  clientTokens: ClientTokenSource,
): WebhookSubscriptions {
  const asApplication: Send = (build, options) =>
    sendWithClientToken(ctx, clientTokens, (token) => build(bearer(token)), options);
  const asUser =
    (accessToken: string): Send =>
    (build) =>
      ctx.http.send(build(bearer(accessToken)));
  const app = (clientKey: string) => `/v3/applications/${encodeURIComponent(clientKey)}/subscriptions`;
  const profile = (id: number | string) => `/v3/profiles/${encodeURIComponent(String(id))}/subscriptions`;
  const one = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

  return {
    application: {
      create: (clientKey, input, o) => create(asApplication, app(clientKey), input, o),
      list: (clientKey, o) => list(asApplication, app(clientKey), o),
      get: (clientKey, id, o) => get(asApplication, one(app(clientKey), id), o),
      delete: (clientKey, id, o) => remove(asApplication, one(app(clientKey), id), o),
      test: (clientKey, id, o) => test(asApplication, `${one(app(clientKey), id)}/test-notifications`, o),
    },
    profile: {
      create: (token, profileId, input, o) => create(asUser(token), profile(profileId), input, o),
      list: (token, profileId, o) => list(asUser(token), profile(profileId), o),
      get: (token, profileId, id, o) => get(asUser(token), one(profile(profileId), id), o),
      delete: (token, profileId, id, o) => remove(asUser(token), one(profile(profileId), id), o),
    },
  };
}

function request(
  method: HttpRequest['method'],
  path: string,
  idempotent: boolean,
  options: RequestOptions | undefined,
  json?: unknown,
) {
  return (headers: Record<string, string>): HttpRequest => ({
    method,
    path,
    headers,
    idempotent,
    ...(json === undefined ? {} : { json }),
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
  });
}

async function create(send: Send, path: string, input: WebhookSubscriptionInput, options?: RequestOptions) {
  const json = { name: input.name, trigger_on: input.trigger_on, delivery: { ...input.delivery } };
  const response = await send(request('POST', path, false, options, json), options);
  return readSubscription(response, readJson(response));
}

async function list(send: Send, path: string, options?: RequestOptions) {
  const response = await send(request('GET', path, true, options), options);
  const json = readJson(response);
  if (!Array.isArray(json)) {
    throw new WiseResponseError(response.endpoint, response.status, response.body, 'not a list');
  }
  return json.map((item) => readSubscription(response, item));
}

async function get(send: Send, path: string, options?: RequestOptions) {
  const response = await send(request('GET', path, true, options), options);
  return readSubscription(response, readJson(response));
}

async function remove(send: Send, path: string, options?: RequestOptions): Promise<void> {
  ensureOk(await send(request('DELETE', path, true, options), options));
}

async function test(send: Send, path: string, options?: RequestOptions): Promise<TestNotification[]> {
  const response = await send(request('POST', path, false, options), options);
  const json = readJson(response);
  const ok = (x: unknown): x is TestNotification =>
    isRecord(x) && typeof x['delivery_id'] === 'string' && typeof x['created_at'] === 'string';
  if (!Array.isArray(json) || !json.every(ok)) {
    throw new WiseResponseError(response.endpoint, response.status, response.body, 'not test notifications');
  }
  return json.map((x) => ({ delivery_id: x.delivery_id, created_at: x.created_at }));
}

function readSubscription(response: HttpResponse, json: unknown): WebhookSubscription {
  const fail = (why: string) => new WiseResponseError(response.endpoint, response.status, response.body, why);
  if (!isRecord(json) || typeof json['id'] !== 'string') throw fail('not a subscription');
  const delivery = json['delivery'];
  if (!isRecord(delivery) || typeof delivery['url'] !== 'string' || typeof delivery['version'] !== 'string') {
    throw fail('subscription without delivery');
  }
  if (typeof json['trigger_on'] !== 'string') throw fail('subscription without trigger_on');
  // Ids are strings in Wise's examples; a number is read as its decimal text.
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  const pair = (value: unknown, a: string, b: string) => {
    if (!isRecord(value)) return undefined;
    const [x, y] = [text(value[a]), text(value[b])];
    return x !== undefined && y !== undefined ? { [a]: x, [b]: y } : undefined;
  };
  const scope = pair(json['scope'], 'domain', 'id') as WebhookSubscription['scope'];
  const createdBy = pair(json['created_by'], 'type', 'id') as WebhookSubscription['created_by'];
  return {
    id: json['id'],
    name: typeof json['name'] === 'string' ? json['name'] : '',
    trigger_on: json['trigger_on'],
    delivery: { version: delivery['version'], url: delivery['url'] },
    ...(scope ? { scope } : {}),
    ...(createdBy ? { created_by: createdBy } : {}),
    ...(typeof json['created_at'] === 'string' ? { created_at: json['created_at'] } : {}),
  };
}
