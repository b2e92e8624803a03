#!/usr/bin/env node
// `stuurwiel-ingest`: the service itself, and the tools a municipality runs next to its systems.
import { runImport } from './import.js';
import { runKeys } from './keys.js';
import { runTail } from './tail.js';

const USAGE = `usage:
  stuurwiel-ingest serve                       run the ingest service (same as main.js)
  stuurwiel-ingest keys create --id ID --tenant GM0363 [--source NAME ...]
                                               make an API key and its credentials-file entry
  stuurwiel-ingest tail FILE [options]         follow an Asterisk queue_log and send new lines
  stuurwiel-ingest import --format FORMAT --mapping FILE EXPORT.csv [options]
                                               send a queue-management CSV export
run a command with --help for its options`;

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'serve':
    await import('../main.js');
    break;
  case 'keys':
    process.exitCode = runKeys(args);
    break;
  case 'tail':
    process.exitCode = await runTail(args);
    break;
  case 'import':
    process.exitCode = await runImport(args);
    break;
  default:
    console.error(USAGE);
    process.exitCode = command === undefined || command === '--help' ? 0 : 2;
}
