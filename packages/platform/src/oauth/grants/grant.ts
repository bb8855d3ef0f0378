import type { Platform } from '../../context.js';
import type { FormParams } from '../../http/form.js';
import type { CounterLimit } from '../../store/attempt-counters.js';
import type { ClientRecord } from '../../store/clients.js';
import type { ClientTokenResponse } from '../tokens.js';

export interface GrantContext {
  platform: Platform;
  client: ClientRecord;
  params: FormParams;
  /** The client's attempt counters its write must find open (`confirmsCounters`); else none, checked. */
  counters: readonly CounterLimit[];
}

/**
 * Not an answer: the client changed (on any instance) after this instance read it, so the request is
 * authenticated again from the database. Never leaves the token endpoint.
 */
export { ClientChanged } from '../../store/refresh-lock.js';

/** A form parameter of a grant: always a string (RFC 6749 §3.2 form encoding), described for OpenAPI. */
export interface GrantParameter {
  readonly type: 'string';
  readonly description: string;
}

/**
 * The grant's own parameters as a JSON Schema fragment: what the token body's schema (oauth/token-body.ts)
 * is built from, so the OpenAPI document lists them and the schema checks `required` before the handler
 * runs, in this order (the first one missing is the one named).
 */
export interface GrantParameters {
  readonly properties: Readonly<Record<string, GrantParameter>>;
  readonly required: readonly string[];
}

/** One grant type of the token endpoint, in its own file, registered in `grants/index.ts`. */
export interface Grant {
  readonly grantType: string;
  readonly parameters: GrantParameters;
  /**
   * True when the handler's write confirms the client as authenticated (issue 14): the client may then come
   * from this instance's recent reads (`ClientStore.findRecent`), and the handler throws `ClientChanged` when
   * its write finds it changed, so that the endpoint authenticates again from the database.
   */
  readonly confirmsClient?: boolean;
  /**
   * With `confirmsClient`: the handler's write also checks the client's secret counters (issue 14), the
   * context's `counters`, and throws `ClientChanged` when one is closed, so a right secret costs no read of
   * them before the write; the endpoint's second try reads them and answers the refusal.
   */
  readonly confirmsCounters?: boolean;
  handler(context: GrantContext): Promise<ClientTokenResponse>;
}
