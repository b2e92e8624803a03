import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { endpointFor, tailQueueLog } from '../tail/run.js';
import { serviceUrl } from './service-url.js';

const USAGE = `usage: stuurwiel-ingest tail FILE --url URL --key-file FILE [--state FILE] [--batch-lines N] [--interval-ms N]
Follows an Asterisk queue_log (FILE, e.g. /var/log/asterisk/queue_log) and sends every new complete
line once to POST URL/v1/sources/asterisk/queue-log. Survives rotation (the old file is finished first
while it is open, or as FILE.1 after a restart), truncation and restarts. SIGTERM or SIGINT finishes
the batch in flight, saves the position and exits 0.
  --url URL          base URL of the stuurwiel ingest service, e.g. https://ingest.example.nl
  --key-file FILE    file holding the API key (the key is never given on the command line)
  --state FILE       where the position is kept
                     (default: ./stuurwiel-tail.<name of FILE>.state.json)
  --batch-lines N    most lines per request, 1-5000 (default 500)
  --interval-ms N    how often to look for new lines, 10-60000 (default 1000)
  --allow-insecure-http  let --url be plain http (tests and local development only; the API key
                     and the caller data would cross the network readable)`;

const FLAGS: Record<string, string> = {
  file: 'FILE',
  url: '--url',
  keyFile: '--key-file',
  state: '--state',
  batchLines: '--batch-lines',
  intervalMs: '--interval-ms',
};

const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    )
    .optional()
    .transform((n) => n ?? fallback);

export const tailArgsSchema = (allowInsecureHttp: boolean) =>
  z.strictObject({
    file: z.string({ error: 'the queue_log to follow is required' }).min(1, { error: 'must not be empty' }),
    url: z.string({ error: 'is required' }).pipe(serviceUrl(allowInsecureHttp)),
    keyFile: z.string({ error: 'is required (a file holding the API key)' }).min(1),
    state: z.string().min(1).optional(),
    batchLines: wholeNumber(1, 5000, 500),
    intervalMs: wholeNumber(10, 60_000, 1000),
  });
export type TailArgs = z.output<ReturnType<typeof tailArgsSchema>>;

/** Parses the command line; errors name the flag. */
export function parseTailArgs(args: string[]): { ok: true; args: TailArgs } | { ok: false; message: string } {
  if (args.some((a) => a === '--key' || a.startsWith('--key=') || a === '--api-key')) {
    return {
      ok: false,
      message: '--key-file: give the API key in a file; a key on the command line shows in ps',
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        'key-file': { type: 'string' },
        state: { type: 'string' },
        'batch-lines': { type: 'string' },
        'interval-ms': { type: 'string' },
        'allow-insecure-http': { type: 'boolean' },
      },
    });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    return { ok: false, message: `FILE: one queue_log at a time, got ${positionals.length}` };
  }
  const result = tailArgsSchema(values['allow-insecure-http'] === true).safeParse({
    file: positionals[0],
    url: values.url,
    keyFile: values['key-file'],
    state: values.state,
    batchLines: values['batch-lines'],
    intervalMs: values['interval-ms'],
  });
  if (!result.success) {
    const message = result.error.issues
      .map((issue) => `${FLAGS[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`)
      .join('\n');
    return { ok: false, message };
  }
  return { ok: true, args: result.data };
}

/** The API key from its file; a key on the command line would show in `ps` and shell history. */
export async function readApiKey(path: string): Promise<{ key: string; warning?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`--key-file: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const key = text.trim();
  if (key === '') throw new Error(`--key-file: ${path} is empty`);
  if (/\s/.test(key)) throw new Error(`--key-file: ${path} must hold only the API key, on one line`);
  const mode = (await stat(path)).mode;
  const warning =
    process.platform !== 'win32' && (mode & 0o077) !== 0
      ? `--key-file: ${path} can be read by other users; chmod 600 it`
      : undefined;
  return warning ? { key, warning } : { key };
}

function log(message: string): void {
  console.error(`${new Date().toISOString()} tail: ${message}`);
}

export async function runTail(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const parsed = parseTailArgs(args);
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const options = parsed.args;
  let apiKey: string;
  try {
    const read = await readApiKey(options.keyFile);
    if (read.warning) log(read.warning);
    apiKey = read.key;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const file = resolve(options.file);
  const statePath = resolve(options.state ?? `stuurwiel-tail.${basename(file)}.state.json`);

  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      log(`${signal} again: exiting without waiting for the batch in flight (it is sent again next time)`);
      process.exit(1);
    }
    log(`${signal}: finishing the batch in flight, then stopping`);
    stop.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    log(`sending to ${endpointFor(options.url)}; position kept in ${statePath}`);
    await tailQueueLog({
      file,
      url: options.url,
      apiKey,
      statePath,
      batchLines: options.batchLines,
      intervalMs: options.intervalMs,
      stop: stop.signal,
      log,
    });
    log('stopped; position saved');
    return 0;
  } catch (error) {
    log(`stopped: ${(error as Error).message}`);
    return 1;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
