export type { Counter } from 'prom-client';
export * from './config/index.js';
export {
  appendSetCookie,
  type CookieOptions,
  cookieName,
  type HeaderSink,
  readCookie,
  serializeCookie,
} from './cookies.js';
export { csrfToken, csrfValid } from './csrf.js';
export { errorSummary, type SummaryItem } from './error-summary.js';
export {
  FAVICON_CACHE_CONTROL,
  FAVICON_ICO,
  FAVICON_ICO_PATH,
  FAVICON_SVG,
  FAVICON_SVG_PATH,
  FAVICONS,
} from './favicon.js';
export { escapeHtml, Html, type HtmlValue, html } from './html.js';
export { type BoundServer, bindServer, localUrl } from './listen.js';
export {
  createServiceMetrics,
  type RecordedReply,
  type RecordedRequest,
  requestRecorder,
  type ServiceMetrics,
  serveMetrics,
  UNMATCHED_ROUTE,
} from './metrics.js';
export { keyedHash, randomToken, safeEqual } from './secrets.js';
export { firstUnstorable, unstorable } from './storable.js';
