import { parseArgs } from 'node:util';
import { tenantCode } from '@stuurwiel/schemas';
import { generateApiKey } from '../auth/api-keys.js';
import { SOURCE_NAMES } from '../auth/credentials.js';

const USAGE = `usage: stuurwiel-ingest keys create --id ID --tenant GM0363 [--source NAME ...]
Prints a new API key once (give it to the supplier) and the entry to add to the credentials
file, which stores only its SHA-256 hash. Sources: ${SOURCE_NAMES.join(', ')} (default: all).`;

export function runKeys(args: string[]): number {
  const [action, ...rest] = args;
  if (action !== 'create') {
    console.error(USAGE);
    return action === '--help' ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      id: { type: 'string' },
      tenant: { type: 'string' },
      source: { type: 'string', multiple: true },
    },
  });
  const problems: string[] = [];
  if (!values.id || !/^[a-z0-9-]{3,40}$/.test(values.id))
    problems.push('--id: 3-40 lower-case letters, digits or -');
  if (!tenantCode.safeParse(values.tenant).success)
    problems.push('--tenant: a CBS municipality code such as GM0363');
  for (const s of values.source ?? []) {
    if (!(SOURCE_NAMES as readonly string[]).includes(s)) problems.push(`--source: unknown source '${s}'`);
  }
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n\n${USAGE}`);
    return 2;
  }
  const { key, sha256 } = generateApiKey(values.id!);
  console.error('API key (shown once; store it with the sending system, not in the credentials file):');
  console.log(key);
  console.error('Entry for the "keys" list of the credentials file:');
  console.error(
    JSON.stringify({
      id: values.id,
      tenant: values.tenant,
      sha256,
      ...(values.source ? { sources: values.source } : {}),
    }),
  );
  return 0;
}
