import { randomBytes } from 'node:crypto';
import type { Queryable } from '@account-access/db';
import type { MailMessage } from '../../src/store/mail-outbox.js';
import { basic, bearer, postForm, postJson, type TestPlatform } from '../support/index.js';

export const ISSUER = 'https://platform.example';

export async function clientToken(p: TestPlatform, client: { clientId: string; clientSecret: string }) {
  const res = await postForm(
    `${p.url}/oauth/token`,
    { grant_type: 'client_credentials' },
    { authorization: basic(client.clientId, client.clientSecret) },
  );
  if (res.status !== 200) throw new Error(`client token: ${res.status}`);
  return res.body.access_token as string;
}

export const registrationCode = () => randomBytes(32).toString('base64url');

export function signup(p: TestPlatform, token: string, body: Record<string, unknown>) {
  return postJson(`${p.url}/v1/user/signup/registration_code`, body, bearer(token));
}

export async function userToken(
  p: TestPlatform,
  client: { clientId: string; clientSecret: string },
  email: string,
  code: string,
) {
  const res = await postForm(
    `${p.url}/oauth/token`,
    { grant_type: 'registration_code', client_id: client.clientId, email, registration_code: code },
    { authorization: basic(client.clientId, client.clientSecret) },
  );
  if (res.status !== 200) throw new Error(`user token: ${res.status}`);
  return res.body.access_token as string;
}

export function message(to: string, n = 1): MailMessage {
  return {
    template: 'test',
    to,
    subject: `Message ${n}`,
    text: `Hello ${n}\nhttps://platform.example/x/${n}\n`,
    html: `<!doctype html><p>Hello ${n}</p>`,
  };
}

export function enqueue(p: TestPlatform, mail: MailMessage) {
  return p.platform.stores.mailOutbox.enqueue(mail, { now: p.clock.now(), domain: 'platform.example' });
}

export async function count(db: Queryable, table: string, where = 'true', params: unknown[] = []) {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from ${table} where ${where}`,
    params,
  );
  return rows[0]!.n;
}

export async function outboxRow(db: Queryable, id: number) {
  const { rows } = await db.query<Record<string, any>>('select * from mail_outbox where id = $1', [id]);
  return rows[0]!;
}
