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
 * One grant type of the token endpoint, in its own file, registered in `grants/index.ts`.
 * `parameters` are checked present before the handler runs.
 */
export interface Grant {
  readonly grantType: string;
  readonly parameters: readonly string[];
  handler(context: GrantContext): Promise<ClientTokenResponse>;
}
