import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerClient } from '../../src/clients/register.js';
import type { RunningPlatform } from '../../src/server.js';
import { basic, bearer, postForm, postJson } from '../support/index.js';
import { CODE } from '../support/partner.js';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What the receiver does with its n-th request (0-based): answer a status, or never answer. */
export type Behaviour = (n: number) => number | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  behaviour: Behaviour;
  close(): Promise<void>;
}

/** A real webhook receiver: node:http on 127.0.0.1, port 0, recording every request with its raw body. */
export async function startReceiver(behaviour: Behaviour = () => 200): Promise<Receiver> {
  const hanging: ServerResponse[] = [];
  const receiver: Receiver = { url: '', received: [], behaviour, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = receiver.received.length;
      receiver.received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      const answer = receiver.behaviour(n);
      if (answer === 'hang') return void hanging.push(res);
      if (answer >= 300 && answer < 400) res.setHeader('location', '/elsewhere');
      res.statusCode = answer;
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${randomUUID()}`;
  receiver.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

export interface LinkedPartner {
  clientId: string;
  clientToken: string;
  userToken: string;
  userId: number;
}

let seq = 0;

/** A partner client and a user it created, holding a live user grant (registration_code, contract §2, §3). */
export async function linkedPartner(running: RunningPlatform, name = 'Hook Bank'): Promise<LinkedPartner> {
  const { clientId, clientSecret } = await registerClient(running.platform, {
    name,
    redirectUris: ['https://bank.example/callback'],
  });
  const auth = basic(clientId, clientSecret!);
  const ct = await postForm(
    `${running.url}/oauth/token`,
    { grant_type: 'client_credentials' },
    { authorization: auth },
  );
  const clientToken = ct.body.access_token as string;
  const email = `hooked${++seq}-${randomUUID().slice(0, 8)}@example.com`;
  const user = await postJson(
    `${running.url}/v1/user/signup/registration_code`,
    { email, registrationCode: CODE },
    bearer(clientToken),
  );
  if (user.status !== 200) throw new Error(`signup: ${user.status} ${user.text}`);
  const ut = await postForm(
    `${running.url}/oauth/token`,
    { grant_type: 'registration_code', client_id: clientId, email, registration_code: CODE },
    { authorization: auth },
  );
  if (ut.status !== 200) throw new Error(`user token: ${ut.status} ${ut.text}`);
  return { clientId, clientToken, userToken: ut.body.access_token, userId: user.body.id };
}

/** Subscribes `partner`'s application to `triggerOn` at `url`; returns the subscription's id. */
export async function subscribeApplication(
  running: RunningPlatform,
  partner: LinkedPartner,
  url: string,
  triggerOn = 'profiles#verification-state-change',
): Promise<string> {
  const res = await postJson(
    `${running.url}/v3/applications/${partner.clientId}/subscriptions`,
    { name: 'Verification', trigger_on: triggerOn, delivery: { version: '2.0.0', url } },
    bearer(partner.clientToken),
  );
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${res.text}`);
  return res.body.id;
}

/** Wise's documented `data` of profiles#verification-state-change (event-types page). */
export const verifiedData = (profileId: number) => ({
  resource: { type: 'profile', id: profileId },
  current_state: 'verified',
  occurred_at: '2026-11-23T10:00:00Z',
});
