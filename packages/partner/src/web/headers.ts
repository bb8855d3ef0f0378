import type { PartnerConfig } from '../config/config.js';

/** The headers of every response (README "Web app"). */
export function securityHeaders(config: Pick<PartnerConfig, 'wise'>): Record<string, string> {
  const authorizeOrigin = new URL(config.wise.authorizeUrl).origin;
  return {
    'cache-control': 'no-store',
    // form-action also governs where a form's POST may redirect: the connect form redirects to the
    // platform's authorize page (contract §10.3), so its origin is allowed, nothing else.
    'content-security-policy':
      `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' ${authorizeOrigin}; ` +
      "frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // The callback URL carries a code: it must never leak to another site in a Referer.
    'referrer-policy': 'no-referrer',
  };
}
