// The whole onboarding flow of "Accessing Customer Accounts", end to end, for one customer:
//
//   new user:      create user → tokens from the registration code → personal profile → CPF (Brazil) → terms link
//   existing user: create user → 409 → authorize URL → callback → exchange → profile → date-of-birth check
//
// then every later call goes through the token manager (refresh ahead, one refresher, recovery, relink).
//
// Run it against the local platform (`npm start`), the sandbox or production:
//
//   WISE_ENVIRONMENT=local WISE_CLIENT_ID=… WISE_CLIENT_SECRET=… WISE_REDIRECT_URI=… \
//     node --conditions=source --import ./scripts/ts-loader.mjs packages/client/examples/onboard.ts ana@example.com 1990-04-01
//
// (WISE_API_URL and WISE_AUTHORIZE_URL instead of WISE_ENVIRONMENT point it at a platform elsewhere.)
// For an existing user it prints the authorize URL, and asks for the URL the browser was sent back to.
// `onboard()` is the flow itself, for a bank's code to copy; the CLI at the bottom only wires it up.
import { realpathSync } from 'node:fs';
import { argv, env, stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import {
  createClient,
  createTokenManager,
  dateOfBirthMatches,
  type Environment,
  generatePkce,
  generateRegistrationCode,
  generateState,
  isRelinkRequired,
  MemoryTokenStore,
  type RegistrationCredentials,
  type TokenStore,
  type WiseClient,
} from '@account-access/client';

/** What the bank knows about its customer (from its own KYC). */
export interface Customer {
  readonly id: string;
  readonly email: string;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: string;
  readonly firstName: string;
  readonly lastName: string;
  /** E.164. */
  readonly phoneNumber: string;
  readonly address: {
    readonly addressFirstLine: string;
    readonly city: string;
    readonly countryIso3Code: string;
    readonly stateCode?: string;
  };
  /** Brazilian customers: the CPF to submit as a verification document. */
  readonly cpf?: string;
  /** A UUID generated once and stored with the customer: the idempotency key of its profile creation. */
  readonly profileRequestId: string;
}

// Wise's sandbox accepts a CPF only for a profile named Test User, born 2000-01-01
// (https://docs.wise.com/guides/regional/brazil/cpf-cnpj-and-financial-capacity, "Testing CPF/CNPJ").
export const EXAMPLE_CUSTOMER: Customer = {
  id: 'customer-42',
  email: 'test.user@example.com',
  dateOfBirth: '2000-01-01',
  firstName: 'Test',
  lastName: 'User',
  phoneNumber: '+5511987654321',
  address: {
    addressFirstLine: 'Rua Augusta 1200',
    city: 'São Paulo',
    countryIso3Code: 'BRA',
    stateCode: 'SP',
  },
  cpf: '938.936.652-69',
  profileRequestId: '0b6f7c1e-8c3a-4d2e-9a51-3f6d2b7e9c40',
};

export interface OnboardOptions {
  readonly client: WiseClient;
  readonly customer: Customer;
  /** A redirect URI registered for the client. */
  readonly redirectUri: string;
  /**
   * Sends the person to the authorize URL in the system browser (never an embedded WebView) and resolves
   * with the URL the browser was sent back to.
   */
  readonly openAuthorizeUrl: (url: string) => Promise<string>;
  /** Where tokens are kept; a real bank uses a durable, encrypted store. */
  readonly store?: TokenStore;
  /** The clock of the token manager (epoch milliseconds). */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

/** How onboarding ended. */
export type OnboardResult =
  | {
      readonly kind: 'created';
      readonly profileId: number;
      /** `accepted`, or the bureau's reason, e.g. `DOB_MISMATCH`; absent for customers outside Brazil. */
      readonly cpf: string | undefined;
      readonly termsUrl: string;
      readonly grantedProfileIds: number[];
    }
  | { readonly kind: 'linked'; readonly profileId: number; readonly grantedProfileIds: number[] }
  | { readonly kind: 'not_linked'; readonly reason: string }
  | { readonly kind: 'relink_required' };

/** Onboards one customer: creates the Wise account, or links the existing one. */
export async function onboard(options: OnboardOptions): Promise<OnboardResult> {
  const { client: wise, customer, redirectUri } = options;
  const log = options.log ?? ((line: string) => console.log(line));

  // A real bank keeps registration codes encrypted at rest, and tokens in a durable, encrypted store.
  const vault = new Map<string, RegistrationCredentials>();
  const tokens = createTokenManager({
    client: wise,
    store: options.store ?? new MemoryTokenStore(),
    recover: { registrationCredentials: (customerId) => vault.get(customerId) ?? null },
    now: options.now,
  });

  /** New user: the account is created without the person leaving the bank's app. */
  async function onboardNewUser(registrationCode: string) {
    vault.set(customer.id, { email: customer.email, registrationCode });
    await tokens.save(
      customer.id,
      await wise.tokensFromRegistrationCode({ email: customer.email, registrationCode }),
    );
    const profile = await tokens.withAccessToken(customer.id, (accessToken) =>
      wise.createPersonalProfile(
        accessToken,
        {
          firstName: customer.firstName,
          lastName: customer.lastName,
          dateOfBirth: customer.dateOfBirth,
          address: customer.address,
          contactDetails: { email: customer.email, phoneNumber: customer.phoneNumber },
          externalCustomerId: customer.id,
        },
        // A stored key: running this again after a crash cannot create a second profile.
        { idempotencyKey: customer.profileRequestId },
      ),
    );
    log(`created personal profile ${profile.id}`);

    let cpf: string | undefined;
    if (customer.address.countryIso3Code === 'BRA' && customer.cpf !== undefined) {
      const uniqueIdentifier = customer.cpf;
      const result = await tokens.withAccessToken(customer.id, (accessToken) =>
        wise.createVerificationDocument(accessToken, profile.id, {
          type: 'CPF_CNPJ',
          uniqueIdentifier,
          firstName: customer.firstName,
          lastName: customer.lastName,
        }),
      );
      cpf = result.kind === 'accepted' ? 'accepted' : result.errorMessage;
      log(result.kind === 'accepted' ? 'CPF accepted' : `CPF not accepted: ${result.errorMessage}`);
    }
    const termsUrl = wise.termsUrl();
    log(`show the customer the terms: ${termsUrl}`);
    return { profileId: profile.id, cpf, termsUrl };
  }

  /** Existing user: the person logs in on the platform's page, picks a profile and grants access. */
  async function linkExistingUser() {
    const state = generateState();
    const pkce = await generatePkce();
    const url = wise.authorizeUrl({ redirectUri, state, codeChallenge: pkce.codeChallenge });
    const callback = wise.parseCallback(await options.openAuthorizeUrl(url), { expectedState: state });
    if (callback.kind === 'rejected') {
      return { linked: false, reason: callback.error.errorDescription ?? callback.error.message } as const;
    }
    const userTokens = await wise.exchangeCode({
      code: callback.code,
      redirectUri,
      codeVerifier: pkce.codeVerifier,
    });

    // Same natural person? Compare the granted profile's date of birth with the bank's record.
    const profile = await wise.getProfile(userTokens.accessToken, callback.profileId);
    if (!dateOfBirthMatches(profile, customer.dateOfBirth)) {
      return {
        linked: false,
        reason: 'the Wise profile belongs to someone else (date of birth differs)',
      } as const;
    }
    await tokens.save(customer.id, userTokens);
    log(`linked profile ${callback.profileId}`);
    return { linked: true, profileId: callback.profileId } as const;
  }

  const registrationCode = generateRegistrationCode();
  const created = await wise.createUser({ email: customer.email, registrationCode, language: 'PT' });
  let outcome: Omit<Extract<OnboardResult, { kind: 'created' }>, 'kind' | 'grantedProfileIds'> | undefined;
  let linkedProfileId: number | undefined;
  if (created.kind === 'created') {
    outcome = await onboardNewUser(registrationCode);
  } else {
    log(`${created.maskedEmail ?? customer.email} already has an account: linking instead`);
    const link = await linkExistingUser();
    if (!link.linked) {
      log(`not linked: ${link.reason}`);
      return { kind: 'not_linked', reason: link.reason };
    }
    linkedProfileId = link.profileId;
  }

  // From now on, every call for this customer goes through the token manager.
  try {
    const profiles = await tokens.withAccessToken(customer.id, (accessToken) =>
      wise.listProfiles(accessToken),
    );
    log(`granted profiles: ${profiles.map((p) => `${p.type} ${p.id}`).join(', ')}`);
    const grantedProfileIds = profiles.map((p) => p.id);
    if (outcome) return { kind: 'created', ...outcome, grantedProfileIds };
    return { kind: 'linked', profileId: linkedProfileId as number, grantedProfileIds };
  } catch (e) {
    if (!isRelinkRequired(e)) throw e;
    log('the customer must link their account again');
    return { kind: 'relink_required' };
  }
}

// ---- the command line ------------------------------------------------------------------------------

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

function environmentFromEnv(): Environment {
  const apiUrl = env['WISE_API_URL'];
  if (apiUrl) return { apiUrl, authorizeUrl: env['WISE_AUTHORIZE_URL'] ?? `${apiUrl}/oauth/authorize` };
  return (env['WISE_ENVIRONMENT'] ?? 'local') as 'local' | 'sandbox' | 'production';
}

async function main(): Promise<number> {
  const wise = createClient({
    environment: environmentFromEnv(),
    clientId: required('WISE_CLIENT_ID'),
    clientSecret: required('WISE_CLIENT_SECRET'),
  });
  const result = await onboard({
    client: wise,
    customer: {
      ...EXAMPLE_CUSTOMER,
      email: argv[2] ?? EXAMPLE_CUSTOMER.email,
      dateOfBirth: argv[3] ?? EXAMPLE_CUSTOMER.dateOfBirth,
    },
    redirectUri: env['WISE_REDIRECT_URI'] ?? 'http://localhost:3000/wise/callback',
    async openAuthorizeUrl(url) {
      console.log('open this in the system browser (never an embedded WebView):');
      console.log(url);
      const prompt = createInterface({ input: stdin, output: stdout });
      try {
        return await prompt.question('paste the URL the browser was sent back to: ');
      } finally {
        prompt.close();
      }
    },
  });
  return result.kind === 'created' || result.kind === 'linked' ? 0 : 1;
}

/** Whether this file is the script node was started with (not imported, e.g. by a test). */
function isMain(): boolean {
  try {
    return argv[1] !== undefined && realpathSync(argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) process.exitCode = await main();
