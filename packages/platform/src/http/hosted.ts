/**
 * The hosted pages that one feature serves and another links to or starts: shared here so that no feature
 * imports another (architecture "Layers").
 */

/** Where a hosted interaction's pages live (contract §4): every entry (authorize, email link) sends the browser here. */
export const interactionPath = (uid: string) => `/oauth/interaction/${encodeURIComponent(uid)}`;

/**
 * The page a new interaction opens at, as the flow's policy (interaction/policy.ts) decides it for the only
 * starts there are: a claim secures its account first; a person signed in on the platform has login and 2FA
 * done, so chooses a profile; anyone else logs in. Issue 14: the authorize endpoint sends the browser here
 * directly, one request fewer; `interactionPath` still leads to the same page (test/hosted/steps.test.ts).
 */
export function firstStepPath(
  uid: string,
  start: { entry: 'authorize' | 'claim'; userId: number | null; signedIn: boolean },
): string {
  const step =
    start.entry === 'claim' && start.userId !== null
      ? 'secure-account'
      : start.signedIn
        ? 'profile'
        : 'login';
  return `${interactionPath(uid)}/${step}`;
}

/** How long a person has to get through the pages before starting again. */
export const INTERACTION_TTL_SECONDS = 60 * 60;

/** The platform's own account pages (contract §7 "Reclaim"), outside any partner's flow. */
export const FORGOT_PASSWORD_PATH = '/account/forgot-password';
export const FORGOT_PASSWORD_SENT_PATH = '/account/forgot-password/sent';
/** The single-use token follows this path in the emailed link. */
export const SET_PASSWORD_PATH = '/account/set-password/';
export const PASSWORD_SET_PATH = '/account/password-set';
/** Turning on TOTP after setting a password (contract §7 "then may enable 2FA"). */
export const TWO_FACTOR_PATH = '/account/two-factor';
/**
 * The account pages (issue 12 "Disconnect"): the partners connected to the account, signing in there, and
 * disconnecting one. The consent page's "You can disconnect at any time" links to `ACCOUNT_PATH`.
 */
export const ACCOUNT_PATH = '/account';
export const ACCOUNT_SIGN_IN_PATH = '/account/sign-in';
export const ACCOUNT_SIGN_IN_CODE_PATH = '/account/sign-in/code';
export const ACCOUNT_SIGN_OUT_PATH = '/account/sign-out';
export const ACCOUNT_SIGNED_OUT_PATH = '/account/signed-out';
export const DISCONNECT_PATH = '/account/disconnect';
