/** Small HTTP helpers for tests that talk to a platform over a real socket. */
export interface Response<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

async function read<T>(res: globalThis.Response): Promise<Response<T>> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, headers: res.headers, body: body as T, text };
}

export function basic(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
}

export async function postForm<T = any>(
  url: string,
  form: Record<string, string> | string,
  headers: Record<string, string> = {},
): Promise<Response<T>> {
  const body = typeof form === 'string' ? form : new URLSearchParams(form).toString();
  return read<T>(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    }),
  );
}

export async function postJson<T = any>(
  url: string,
  json: unknown,
  headers: Record<string, string> = {},
): Promise<Response<T>> {
  return read<T>(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof json === 'string' ? json : JSON.stringify(json),
    }),
  );
}

export async function get<T = any>(url: string, headers: Record<string, string> = {}): Promise<Response<T>> {
  return read<T>(await fetch(url, { headers, redirect: 'manual' }));
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
