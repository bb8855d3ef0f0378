// The `account-access` executable: runs the command line and exits with its status.
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2));
