const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Which redirect URIs a partner may register (contract §4): https anywhere, http only for loopback, and
 * custom schemes for native apps (RFC 8252 §7.1). No fragment (RFC 6749 §3.1.2), no userinfo.
 * Returns the reason a URI is refused, or null.
 */
export function validateRedirectUri(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'not an absolute URI';
  }
  if (url.hash || uri.includes('#')) return 'must not have a fragment';
  if (url.username || url.password) return 'must not carry user information';
  const scheme = url.protocol.slice(0, -1);
  if (scheme === 'https') return null;
  if (scheme === 'http')
    return LOOPBACK.has(url.hostname) ? null : 'http is allowed only for loopback addresses';
  if (/^(javascript|data|file|vbscript|blob|about|ftp|ws|wss)$/.test(scheme))
    return `the ${scheme} scheme is not allowed`;
  // A custom scheme deep link such as bank://wise/callback.
  return /^[a-z][a-z0-9+.-]*$/.test(scheme) ? null : 'not a valid scheme';
}
