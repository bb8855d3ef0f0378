// Reading response bodies defensively: any call of contract §1–§9 may meet a proxy's HTML or an empty body.

/** Parses JSON without ever throwing: proxies answer with HTML, empty bodies, or truncated text. */
export function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '' || (trimmed[0] !== '{' && trimmed[0] !== '[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/** Narrows to a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
