import { fileURLToPath } from 'node:url';
import type { StandInProvider } from '@account-access/platform/stand-in-provider';
import { partnerConfig, servePartner } from '../partner.js';
import { platformConfig, type Service, servePlatform } from '../platform.js';
import { closeOnSignal } from '../shutdown.js';
import { parseOptions } from '../usage.js';

export const DEV_USAGE = `Usage: account-access dev

What \`npm start\` runs: every server of the project on this machine, on an embedded database under
.data/, seeded with demo data, sandbox mode on. Stops on SIGINT (Ctrl-C) or SIGTERM.

  platform   http://localhost:4000   the Wise-compatible platform, seeded from packages/platform/seed/demo.json
  partner    http://localhost:3000   the reference partner bank, its customers from packages/partner/seed/demo.json,
                                     a client of the platform as \`demo-bank\`
  inspector  http://localhost:4000/_sandbox   the platform's sandbox inspector: users, grants, the outbox, …
  provider   http://127.0.0.1:<port>   a local OpenID provider standing in for Google: the platform's login
                                     page offers "Continue with Google (local sandbox)" (unless
                                     PLATFORM_OIDC_PROVIDERS is set); its logins are printed too

Then open http://localhost:3000, sign in as a demo customer and connect their account. The demo logins
are printed once both run.

The environment variables of the platform (PLATFORM_PORT, DATABASE_URL, …) and of the partner
(PARTNER_PORT, PARTNER_DATA_DIR, …) apply; see the README. The platform's name, PLATFORM_NAME ("Wise
Sandbox" unless set), is also the bank's PARTNER_PROVIDER_NAME, so its mail and the bank agree.

Options:
  -h, --help   show this help`;

/** What both servers of `dev` call the platform, unless PLATFORM_NAME says otherwise. */
export const DEV_PLATFORM_NAME = 'Wise Sandbox';

/**
 * dev's environment: the person's, with `warn` as the default log level of both servers, so request lines
 * at `info` do not scroll the demo logins away (LOG_LEVEL, when set, still decides), and one name for the
 * platform on both sides (issue 13): the platform's PLATFORM_NAME is the bank's PARTNER_PROVIDER_NAME.
 */
export function devEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const name = env['PLATFORM_NAME']?.trim() || DEV_PLATFORM_NAME;
  return { ...env, LOG_LEVEL: env['LOG_LEVEL'] || 'warn', PLATFORM_NAME: name, PARTNER_PROVIDER_NAME: name };
}

/** One server of `dev`: how to start it, and what to tell the person once it runs. */
interface DevService {
  name: string;
  /** `started`: the services already running, in start order (the partner needs the platform's URL). */
  start(
    started: Service[],
    env: NodeJS.ProcessEnv,
  ): Promise<Service & { nextSteps: string[]; links?: [string, string][] }>;
}

/** The stand-in provider's people: one whose email is a demo user's, one with no account here. */
const PROVIDER_PEOPLE = [
  { email: 'ana.silva@example.com', password: 'google-demo' },
  { email: 'new.person@example.com', password: 'google-demo' },
];
const PROVIDER_ID = 'google';
const PROVIDER_NAME = 'Google (local sandbox)';

/**
 * Issue 16: a real OpenID provider (oidc-provider, on loopback, no internet) beside the platform, configured
 * as its "Continue with Google (local sandbox)" unless the environment configures providers of its own.
 */
async function standInFor(issuer: string, env: NodeJS.ProcessEnv): Promise<StandInProvider | null> {
  if (env['PLATFORM_OIDC_PROVIDERS']?.trim()) return null;
  const path = `/oauth/federated/${PROVIDER_ID}/callback`;
  const { startStandInProvider } = await import('@account-access/platform/stand-in-provider');
  return startStandInProvider({
    name: PROVIDER_NAME,
    people: PROVIDER_PEOPLE,
    redirectUris: [`${issuer}${path}`, `http://127.0.0.1${path}`],
  });
}

const demoPlatform: DevService = {
  name: 'platform',
  async start(_started, env) {
    // The packages load when dev starts, not for its usage (issue 14: ~1 s of CPU per process).
    const { DEMO_SEED, readSeedFile } = await import('@account-access/platform');
    // The defaults are dev's: port 4000, the embedded database in .data/platform; the environment may move them.
    const planned = platformConfig({ sandbox: true }, undefined, env);
    const provider = await standInFor(planned.issuer, env);
    const config = provider
      ? platformConfig(
          { sandbox: true, oidcProviders: [provider.settings(PROVIDER_ID, PROVIDER_NAME)] },
          undefined,
          env,
        )
      : planned;
    const platformService = await servePlatform(config, fileURLToPath(DEMO_SEED)).catch(async (error) => {
      await provider?.close();
      throw error;
    });
    const service = {
      ...platformService,
      close: async () => {
        await platformService.close();
        await provider?.close();
      },
    };
    const providerLines = provider
      ? [
          '',
          `"Continue with ${PROVIDER_NAME}" on the login page: a local OpenID provider at ${provider.issuer}`,
          ...PROVIDER_PEOPLE.map(
            (p, i) =>
              `  ${p.email.padEnd(26)} ${p.password}${i === 0 ? ' (a demo user: linked after its platform password)' : ' (no account here)'}`,
          ),
        ]
      : [];
    const seed = await readSeedFile(fileURLToPath(DEMO_SEED));
    const demo = seed.clients![0]!;
    const people = (seed.users ?? []).map((user) => {
      const born = user.profiles?.find((p) => p['type'] === 'PERSONAL')?.['dateOfBirth'];
      const totp = user.totpSecret ? `, TOTP secret ${user.totpSecret}` : '';
      return `  ${user.email.padEnd(26)} ${user.password ?? ''}${totp}${born ? ` (born ${String(born)})` : ''}`;
    });
    return {
      ...service,
      // The sandbox inspector (issue 11): open without a key in development mode on loopback.
      links: [
        ['inspector', `${service.url}/_sandbox`],
        ...(provider ? ([['provider', provider.issuer]] as [string, string][]) : []),
      ],
      nextSteps: [
        'Platform logins (local use only; add a TOTP secret to an authenticator app, or `oathtool --totp -b SECRET`):',
        ...people,
        '',
        `Demo partner client: ${demo.clientId} / ${demo.clientSecret} (local use only)`,
        'Get a client credentials token:',
        `  curl -s -u ${demo.clientId}:${demo.clientSecret} -d grant_type=client_credentials ${service.url}/oauth/token`,
        'Then create a user, get user tokens and refresh them: see "Walk-through" in README.md.',
        ...providerLines,
      ],
    };
  },
};

const demoPartner: DevService = {
  name: 'partner',
  async start(started, env) {
    const platform = started.find((s) => s.name === 'platform')!;
    const [{ DEMO_SEED, readSeedFile }, { DEMO_SEED: PARTNER_DEMO_SEED, readPartnerSeed }] =
      await Promise.all([import('@account-access/platform'), import('@account-access/partner')]);
    const seed = await readSeedFile(fileURLToPath(DEMO_SEED));
    const demo = seed.clients![0]!;
    // Wired to the platform just started, as its demo client; the environment (PARTNER_*) may move the rest.
    const config = partnerConfig(
      {
        platformUrl: platform.url,
        clientId: demo.clientId,
        ...(demo.clientSecret !== undefined ? { clientSecret: demo.clientSecret } : {}),
        seedFile: fileURLToPath(PARTNER_DEMO_SEED),
      },
      undefined,
      env,
    );
    const service = await servePartner(config);
    const customers = (await readPartnerSeed(PARTNER_DEMO_SEED)).customers.map(
      (c) => `  ${`${c.firstName} ${c.lastName}`.padEnd(14)} ${c.email.padEnd(26)} ${c.note ?? ''}`,
    );
    return {
      ...service,
      nextSteps: [
        '',
        `The bank's demo customers (open ${service.url}, pick one, then "Connect your ${config.wise.name} account"):`,
        ...customers,
        `  Admin page (link states, no secrets): ${service.url}/admin`,
      ],
    };
  },
};

/** The servers `dev` runs, in start order. */
const DEV_SERVICES: DevService[] = [demoPlatform, demoPartner];

export async function dev(args: string[]): Promise<number> {
  const { help } = parseOptions(args, {}, DEV_USAGE);
  if (help) {
    console.log(DEV_USAGE);
    return 0;
  }
  const started: Service[] = [];
  const notes: string[] = [];
  const links: [string, string][] = [];
  const env = devEnvironment(process.env);
  try {
    for (const service of DEV_SERVICES) {
      const running = await service.start(started, env);
      started.push(running);
      notes.push(...running.nextSteps);
      links.push(...(running.links ?? []));
    }
  } catch (error) {
    for (const service of started.reverse()) await service.close();
    throw error;
  }
  const closed = closeOnSignal(started);
  console.log('');
  for (const service of started) console.log(`  ${service.name.padEnd(10)} ${service.url}`);
  for (const [name, url] of links) console.log(`  ${name.padEnd(10)} ${url}`);
  console.log('');
  for (const line of notes) console.log(line);
  console.log('\nPress Ctrl-C to stop.');
  await closed;
  return 0;
}
