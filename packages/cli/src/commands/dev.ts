import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEMO_SEED } from '@account-access/platform';
import { platformConfig, type Service, servePlatform } from '../platform.js';
import { closeOnSignal } from '../shutdown.js';
import { parseOptions } from '../usage.js';

export const DEV_USAGE = `Usage: account-access dev

What \`npm start\` runs: every server of the project on this machine, on an embedded database under
.data/, seeded with demo data, sandbox mode on. Stops on SIGINT (Ctrl-C) or SIGTERM.

  platform   http://localhost:4000   the Wise-compatible platform, seeded from packages/platform/seed/demo.json

The environment variables of the platform apply (PLATFORM_PORT, DATABASE_URL, …; see the README).

Options:
  -h, --help   show this help`;

/** One server of `dev`: how to start it, and what to tell the person once it runs. */
interface DevService {
  name: string;
  start(): Promise<Service & { nextSteps: string[] }>;
}

const demoPlatform: DevService = {
  name: 'platform',
  async start() {
    // The defaults are dev's: port 4000, the embedded database in .data/platform; the environment may move them.
    const config = platformConfig({ sandbox: true });
    const service = await servePlatform(config, fileURLToPath(DEMO_SEED));
    const seed = JSON.parse(await readFile(DEMO_SEED, 'utf8')) as {
      clients: { clientId: string; clientSecret: string }[];
    };
    const demo = seed.clients[0]!;
    return {
      ...service,
      nextSteps: [
        `Demo partner client: ${demo.clientId} / ${demo.clientSecret} (local use only)`,
        'Get a client credentials token:',
        `  curl -s -u ${demo.clientId}:${demo.clientSecret} -d grant_type=client_credentials ${service.url}/oauth/token`,
        'Then create a user, get user tokens and refresh them: see "Walk-through" in README.md.',
      ],
    };
  },
};

/**
 * The servers `dev` runs, in start order. Each is one entry here; the partner app (port 3000) is added as a
 * second entry once it exists.
 */
const DEV_SERVICES: DevService[] = [demoPlatform];

export async function dev(args: string[]): Promise<number> {
  const { help } = parseOptions(args, {}, DEV_USAGE);
  if (help) {
    console.log(DEV_USAGE);
    return 0;
  }
  const started: Service[] = [];
  const notes: string[] = [];
  try {
    for (const service of DEV_SERVICES) {
      const running = await service.start();
      started.push(running);
      notes.push(...running.nextSteps);
    }
  } catch (error) {
    for (const service of started.reverse()) await service.close();
    throw error;
  }
  console.log('');
  for (const service of started) console.log(`  ${service.name.padEnd(10)} ${service.url}`);
  console.log('');
  for (const line of notes) console.log(line);
  console.log('\nPress Ctrl-C to stop.');
  await closeOnSignal(started);
  return 0;
}
