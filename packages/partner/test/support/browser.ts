/** A minimal browser for HTTP tests: keeps the session cookie, never follows redirects, reads CSRF tokens. */
export class Browser {
  cookie = '';
  constructor(readonly base: string) {}

  private remember(res: Response) {
    const set = res.headers.get('set-cookie');
    const m = set ? /bank_session=([^;]+)/.exec(set) : null;
    if (m) this.cookie = `bank_session=${m[1]}`;
  }

  async get(path: string) {
    const res = await fetch(new URL(path, this.base), {
      redirect: 'manual',
      headers: this.cookie ? { cookie: this.cookie } : {},
    });
    this.remember(res);
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  async post(path: string, form: Record<string, string>) {
    const res = await fetch(new URL(path, this.base), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
    this.remember(res);
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** The CSRF token of the page at `path`. */
  async csrf(path = '/'): Promise<string> {
    const page = await this.get(path);
    const m = /name="_csrf" value="([^"]+)"/.exec(page.text);
    if (!m) throw new Error(`no CSRF token on ${path} (${page.status})`);
    return m[1]!;
  }

  async signIn(customerId: string) {
    const res = await this.post('/sign-in', { _csrf: await this.csrf('/'), customerId });
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  }
}
