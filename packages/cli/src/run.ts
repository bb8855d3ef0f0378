import { CommandError, UsageError } from './usage.js';

export const MAIN_USAGE = `Usage: account-access <command> [options]

Commands:
  dev                         run everything locally with demo data (what \`npm start\` runs)
  platform serve              run the Wise-compatible platform
  platform clients create     register a partner client and print its credentials as JSON
  partner serve               run the reference partner bank's web app
  partner keys rotate         re-encrypt the partner's secrets under its newest vault key

Run \`account-access <command> --help\` for the options of a command.`;

const PLATFORM_USAGE = `Usage: account-access platform <command> [options]

Commands:
  serve                       run the Wise-compatible platform
  clients create              register a partner client and print its credentials as JSON`;

const CLIENTS_USAGE = `Usage: account-access platform clients <command> [options]

Commands:
  create                      register a partner client and print its credentials as JSON`;

const PARTNER_USAGE = `Usage: account-access partner <command> [options]

Commands:
  serve                       run the reference partner bank's web app
  keys rotate                 re-encrypt the partner's secrets under its newest vault key`;

const KEYS_USAGE = `Usage: account-access partner keys <command> [options]

Commands:
  rotate                      re-encrypt the partner's secrets under its newest vault key`;

type Command = (args: string[]) => Promise<number>;

/**
 * A command whose module loads when it runs (issue 14): a command pulls in the platform's or the partner's
 * whole module graph (~1 s of CPU), which the usage of a group (`platform --help`) or another command never needs.
 */
function lazy(load: () => Promise<Command>): Command {
  return async (args) => (await load())(args);
}

/** A group of sub-commands: `--help` or nothing prints its usage; an unknown name is a usage error. */
function group(usage: string, commands: Record<string, Command>): Command {
  return async ([name, ...rest]) => {
    if (name === undefined) throw new UsageError('a command is required', usage);
    if (name === '--help' || name === '-h') {
      console.log(usage);
      return 0;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) throw new UsageError(`unknown command: ${name}`, usage);
    return command(rest);
  };
}

const main = group(MAIN_USAGE, {
  dev: lazy(async () => (await import('./commands/dev.js')).dev),
  platform: group(PLATFORM_USAGE, {
    serve: lazy(async () => (await import('./commands/platform-serve.js')).platformServe),
    clients: group(CLIENTS_USAGE, {
      create: lazy(async () => (await import('./commands/clients-create.js')).clientsCreate),
    }),
  }),
  partner: group(PARTNER_USAGE, {
    serve: lazy(async () => (await import('./commands/partner-serve.js')).partnerServe),
    keys: group(KEYS_USAGE, {
      rotate: lazy(async () => (await import('./commands/partner-keys-rotate.js')).partnerKeysRotate),
    }),
  }),
});

/**
 * Errors the person can act on: shown as one line, never as a stack trace. The packages' own error classes
 * load only when an error needs telling apart (a command that threw one has loaded its package already).
 */
async function expected(error: unknown): Promise<boolean> {
  if (error instanceof CommandError) return true;
  // The platform's and the partner's ConfigError is the kit's: a config error of `serve` loads no server (issue 14).
  if (error instanceof (await import('@account-access/kit')).ConfigError) return true;
  const [{ DataFolderInUse }, partner, platform] = await Promise.all([
    import('@account-access/db'),
    import('@account-access/partner'),
    import('@account-access/platform'),
  ]);
  return [
    DataFolderInUse,
    platform.ConfigError,
    platform.SeedError,
    platform.ClientRegistrationError,
    partner.PartnerConfigError,
    partner.PartnerSeedError,
    partner.VaultError,
  ].some((type) => error instanceof type);
}

/** Runs the command line and returns the exit status: 0 ok, 1 failure, 2 usage error. */
export async function run(args: string[]): Promise<number> {
  try {
    return await main(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`account-access: ${error.message}\n\n${error.usage}`);
      return 2;
    }
    if (await expected(error)) {
      console.error(`account-access: ${(error as Error).message}`);
      return 1;
    }
    console.error(`account-access: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return 1;
  }
}
