import { formatEnvironment } from '@account-access/kit';
import { PARTNER_SETTINGS } from '@account-access/partner/config';
import { partnerConfig, partnerStorageSettings, servePartner } from '../partner.js';
import { closeOnSignal } from '../shutdown.js';
import { parseOptions, portOption, stringOption, UsageError } from '../usage.js';

export const PARTNER_SERVE_USAGE = `Usage: account-access partner serve [options]

Runs the reference partner bank's web app until SIGINT (Ctrl-C) or SIGTERM.

Options:
  --port N               port to listen on (default 3000, env PARTNER_PORT)
  --platform-url URL     the platform's (or Wise's) API base (default http://localhost:4000,
                         env PARTNER_PLATFORM_URL)
  --client-id ID         the bank's partner client id (default demo-bank, env PARTNER_CLIENT_ID)
  --client-secret S      its secret (env PARTNER_CLIENT_SECRET; prefer the environment)
  --redirect-uri URI     registered with the platform byte for byte (default <public url>/wise/callback)
  --database-url URL     a PostgreSQL server (env PARTNER_DATABASE_URL)
  --data-dir DIR         embedded database folder (default .data/partner, env PARTNER_DATA_DIR)
  --seed FILE            a file of customers to load at start (env PARTNER_SEED)
  --link-method M        redirect (default) or email, for customers who already have an account
  --config FILE          a JSON file of settings (env PARTNER_CONFIG)
  -h, --help             show this help

Use either --database-url or --data-dir. Every PARTNER_* variable of the partner's README applies.

Environment (flags win over it; the --config file takes the same settings by key, PARTNER_CONFIG names it):
${formatEnvironment(PARTNER_SETTINGS)}`;

export async function partnerServe(args: string[]): Promise<number> {
  const { help, values } = parseOptions(
    args,
    {
      port: { type: 'string' },
      'platform-url': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'redirect-uri': { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string' },
      'link-method': { type: 'string' },
      config: { type: 'string' },
    },
    PARTNER_SERVE_USAGE,
  );
  if (help) {
    console.log(PARTNER_SERVE_USAGE);
    return 0;
  }
  if (values['database-url'] !== undefined && values['data-dir'] !== undefined) {
    throw new UsageError('use either --database-url or --data-dir, not both', PARTNER_SERVE_USAGE);
  }
  const linkMethod = stringOption(values['link-method']);
  if (linkMethod !== undefined && linkMethod !== 'redirect' && linkMethod !== 'email') {
    throw new UsageError(`--link-method must be redirect or email, got "${linkMethod}"`, PARTNER_SERVE_USAGE);
  }
  const port = portOption(values['port'], PARTNER_SERVE_USAGE);
  const optional = (key: string, flag: string) => {
    const value = stringOption(values[flag]);
    return value !== undefined ? { [key]: value } : {};
  };
  const config = partnerConfig(
    {
      ...partnerStorageSettings({
        ...optional('databaseUrl', 'database-url'),
        ...optional('dataDir', 'data-dir'),
      }),
      ...(port !== undefined ? { port } : {}),
      ...optional('platformUrl', 'platform-url'),
      ...optional('clientId', 'client-id'),
      ...optional('clientSecret', 'client-secret'),
      ...optional('redirectUri', 'redirect-uri'),
      ...optional('seedFile', 'seed'),
      ...(linkMethod !== undefined ? { linkMethod } : {}),
    },
    stringOption(values['config']),
  );
  const service = await servePartner(config);
  // Listen for signals before saying so: whoever reads the line may stop the process at once.
  const closed = closeOnSignal([service]);
  console.log(`account-access partner listening on ${service.url} (platform ${config.wise.apiUrl})`);
  await closed;
  return 0;
}
