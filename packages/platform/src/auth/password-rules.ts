/** (ours) NIST SP 800-63B §3.1.1.2 asks for at least 8; the hosted pages ask for 10. */
export const MIN_PASSWORD_LENGTH = 10;

const MAX_PASSWORD_LENGTH = 1024;

/** What can be wrong with a new password, by a short name that may travel in a URL after a 303. */
export const PASSWORD_PROBLEMS = {
  password: { field: 'password', message: 'Enter a new password.' },
  'password-short': {
    field: 'password',
    message: `Your password must be at least ${MIN_PASSWORD_LENGTH} characters.`,
  },
  'password-long': {
    field: 'password',
    message: `Your password must be at most ${MAX_PASSWORD_LENGTH} characters.`,
  },
  'password-mismatch': { field: 'confirmPassword', message: 'The two passwords are not the same.' },
} as const;

export type PasswordProblem = keyof typeof PASSWORD_PROBLEMS;

/** The rules of a new password (at least 10 characters, typed the same twice). */
export function checkNewPassword(password: string, confirm: string): PasswordProblem | null {
  if (password.length === 0) return 'password';
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password-short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'password-long';
  if (password !== confirm) return 'password-mismatch';
  return null;
}
