import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import type { ClientRecord } from '../store/clients.js';
import type { TokenDetails, TokenKind } from '../store/grants.js';

/** RFC 7009 §2.1 and RFC 7662 §2.1: the two `token_type_hint` values this server issues. */
const HINTS: Readonly<Record<string, TokenKind>> = { access_token: 'access', refresh_token: 'refresh' };

export interface FoundToken extends TokenDetails {
  kind: TokenKind;
  tokenHash: string;
}

/**
 * The live token `presented` stands for, if it was issued to `client`; null otherwise. The hint only sets the
 * order of the search: a wrong one still finds the token (RFC 7009 §2.1, RFC 7662 §2.1), and a hint we do
 * not know is ignored, as both RFCs allow, since every token we issue is one of the two kinds.
 * Another client's token is null, exactly as an unknown one, so neither endpoint tells them apart
 * (RFC 7009 §2.2, RFC 7662 §2.2).
 */
export async function findClientToken(
  platform: Platform,
  client: ClientRecord,
  presented: string,
  hint: string | undefined,
): Promise<FoundToken | null> {
  const first = (hint !== undefined && HINTS[hint]) || 'access';
  const kinds: TokenKind[] = first === 'access' ? ['access', 'refresh'] : ['refresh', 'access'];
  const now = platform.now();
  for (const kind of kinds) {
    const domain = kind === 'access' ? HASH.accessToken : HASH.refreshToken;
    const tokenHash = hashSecret(platform.config.serverSecret, domain, presented);
    const found = await platform.stores.grants.findToken(kind, tokenHash, now);
    if (found) return found.clientId === client.clientId ? { ...found, kind, tokenHash } : null;
  }
  return null;
}
