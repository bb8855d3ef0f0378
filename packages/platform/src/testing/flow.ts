import { createHash, createHmac, randomBytes } from 'node:crypto';
import { seedCredentials } from '../auth/seed-step.js';
import { newProfile } from '../profiles/index.js';
import { applySeed, type SeedUser, type SeedUserStep } from '../seed.js';
import type { TestPlatform } from './platform.js';

/** A page or redirect as the hosted-flow tests see it. */
export interface PageResponse {
  status: number;
  headers: Headers;
  location: string | null;
  text: string;
}

/** A hosted flow's page or step page, not its callback (interaction/routes.ts). */
const STEP_PAGE = /\/oauth\/interaction\/[^/?#]+(\/(?!callback\b)[a-z-]+)?$/;

/**
 * A minimal browser for the hosted pages over HTTP: keeps cookies, never follows redirects by itself, and
 * reads the CSRF token from the last page.
 */
export class PageClient {
  readonly cookies = new Map<string, string>();
  /** Sent with every request (e.g. `x-forwarded-for`). */
  readonly headers: Record<string, string> = {};
  constructor(public base: string) {}

  private absolute(url: string): string {
    return url.startsWith('http') ? url : `${this.base}${url}`;
  }

  private async send(url: string, init: RequestInit): Promise<PageResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.absolute(url), {
      ...init,
      redirect: 'manual',
      headers: {
        ...this.headers,
        ...(init.headers as Record<string, string>),
        ...(cookie ? { cookie } : {}),
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: res.status,
      headers: res.headers,
      location: res.headers.get('location'),
      text: await res.text(),
    };
  }

  get(url: string): Promise<PageResponse> {
    return this.send(url, { method: 'GET' });
  }

  /**
   * GET, following the hosted flow's redirects between its own step pages (`/oauth/interaction/<uid>` and
   * its steps) as a browser would; the callback's redirect, which ends the flow, is returned, not followed.
   */
  async open(url: string): Promise<PageResponse> {
    let res = await this.get(url);
    for (let hops = 0; hops < 5 && res.status === 303 && res.location && STEP_PAGE.test(res.location); hops++)
      res = await this.get(res.location);
    return res;
  }

  post(url: string, form: Record<string, string>): Promise<PageResponse> {
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

/** The form action of the page's first form (the step's own form). */
export function actionOf(html: string): string {
  const match = /<form method="post" action="([^"]+)"/.exec(html);
  if (!match) throw new Error('no form on the page');
  return match[1]!.replace(/&amp;/g, '&');
}

/** A base32 TOTP seed, as an authenticator app would be given it. */
export function newTotpSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(20)].map((b) => alphabet[b % 32]).join('');
}

/** RFC 6238 computed independently of the platform's code, for the tests. */
export function totpCode(secretBase32: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const o = mac[19]! & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Profiles as the flow tests give them: only what the hosted pages ask for, by the hosted page's rules. */
const flowProfiles: SeedUserStep = async (platform, userId, user) => {
  for (const p of user.profiles ?? []) {
    const profile = newProfile(p, { userId, createdByClientId: null }, platform.now(), { source: 'hosted' });
    await platform.stores.profiles.create({ ...profile, email: user.email }, platform.now());
  }
};

/** Seeds a person with a password, optionally TOTP, and profiles; returns the user id. */
export async function seedPerson(p: TestPlatform, user: SeedUser): Promise<number> {
  await applySeed(p.platform, { users: [user] }, [seedCredentials, flowProfiles]);
  const found = await p.platform.stores.users.findByEmailKey(user.email.toLowerCase());
  return found!.id;
}

export const PERSONAL = {
  type: 'PERSONAL',
  firstName: 'Ada',
  lastName: 'Lovelace',
  dateOfBirth: '1990-12-10',
};

export function authorizeUrl(base: string, params: Record<string, string>): string {
  return `${base}/oauth/authorize?${new URLSearchParams(params).toString()}`;
}

export interface LinkOptions {
  client: { clientId: string };
  redirectUri: string;
  email: string;
  password: string;
  totpSecret?: string;
  state?: string;
  challenge?: string;
  decision?: 'allow' | 'deny';
  /** Which profile to pick; the first listed when absent. */
  profileId?: number;
}

/** Walks the whole hosted flow over HTTP and returns the final redirect to the partner. */
/**
 * The interaction's own page (`/oauth/interaction/<uid>`) of a URL of its pages: authorize leads straight to
 * the first step's page (issue 14), while the interaction's page leads to the current step every time.
 */
export const flowPageOf = (location: string): string =>
  location.replace(/^(.*\/oauth\/interaction\/[^/?]+).*$/, '$1');

export async function linkAccount(p: TestPlatform, browser: PageClient, o: LinkOptions): Promise<URL> {
  const params: Record<string, string> = { client_id: o.client.clientId, redirect_uri: o.redirectUri };
  if (o.state) params['state'] = o.state;
  if (o.challenge) Object.assign(params, { code_challenge: o.challenge, code_challenge_method: 'S256' });
  let res = await browser.get(authorizeUrl(p.url, params));
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}: ${res.text}`);
  // Authorize leads to the first step's page; the interaction's own page leads to the current step each time.
  const page = flowPageOf(res.location!);
  for (let i = 0; i < 8; i++) {
    res = await browser.open(page);
    if (res.status === 303) {
      res = await browser.get(res.location!);
      return new URL(res.location!);
    }
    const html = res.text;
    const csrf = csrfOf(html);
    const action = actionOf(html);
    if (action.endsWith('/login')) await browser.post(action, { csrf, email: o.email, password: o.password });
    else if (action.endsWith('/second-factor'))
      await browser.post(action, { csrf, code: totpCode(o.totpSecret!, p.clock.now()) });
    else if (action.endsWith('/profile')) {
      const id = o.profileId ?? Number(/name="profileId" value="(\d+)"/.exec(html)![1]);
      await browser.post(action, { csrf, profileId: String(id) });
    } else if (action.endsWith('/consent'))
      await browser.post(action, { csrf, decision: o.decision ?? 'allow' });
    else throw new Error(`unexpected page ${action}`);
  }
  throw new Error('the flow did not finish');
}
