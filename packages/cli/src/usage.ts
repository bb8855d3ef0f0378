import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A mistake in how the command was called: the message and the usage are printed, exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** A failure the person can act on (data folder in use, bad config, port taken): one line, exit status 1. */
export class CommandError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses the options of one command with node:util parseArgs, strictly: unknown options, missing values and
 * stray arguments are usage errors. `--help` is understood by every command.
 */
export function parseOptions<O extends Options>(
  args: string[],
  options: O,
  usage: string,
): { help: boolean; values: Record<string, string | boolean | string[] | undefined> } {
  try {
    const { values: parsed, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    const values = parsed as Record<string, string | boolean | string[] | undefined>;
    if (values['help']) return { help: true, values };
    if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`, usage);
    return { help: false, values };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = (error as Error).message;
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new UsageError(unknown ? `unknown option: ${unknown[1]}` : message.split('\n')[0]!, usage);
  }
}

export function portOption(value: unknown, usage: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(String(value)) || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`, usage);
  }
  return port;
}

export function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
