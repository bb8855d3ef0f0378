/**
 * The least of a browser the hosted pages need, over fetch: cookies kept, redirects never followed by
 * itself, the CSRF token and form action read from a page. Loopback only.
 */
export interface Page {
  status: number;
  location: string | null;
  text: string;
}

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base))
      throw new Error(`refusing to browse ${base}: loopback only`);
  }

  /** The `cookie` header this browser sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private async send(url: string, init: RequestInit): Promise<Page> {
    const absolute = new URL(url, this.base);
    if (absolute.origin !== this.base)
      throw new Error(`refusing to leave ${this.base} for ${absolute.origin}`);
    const cookie = this.cookieHeader();
    const res = await fetch(absolute, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (/Max-Age=0/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  get(url: string): Promise<Page> {
    return this.send(url, { method: 'GET' });
  }

  post(url: string, form: Record<string, string>): Promise<Page> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }
}

export function csrfOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1]!;
}

/** The action of the page's first form (the step's own). */
export function actionOf(html: string): string {
  const match = /<form method="post" action="([^"]+)"/.exec(html);
  if (!match) throw new Error('no form on the page');
  return match[1]!.replace(/&amp;/g, '&');
}
