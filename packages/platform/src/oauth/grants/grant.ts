import type { Platform } from '../../context.js';
import type { FormParams } from '../../http/form.js';
import type { ClientRecord } from '../../store/clients.js';
import type { ClientTokenResponse } from '../tokens.js';

export interface GrantContext {
  platform: Platform;
  client: ClientRecord;
  params: FormParams;
}

/**
 * Not an answer: the client changed (on any instance) after this instance read it, so the request is
 * authenticated again from the database. Never leaves the token endpoint.
 */
export class ClientChanged extends Error {}

/**
 * One grant type of the token endpoint, in its own file, registered in `grants/index.ts`.
 * `parameters` are checked present before the handler runs.
 */
export interface Grant {
  readonly grantType: string;
  readonly parameters: readonly string[];
  /**
   * True when the handler's write confirms the client as authenticated (issue 14): the client may then come
   * from this instance's recent reads (`ClientStore.findRecent`), and the handler throws `ClientChanged` when
   * its write finds it changed, so that the endpoint authenticates again from the database.
   */
  readonly confirmsClient?: boolean;
  handler(context: GrantContext): Promise<ClientTokenResponse>;
}
