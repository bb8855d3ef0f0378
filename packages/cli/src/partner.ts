import type { RunningPartner } from '@account-access/partner';
// The configuration alone (issue 14): usage and config errors of `serve`/`dev` never load the partner's modules.
import {
  loadPartnerConfig,
  type PartnerConfig,
  PartnerConfigError,
  type PartnerSettings,
} from '@account-access/partner/config';
import type { Service } from './platform.js';
import { CommandError } from './usage.js';

/** Where the partner keeps its data, from `--database-url` / `--data-dir` (exclusive). */
export function partnerStorageSettings(flags: { databaseUrl?: string; dataDir?: string }): PartnerSettings {
  return {
    ...(flags.databaseUrl !== undefined ? { databaseUrl: flags.databaseUrl } : {}),
    ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir, databaseUrl: null } : {}),
  };
}

/** The partner's configuration: its file, the environment (PARTNER_*), then the flags. */
export function partnerConfig(
  settings: PartnerSettings,
  file?: string,
  env?: NodeJS.ProcessEnv,
): PartnerConfig {
  try {
    return loadPartnerConfig({
      ...(file !== undefined ? { file } : {}),
      ...(env !== undefined ? { env } : {}),
      overrides: settings,
    });
  } catch (error) {
    if (error instanceof PartnerConfigError) throw new CommandError(error.message);
    throw error;
  }
}

/** Opens the partner's database, applies its seed file (when configured) and listens. */
export async function servePartner(config: PartnerConfig): Promise<Service & { running: RunningPartner }> {
  const { startPartner } = await import('@account-access/partner');
  let running: RunningPartner;
  try {
    running = await startPartner(config);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CommandError(
        `Port ${config.port} is already in use: stop what listens there (another account-access?) or choose another port.`,
      );
    }
    throw error;
  }
  return {
    name: 'partner',
    // The public URL of the bound server: with --port 0 and none configured it names the port chosen.
    url: running.partner.config.publicUrl,
    running,
    close: () => running.close(),
  };
}
