import { UnauthorizedClient } from '../../errors/errors.js';
import { issueClientToken } from '../tokens.js';
import type { Grant } from './grant.js';

/** Contract §1: a 12-hour partner token, no refresh token. Public clients have no credentials to show. */
export const clientCredentials: Grant = {
  grantType: 'client_credentials',
  parameters: [],
  async handler({ platform, client }) {
    if (client.isPublic)
      throw new UnauthorizedClient('Public clients cannot use the client_credentials grant.');
    return issueClientToken(platform, client);
  },
};
