import { UnauthorizedClient } from '../../errors/errors.js';
import { issueClientToken } from '../tokens.js';
import { ClientChanged, type Grant } from './grant.js';

/** Contract §1: a 12-hour partner token, no refresh token. Public clients have no credentials to show. */
export const clientCredentials: Grant = {
  grantType: 'client_credentials',
  // Contract §1: only the client's own credentials (HTTP Basic).
  parameters: { properties: {}, required: [] },
  confirmsClient: true,
  confirmsCounters: true,
  async handler({ platform, client, counters }) {
    if (client.secretHash === null)
      throw new UnauthorizedClient('Public clients cannot use the client_credentials grant.');
    const tokens = await issueClientToken(platform, { ...client, secretHash: client.secretHash }, counters);
    if (tokens === null) throw new ClientChanged();
    return tokens;
  },
};
