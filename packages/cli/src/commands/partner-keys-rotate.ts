import { parseOptions, stringOption, UsageError } from '../usage.js';

export const PARTNER_KEYS_ROTATE_USAGE = `Usage: account-access partner keys rotate [options]

Re-encrypts every registration code, token and PKCE verifier of the partner's database under the newest key
of PARTNER_VAULT_KEYS ("k2:<base64 32 bytes>,k1:<…>", newest first), then prints a JSON report. Once it reports
nothing rotated on a second run, the old key may be removed.

Options:
  --database-url URL     a PostgreSQL server (env PARTNER_DATABASE_URL)
  --data-dir DIR         embedded database folder (default .data/partner, env PARTNER_DATA_DIR)
  --config FILE          a JSON file of settings (env PARTNER_CONFIG)
  -h, --help             show this help

Use either --database-url or --data-dir. The embedded database admits one process at a time: stop the
partner first.`;

export async function partnerKeysRotate(args: string[]): Promise<number> {
  const { help, values } = parseOptions(
    args,
    { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' }, config: { type: 'string' } },
    PARTNER_KEYS_ROTATE_USAGE,
  );
  if (help) {
    console.log(PARTNER_KEYS_ROTATE_USAGE);
    return 0;
  }
  const databaseUrl = stringOption(values['database-url']);
  const dataDir = stringOption(values['data-dir']);
  if (databaseUrl !== undefined && dataDir !== undefined) {
    throw new UsageError('use either --database-url or --data-dir, not both', PARTNER_KEYS_ROTATE_USAGE);
  }
  // The partner loads once the command line is valid: its usage and usage errors stay cheap (issue 14).
  const [{ rotatePartnerKeys }, { partnerConfig, partnerStorageSettings }] = await Promise.all([
    import('@account-access/partner'),
    import('../partner.js'),
  ]);
  const config = partnerConfig(
    partnerStorageSettings({
      ...(databaseUrl !== undefined ? { databaseUrl } : {}),
      ...(dataDir !== undefined ? { dataDir } : {}),
    }),
    stringOption(values['config']),
  );
  const report = await rotatePartnerKeys(config);
  console.log(JSON.stringify(report));
  return 0;
}
