import { formatEnvironment } from '@account-access/kit';
import { PLATFORM_SETTINGS } from '@account-access/platform/config';
import { platformConfig, servePlatform, storageSettings } from '../platform.js';
import { closeOnSignal } from '../shutdown.js';
import { parseOptions, portOption, stringOption, UsageError } from '../usage.js';

export const PLATFORM_SERVE_USAGE = `Usage: account-access platform serve [options]

Runs the Wise-compatible platform until SIGINT (Ctrl-C) or SIGTERM.

Options:
  --port N               port to listen on (default 4000, env PLATFORM_PORT)
  --database-url URL     a PostgreSQL server (env DATABASE_URL)
  --data-dir DIR         embedded database folder (default .data/platform, env PLATFORM_DATA_DIR)
  --seed FILE            apply a seed file of clients and people at start (idempotent)
  --sandbox              mount the sandbox control plane under /_sandbox/
  --config FILE          a JSON file of settings (env PLATFORM_CONFIG)
  -h, --help             show this help

Use either --database-url or --data-dir. The embedded database admits one process at a time.

Environment (flags win over it; the --config file takes the same settings by key, PLATFORM_CONFIG names it):
${formatEnvironment(PLATFORM_SETTINGS)}`;

export async function platformServe(args: string[]): Promise<number> {
  const { help, values } = parseOptions(
    args,
    {
      port: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string' },
      sandbox: { type: 'boolean' },
      config: { type: 'string' },
    },
    PLATFORM_SERVE_USAGE,
  );
  if (help) {
    console.log(PLATFORM_SERVE_USAGE);
    return 0;
  }
  if (values['database-url'] !== undefined && values['data-dir'] !== undefined) {
    throw new UsageError('use either --database-url or --data-dir, not both', PLATFORM_SERVE_USAGE);
  }
  const port = portOption(values['port'], PLATFORM_SERVE_USAGE);
  const config = platformConfig(
    {
      ...storageSettings({
        databaseUrl: stringOption(values['database-url']),
        dataDir: stringOption(values['data-dir']),
      }),
      ...(port !== undefined ? { port } : {}),
      ...(values['sandbox'] ? { sandbox: true } : {}),
    },
    stringOption(values['config']),
  );
  const service = await servePlatform(config, stringOption(values['seed']));
  // Listen for signals before saying so: whoever reads the line may stop the process at once.
  const closed = closeOnSignal([service]);
  console.log(
    `account-access platform listening on ${service.url}${config.sandbox ? ' (sandbox mode)' : ''}`,
  );
  await closed;
  return 0;
}
