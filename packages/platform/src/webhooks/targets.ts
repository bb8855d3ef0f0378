import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be sent (https://docs.wise.com/guides/developer/webhooks "Webhook URLs": HTTPS, a domain
 * name not an IP, port 443, no query arguments). Ours, by mode:
 * - always: an absolute `https://` URL without query, fragment or credentials, at most 2048 characters;
 * - sandbox mode only: also `http://` to a loopback host (localhost, 127.0.0.0/8, ::1), for a receiver on the
 *   developer's machine;
 * - production mode: a domain name (no IP literal, no `localhost`, `.local`, `.internal`), port 443, and the
 *   name must resolve to public addresses only, checked again at each connection (`guardedLookup`), so a
 *   subscription can never reach the platform's private network, even by a DNS answer that changes later.
 * Returns why the URL is refused, or null.
 */
export function refuseUrl(raw: string, rules: { sandbox: boolean; production: boolean }): string | null {
  if (raw.length > 2048) return 'must be at most 2048 characters';
  // The URL parser would quietly drop or encode these; the stored URL is the one given, so refuse them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return 'must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.search !== '' || raw.includes('?')) return 'must not include query arguments';
  if (url.hash !== '' || raw.includes('#')) return 'must not include a fragment';
  if (url.username !== '' || url.password !== '') return 'must not include credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (url.protocol === 'http:') {
    return rules.sandbox && isLoopbackHost(host)
      ? null
      : 'must be an https:// URL (http:// only to a loopback host, in sandbox mode)';
  }
  if (url.protocol !== 'https:') return 'must be an https:// URL';
  if (rules.production) {
    if (isIP(host) !== 0) return 'must name a domain, not an IP address';
    if (host === 'localhost' || /\.(localhost|local|internal)$/.test(host) || !host.includes('.'))
      return 'must name a public domain';
    if (url.port !== '' && url.port !== '443') return 'must use port 443';
  }
  return null;
}

function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return isIP(host) !== 0 && LOOPBACK.check(host, isIP(host) === 6 ? 'ipv6' : 'ipv4');
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Addresses that are not on the public internet (RFC 6890 special-purpose ranges). */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? PRIVATE.check(mapped[1]!, 'ipv4') : PRIVATE.check(address, 'ipv6');
}
