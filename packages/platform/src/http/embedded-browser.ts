/**
 * Embedded user agents (WebViews and apps' in-app browsers), told apart from the system browser by their
 * User-Agent header. RFC 8252 §8.12: an authorization server may detect and block authorization requests
 * from embedded user agents, because the app hosting them can read what the person types (their password)
 * and the person cannot check the address bar. Wise's partner guide asks partners not to use legacy WebViews
 * for the authorization page, and Google refuses sign-in from them (`disallowed_useragent`).
 *
 * The one place the rule and its patterns live. A pattern names what it finds, for the page and the log.
 */
const EMBEDDED: readonly { name: string; pattern: RegExp }[] = [
  // Apps' in-app browsers name themselves.
  { name: 'Facebook in-app browser', pattern: /\bFB(?:AN|AV|_IAB|IOS)\b/ },
  { name: 'Instagram in-app browser', pattern: /\bInstagram\b/ },
  { name: 'Messenger in-app browser', pattern: /\bMessenger(?:ForiOS|LiteForiOS)?\b|\bOrca-Android\b/ },
  { name: 'LINE in-app browser', pattern: /\bLine\/\d/ },
  { name: 'WeChat in-app browser', pattern: /\bMicroMessenger\// },
  { name: 'TikTok in-app browser', pattern: /\bmusical_ly_|\bBytedanceWebview\b|\bTikTok\b/ },
  { name: 'Snapchat in-app browser', pattern: /\bSnapchat\b/ },
  { name: 'LinkedIn in-app browser', pattern: /\bLinkedInApp\b/ },
  { name: 'X in-app browser', pattern: /\bTwitter for (?:iPhone|iPad|Android)\b|\bTwitterAndroid\b/ },
  // Any other Android System WebView, which marks itself with `; wv)` (Android 5+). The apps above on
  // Android send it too; they come first so the page can name the app.
  { name: 'Android WebView', pattern: /;\s*wv\)/ },
];

/**
 * iOS: WKWebView and UIWebView send Safari's user agent without its `Safari/` token, which Safari, Chrome
 * (CriOS), Firefox (FxiOS) and Edge (EdgiOS) on iOS all keep; SFSafariViewController and
 * ASWebAuthenticationSession, the browsers RFC 8252 §6 asks for, send Safari's own.
 */
const IOS_DEVICE = /\((?:iPhone|iPad|iPod)\b/;
const IOS_WEBKIT_WITHOUT_SAFARI = /AppleWebKit\/[\d.]+ \(KHTML, like Gecko\)(?!.*\bSafari\/)/;

/** The kind of embedded user agent this User-Agent header names, or null for a browser (or no header). */
export function embeddedUserAgent(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const found = EMBEDDED.find(({ pattern }) => pattern.test(userAgent));
  if (found) return found.name;
  if (IOS_DEVICE.test(userAgent) && IOS_WEBKIT_WITHOUT_SAFARI.test(userAgent)) return 'iOS WebView';
  return null;
}
