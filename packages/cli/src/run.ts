import { DataFolderInUse } from '@account-access/db';
import { PartnerConfigError, PartnerSeedError, VaultError } from '@account-access/partner';
import { ClientRegistrationError, ConfigError, SeedError } from '@account-access/platform';
import { CLIENTS_CREATE_USAGE, clientsCreate } from './commands/clients-create.js';
import { DEV_USAGE, dev } from './commands/dev.js';
import { PARTNER_KEYS_ROTATE_USAGE, partnerKeysRotate } from './commands/partner-keys-rotate.js';
import { PARTNER_SERVE_USAGE, partnerServe } from './commands/partner-serve.js';
import { PLATFORM_SERVE_USAGE, platformServe } from './commands/platform-serve.js';
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
  dev,
  platform: group(PLATFORM_USAGE, {
    serve: platformServe,
    clients: group(CLIENTS_USAGE, { create: clientsCreate }),
  }),
  partner: group(PARTNER_USAGE, {
    serve: partnerServe,
    keys: group(KEYS_USAGE, { rotate: partnerKeysRotate }),
  }),
});

/** Errors the person can act on: shown as one line, never as a stack trace. */
const EXPECTED = [
  CommandError,
  DataFolderInUse,
  ConfigError,
  SeedError,
  ClientRegistrationError,
  PartnerConfigError,
  PartnerSeedError,
  VaultError,
];

/** Runs the command line and returns the exit status: 0 ok, 1 failure, 2 usage error. */
export async function run(args: string[]): Promise<number> {
  try {
    return await main(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`account-access: ${error.message}\n\n${error.usage}`);
      return 2;
    }
    if (EXPECTED.some((type) => error instanceof type)) {
      console.error(`account-access: ${(error as Error).message}`);
      return 1;
    }
    console.error(`account-access: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return 1;
  }
}

export {
  CLIENTS_CREATE_USAGE,
  DEV_USAGE,
  PARTNER_KEYS_ROTATE_USAGE,
  PARTNER_SERVE_USAGE,
  PLATFORM_SERVE_USAGE,
};
