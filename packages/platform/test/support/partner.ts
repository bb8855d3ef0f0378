import type { ClientRegistration } from '../../src/clients/register.js';
import type { TestPlatform } from './index.js';
import { basic, bearer, postForm, postJson, type Response } from './index.js';

/** A registration code as the contract asks partners to make them: at least 32 characters. */
export const CODE = 'r3g1str4t10n-c0de-0f-at-least-32-chars';

/** A partner of a test platform, with the calls the contract gives it (§1, §2, §3, §5). */
export interface TestPartner {
  clientId: string;
  clientSecret: string;
  auth: string;
  clientToken(): Promise<string>;
  signup(body: unknown, token?: string): Promise<Response>;
  userTokens(email: string, code?: string): Promise<Response>;
  refresh(refreshToken: string): Promise<Response>;
}

export async function addPartner(
  p: TestPlatform,
  name = 'Test Bank',
  registration: Partial<ClientRegistration> = {},
): Promise<TestPartner> {
  const { clientId, clientSecret } = await p.addClient({ name, ...registration });
  const auth = basic(clientId, clientSecret);
  const partner: TestPartner = {
    clientId,
    clientSecret,
    auth,
    async clientToken() {
      const res = await postForm(
        `${p.url}/oauth/token`,
        { grant_type: 'client_credentials' },
        { authorization: auth },
      );
      if (res.status !== 200) throw new Error(`client token: ${res.status} ${res.text}`);
      return res.body.access_token as string;
    },
    async signup(body, token) {
      return postJson(
        `${p.url}/v1/user/signup/registration_code`,
        body,
        bearer(token ?? (await partner.clientToken())),
      );
    },
    userTokens: (email, code = CODE) =>
      postForm(
        `${p.url}/oauth/token`,
        { grant_type: 'registration_code', client_id: clientId, email, registration_code: code },
        { authorization: auth },
      ),
    refresh: (refreshToken) =>
      postForm(
        `${p.url}/oauth/token`,
        { grant_type: 'refresh_token', refresh_token: refreshToken },
        { authorization: auth },
      ),
  };
  return partner;
}
