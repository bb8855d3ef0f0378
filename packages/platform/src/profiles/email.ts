/** Contract §2: `ne******@example.com`, the first two characters of the local part kept. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  const local = at < 0 ? value : value.slice(0, at);
  const keep = Math.min(2, Math.max(0, local.length - 1));
  return local.slice(0, keep) + '*'.repeat(local.length - keep) + (at < 0 ? '' : value.slice(at));
}
