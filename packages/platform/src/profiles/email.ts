/**
 * What the platform accepts as an email: the WHATWG "valid e-mail address" grammar with a dotted domain,
 * at most 254 characters (RFC 5321 §4.5.3.1). ASCII only: internationalised addresses are refused with a
 * clear 422 rather than stored in a form mail servers may not deliver to.
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Contract §2: `ne******@example.com`, the first two characters of the local part kept. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  const local = at < 0 ? value : value.slice(0, at);
  const keep = Math.min(2, Math.max(0, local.length - 1));
  return local.slice(0, keep) + '*'.repeat(local.length - keep) + (at < 0 ? '' : value.slice(at));
}
