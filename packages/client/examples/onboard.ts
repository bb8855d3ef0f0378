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
//     node --conditions=source --import tsx packages/client/examples/onboard.ts ana@example.com 1990-04-01
//
// For an existing user it prints the authorize URL, and asks for the URL the browser was sent back to.
import { argv, env, exit, stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import {
  createClient,
  createTokenManager,
  dateOfBirthMatches,
  generatePkce,
  generateRegistrationCode,
  generateState,
  isRelinkRequired,
  MemoryTokenStore,
  type RegistrationCredentials,
  type WiseClient,
} from '@account-access/client';

/** What the bank knows about its customer (from its own KYC). */
const customer = {
  id: 'customer-42',
  email: argv[2] ?? 'ana.silva@example.com',
  dateOfBirth: argv[3] ?? '1990-04-01',
  firstName: 'Ana',
  lastName: 'Silva',
  phoneNumber: '+5511987654321',
  address: {
    addressFirstLine: 'Rua Augusta 1200',
    city: 'São Paulo',
    countryIso3Code: 'BRA',
    stateCode: 'SP',
  },
  cpf: '938.936.652-69',
  /** A UUID generated once and stored with the customer: the idempotency key of its profile creation. */
  profileRequestId: '0b6f7c1e-8c3a-4d2e-9a51-3f6d2b7e9c40',
};

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

const environment = (env['WISE_ENVIRONMENT'] ?? 'local') as 'local' | 'sandbox' | 'production';
const redirectUri = env['WISE_REDIRECT_URI'] ?? 'http://localhost:3000/wise/callback';
const wise: WiseClient = createClient({
  environment,
  clientId: required('WISE_CLIENT_ID'),
  clientSecret: required('WISE_CLIENT_SECRET'),
});

// A real bank keeps registration codes encrypted at rest, and tokens in a durable, encrypted store.
const vault = new Map<string, RegistrationCredentials>();
const tokens = createTokenManager({
  client: wise,
  store: new MemoryTokenStore(),
  recover: { registrationCredentials: (customerId) => vault.get(customerId) ?? null },
});

/** New user: the account is created without the person leaving the bank's app. */
async function onboardNewUser(registrationCode: string): Promise<void> {
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
  console.log(`created personal profile ${profile.id}`);

  if (customer.address.countryIso3Code === 'BRA') {
    const cpf = await tokens.withAccessToken(customer.id, (accessToken) =>
      wise.createVerificationDocument(accessToken, profile.id, {
        type: 'CPF_CNPJ',
        uniqueIdentifier: customer.cpf,
        firstName: customer.firstName,
        lastName: customer.lastName,
      }),
    );
    if (cpf.kind === 'rejected') console.log(`CPF not accepted: ${cpf.errorMessage}`);
    else console.log('CPF accepted');
  }
  console.log(`show the customer the terms: ${wise.termsUrl()}`);
}

/** Existing user: the person logs in on the platform's page, picks a profile and grants access. */
async function linkExistingUser(): Promise<boolean> {
  const state = generateState();
  const pkce = await generatePkce();
  console.log('open this in the system browser (never an embedded WebView):');
  console.log(wise.authorizeUrl({ redirectUri, state, codeChallenge: pkce.codeChallenge }));

  const prompt = createInterface({ input: stdin, output: stdout });
  const callbackUrl = await prompt.question('paste the URL the browser was sent back to: ');
  prompt.close();

  const callback = wise.parseCallback(callbackUrl, { expectedState: state });
  if (callback.kind === 'rejected') {
    console.error(`not linked: ${callback.error.errorDescription ?? callback.error.message}`);
    return false;
  }
  const userTokens = await wise.exchangeCode({
    code: callback.code,
    redirectUri,
    codeVerifier: pkce.codeVerifier,
  });

  // Same natural person? Compare the granted profile's date of birth with the bank's record.
  const profile = await wise.getProfile(userTokens.accessToken, callback.profileId);
  if (!dateOfBirthMatches(profile, customer.dateOfBirth)) {
    console.error('not linked: the Wise profile belongs to someone else (date of birth differs)');
    return false;
  }
  await tokens.save(customer.id, userTokens);
  console.log(`linked profile ${callback.profileId}`);
  return true;
}

const registrationCode = generateRegistrationCode();
const created = await wise.createUser({ email: customer.email, registrationCode, language: 'PT' });
if (created.kind === 'created') {
  await onboardNewUser(registrationCode);
} else {
  console.log(`${created.maskedEmail ?? customer.email} already has an account: linking instead`);
  if (!(await linkExistingUser())) exit(1);
}

// From now on, every call for this customer goes through the token manager.
try {
  const profiles = await tokens.withAccessToken(customer.id, (accessToken) => wise.listProfiles(accessToken));
  console.log(`granted profiles: ${profiles.map((p) => `${p.type} ${p.id}`).join(', ')}`);
} catch (e) {
  if (!isRelinkRequired(e)) throw e;
  console.error('the customer must link their account again');
  exit(1);
}
