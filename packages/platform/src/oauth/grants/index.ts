import { authorizationCode } from './authorization-code.js';
import { clientCredentials } from './client-credentials.js';
import type { Grant } from './grant.js';
import { refreshToken } from './refresh-token.js';
import { registrationCode } from './registration-code.js';

/** The grant types of POST /oauth/token, by `grant_type`. A new grant is a new file and one line here. */
export const GRANTS: ReadonlyMap<string, Grant> = new Map(
  [clientCredentials, registrationCode, refreshToken, authorizationCode].map((g) => [g.grantType, g]),
);
