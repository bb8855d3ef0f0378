/**
 * The hosted pages that one feature serves and another links to or starts: shared here so that no feature
 * imports another (architecture "Layers").
 */

/** Where a hosted interaction's pages live (contract §4): every entry (authorize, email link) sends the browser here. */
export const interactionPath = (uid: string) => `/oauth/interaction/${encodeURIComponent(uid)}`;

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
