import type { RefreshTokenRotation } from '@account-access/platform';
import { parseOptions, stringOption, UsageError } from '../usage.js';

export const CLIENTS_CREATE_USAGE = `Usage: account-access platform clients create --name NAME --redirect-uri URI [options]

Registers a partner client and prints {"clientId": "…", "clientSecret": "…", "refreshTokenRotation": "…"}
as JSON.
The secret is shown this once; the platform keeps only a keyed hash of it.

Options:
  --name NAME            the partner's name (required)
  --redirect-uri URI     a redirect URI, stored exactly as given; repeat for several (at least one)
  --public               a public client (no secret; PKCE required at the authorize flow; always rotates)
  --refresh-token-rotation never|always
                         replace the refresh token on every refresh (default never, as Wise;
                         a public client always)
  --database-url URL     a PostgreSQL server (env DATABASE_URL)
  --data-dir DIR         embedded database folder (default .data/platform, env PLATFORM_DATA_DIR)
  --config FILE          a JSON file of settings (env PLATFORM_CONFIG)
  -h, --help             show this help

The embedded database admits one process at a time: stop a server running on the same data folder
first, or run both against a PostgreSQL server.`;

export async function clientsCreate(args: string[]): Promise<number> {
  const { help, values } = parseOptions(
    args,
    {
      name: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      public: { type: 'boolean' },
      'refresh-token-rotation': { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
    },
    CLIENTS_CREATE_USAGE,
  );
  if (help) {
    console.log(CLIENTS_CREATE_USAGE);
    return 0;
  }
  const name = stringOption(values['name']);
  const redirectUris = (values['redirect-uri'] as string[] | undefined) ?? [];
  if (name === undefined || name.trim() === '')
    throw new UsageError('--name is required', CLIENTS_CREATE_USAGE);
  if (redirectUris.length === 0) {
    throw new UsageError('at least one --redirect-uri is required', CLIENTS_CREATE_USAGE);
  }
  const rotation = stringOption(values['refresh-token-rotation']);
  if (rotation !== undefined && rotation !== 'never' && rotation !== 'always') {
    throw new UsageError('--refresh-token-rotation is never or always', CLIENTS_CREATE_USAGE);
  }
  if (rotation === 'never' && values['public'] === true) {
    throw new UsageError(
      'a public client always rotates: --refresh-token-rotation never',
      CLIENTS_CREATE_USAGE,
    );
  }
  if (values['database-url'] !== undefined && values['data-dir'] !== undefined) {
    throw new UsageError('use either --database-url or --data-dir, not both', CLIENTS_CREATE_USAGE);
  }
  // The platform loads once the command line is valid: its usage and usage errors stay cheap (issue 14).
  const [{ createPlatform, registerClient }, { platformConfig, storageSettings, withPlatformDatabase }] =
    await Promise.all([import('@account-access/platform'), import('../platform.js')]);
  const config = platformConfig(
    storageSettings({
      databaseUrl: stringOption(values['database-url']),
      dataDir: stringOption(values['data-dir']),
    }),
    stringOption(values['config']),
  );
  const created = await withPlatformDatabase(config, (db) =>
    registerClient(createPlatform(config, db), {
      name,
      redirectUris,
      isPublic: values['public'] === true,
      ...(rotation !== undefined ? { rotate: rotation as RefreshTokenRotation } : {}),
    }),
  );
  console.log(
    JSON.stringify({
      clientId: created.clientId,
      clientSecret: created.clientSecret,
      refreshTokenRotation: created.rotate,
    }),
  );
  return 0;
}
