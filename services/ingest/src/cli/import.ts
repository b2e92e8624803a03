import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { validateEvent } from '@stuurwiel/schemas';
import {
  CSV_ENCODINGS,
  CSV_MAX_ROWS,
  type CsvEncoding,
  CsvFileError,
  type CsvMapping,
  checkHeader,
  decodeExport,
  type ExportRow,
  parseCsvMapping,
  parseExport,
  translateCsvRows,
} from '../adapters/csv/index.js';
import { serviceUrl } from './service-url.js';

const USAGE = `usage: stuurwiel-ingest import --format FORMAT [--mapping FILE] --url URL --key-file FILE [options] EXPORT.csv
Sends a queue-management CSV export to ingest (POST {url}/v1/sources/csv) in batches.
  --format NAME       export format, as the mapping's "format" (shipped: qmatic-statistics, jcc)
  --mapping FILE      column mapping, JSON (default: the shipped mapping for --format)
  --url URL           ingest base URL, e.g. https://ingest.example.nl
  --key-file FILE     file that holds the API key (sent as Authorization: Bearer)
  --encoding ENC      utf-8 (default), latin1 or windows-1252
  --delimiter CHAR    column separator (default: the mapping's, else ','; 'tab' for a tab)
  --batch N           rows per request, 1-${CSV_MAX_ROWS} (default 1000)
  --dry-run           read and translate locally, report rejects, send nothing
  --allow-insecure-http  let --url be plain http (tests and local development only; the API
                      key and the rows would cross the network readable)
Exit status: 0 every row accepted; 1 some rows rejected; 2 usage, mapping, key or file error
(nothing more was sent); 3 the service could not take a batch (retrying is safe: event ids are
deterministic, so rows sent twice are not counted twice).`;

/** Where the command writes: stdout for results, stderr for notes and errors. */
export interface ImportIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: ImportIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

class UsageError extends Error {}

/** A failure that ends the import with an exit status. */
class Stop extends Error {
  constructor(
    message: string,
    readonly status: 2 | 3,
  ) {
    super(message);
  }
}

const ENCODING_ALIASES: Record<string, CsvEncoding> = {
  utf8: 'utf-8',
  'iso-8859-1': 'latin1',
  cp1252: 'windows-1252',
};

interface Options {
  format: string;
  mappingFile: string;
  file: string;
  url?: URL;
  keyFile?: string;
  encoding: CsvEncoding;
  delimiter?: string;
  batch: number;
  dryRun: boolean;
}

const OPTIONS = {
  format: { type: 'string' },
  mapping: { type: 'string' },
  url: { type: 'string' },
  'key-file': { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  batch: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'allow-insecure-http': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function readOptions(args: string[]): Options | 'help' {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>
  >;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const problems: string[] = [];
  if (!values.format) problems.push('--format is required');
  else if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(values.format)) {
    problems.push('--format must be lower-case letters, digits or -, such as jcc');
  }
  if (positionals.length !== 1) problems.push('give exactly one export file');
  const dryRun = values['dry-run'] === true;
  let url: URL | undefined;
  if (!dryRun) {
    if (!values.url) problems.push('--url is required (or --dry-run)');
    else {
      const checked = serviceUrl(values['allow-insecure-http'] === true).safeParse(values.url);
      if (checked.success) url = new URL(checked.data);
      else problems.push(`--url ${checked.error.issues[0]!.message}`);
    }
    if (!values['key-file']) problems.push('--key-file is required (or --dry-run)');
  }
  const encodingName = (values.encoding ?? 'utf-8').toLowerCase();
  const encoding = (CSV_ENCODINGS as readonly string[]).includes(encodingName)
    ? (encodingName as CsvEncoding)
    : ENCODING_ALIASES[encodingName];
  if (!encoding) problems.push(`--encoding must be one of ${CSV_ENCODINGS.join(', ')}`);
  let delimiter = values.delimiter;
  if (delimiter === 'tab' || delimiter === '\\t') delimiter = '\t';
  if (delimiter !== undefined && delimiter.length !== 1) problems.push('--delimiter must be one character');
  const batch = values.batch === undefined ? 1000 : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > CSV_MAX_ROWS) {
    problems.push(`--batch must be a whole number from 1 to ${CSV_MAX_ROWS}`);
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return {
    format: values.format!,
    mappingFile:
      values.mapping ?? fileURLToPath(new URL(`../../mappings/${values.format}.json`, import.meta.url)),
    file: positionals[0]!,
    ...(url ? { url } : {}),
    ...(values['key-file'] ? { keyFile: values['key-file'] } : {}),
    encoding: encoding!,
    ...(delimiter === undefined ? {} : { delimiter }),
    batch,
    dryRun,
  };
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Stop(
      `${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      2,
    );
  }
}

function loadMapping(options: Options): { raw: unknown; mapping: CsvMapping } {
  const text = readText(options.mappingFile, 'mapping');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Stop(`mapping ${options.mappingFile}: not valid JSON: ${(error as Error).message}`, 2);
  }
  const result = parseCsvMapping(raw);
  if (!result.ok) {
    const lines = result.errors.map((e) => `  ${e.path || '(mapping)'}: ${e.reason}`);
    throw new Stop(`mapping ${options.mappingFile} is not valid:\n${lines.join('\n')}`, 2);
  }
  if (result.mapping.format !== options.format) {
    throw new Stop(
      `mapping ${options.mappingFile} is for format '${result.mapping.format}', not --format '${options.format}'`,
      2,
    );
  }
  return { raw, mapping: result.mapping };
}

function readKey(file: string): string {
  const key = readText(file, 'key file').trim();
  if (key === '' || /\s/.test(key)) throw new Stop(`key file ${file}: must hold one API key`, 2);
  return key;
}

interface Reject {
  row: number;
  path: string;
  reason: string;
}

interface Tally {
  accepted: number;
  events: number;
  ignored: number;
  rejectedRows: Set<number>;
}

/** Answer of the ingest endpoint for a batch. */
interface BatchAnswer {
  accepted: number;
  events: number;
  ignored: number;
  rejected: { index: number; path: string; reason: string }[];
}

function isBatchAnswer(value: unknown): value is BatchAnswer {
  const v = value as Partial<BatchAnswer> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.accepted === 'number' &&
    typeof v.events === 'number' &&
    Array.isArray(v.rejected)
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const RETRIES = 4;

async function postBatch(endpoint: URL, key: string, body: string, io: ImportIo): Promise<BatchAnswer> {
  for (let attempt = 0; ; attempt++) {
    let status: number;
    let text: string;
    let retryAfter: string | null = null;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(60_000),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (error) {
      status = 0;
      text = (error as Error).message;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if ((status === 202 || status === 422) && isBatchAnswer(json)) return json;
    const reason = (json as { reason?: unknown } | undefined)?.reason;
    const said = typeof reason === 'string' ? reason : text.slice(0, 500);
    const transient = status === 0 || status === 429 || status >= 500;
    if (transient && attempt < RETRIES) {
      const told = retryAfter === null ? Number.NaN : Number(retryAfter);
      const seconds = Math.min(Number.isFinite(told) && told >= 0 ? told : 2 ** attempt, 30);
      io.err(`${status === 0 ? 'no answer' : `HTTP ${status}`}: ${said}; retrying in ${seconds} s`);
      await sleep(seconds * 1000);
      continue;
    }
    if (transient) throw new Stop(`ingest could not take the batch: ${status || 'no answer'} ${said}`, 3);
    throw new Stop(
      `ingest refused the batch: HTTP ${status}: ${said}`,
      status >= 400 && status < 500 ? 2 : 3,
    );
  }
}

function reportRejects(rejects: Reject[], rows: ExportRow[], io: ImportIo): void {
  for (const r of rejects) {
    const line = rows[r.row]?.line;
    io.out(
      `rejected row ${r.row}${line === undefined ? '' : ` (line ${line})`}: ${r.path || '(row)'}: ${r.reason}`,
    );
  }
}

/** Translates locally with a throw-away key, to show what the service would reject. */
function dryRun(header: string[], rows: ExportRow[], mapping: CsvMapping, tally: Tally, io: ImportIo): void {
  const secret = randomBytes(32);
  const records = translateCsvRows(
    { header, rows: rows.map((r) => r.cells), mapping },
    {
      tenant: 'GM0000',
      now: new Date(),
      pseudonymise: (value) => createHmac('sha256', secret).update(value).digest('hex'),
      fingerprint: (text) => createHmac('sha256', secret).update(text).digest('hex'),
    },
  );
  const rejects: Reject[] = [];
  for (const record of records) {
    const errors = [...record.errors];
    for (const [n, event] of record.events.entries()) {
      const result = validateEvent(event);
      if (!result.ok) errors.push(...result.errors.map((e) => ({ ...e, path: `events.${n}.${e.path}` })));
    }
    if (errors.length > 0) {
      tally.rejectedRows.add(record.index);
      rejects.push(...errors.map((e) => ({ row: record.index, ...e })));
    } else if (record.ignored) tally.ignored++;
    else {
      tally.accepted++;
      tally.events += record.events.length;
    }
  }
  reportRejects(rejects, rows, io);
}

async function run(options: Options, io: ImportIo): Promise<number> {
  const { raw, mapping } = loadMapping(options);
  const key = options.keyFile === undefined ? undefined : readKey(options.keyFile);
  let bytes: Buffer;
  try {
    bytes = readFileSync(options.file);
  } catch (error) {
    throw new Stop(
      `export ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      2,
    );
  }
  let header: string[];
  let rows: ExportRow[];
  try {
    ({ header, rows } = parseExport(
      decodeExport(bytes, options.encoding),
      options.delimiter ?? mapping.delimiter ?? ',',
    ));
  } catch (error) {
    if (error instanceof CsvFileError) throw new Stop(`export ${options.file}: ${error.message}`, 2);
    throw error;
  }
  const check = checkHeader(header, mapping);
  if (check.missing.length > 0 || check.duplicate.length > 0) {
    const problems = [
      ...(check.missing.length > 0 ? [`missing columns the mapping reads: ${check.missing.join(', ')}`] : []),
      ...(check.duplicate.length > 0
        ? [`columns the mapping reads appear more than once: ${check.duplicate.join(', ')}`]
        : []),
    ];
    throw new Stop(
      `export ${options.file}: ${problems.join('; ')}\n  the header has: ${header.join(', ')}`,
      2,
    );
  }
  if (check.extra.length > 0) io.err(`note: columns the mapping does not read: ${check.extra.join(', ')}`);
  io.err(
    `${options.file}: ${rows.length} rows, format ${mapping.format}${options.dryRun ? ' (dry run: nothing is sent)' : ''}`,
  );

  const tally: Tally = { accepted: 0, events: 0, ignored: 0, rejectedRows: new Set() };
  if (options.dryRun) {
    dryRun(header, rows, mapping, tally, io);
  } else {
    const endpoint = new URL(`${options.url!.href.replace(/\/+$/, '')}/v1/sources/csv`);
    for (let first = 0; first < rows.length; first += options.batch) {
      const batch = rows.slice(first, first + options.batch);
      const body = JSON.stringify({
        format: options.format,
        mapping: raw,
        header,
        rows: batch.map((r) => r.cells),
        first_row: first,
      });
      const answer = await postBatch(endpoint, key!, body, io);
      tally.accepted += answer.accepted;
      tally.events += answer.events;
      tally.ignored += answer.ignored ?? 0;
      const rejects = answer.rejected.map((r) => ({ row: first + r.index, path: r.path, reason: r.reason }));
      for (const r of rejects) tally.rejectedRows.add(r.row);
      reportRejects(rejects, rows, io);
    }
  }
  io.out(
    `${options.dryRun ? 'would accept' : 'accepted'} ${tally.accepted} rows (${tally.events} events), ` +
      `rejected ${tally.rejectedRows.size} rows, ignored ${tally.ignored}`,
  );
  return tally.rejectedRows.size > 0 ? 1 : 0;
}

/**
 * `stuurwiel-ingest import`: reads a CSV export (strict UTF-8 unless --encoding says
 * otherwise), checks its header against the mapping, and posts it in batches to
 * `{url}/v1/sources/csv`, printing each rejected row with its line and reason.
 */
export async function runImport(args: string[], io: ImportIo = consoleIo): Promise<number> {
  try {
    const options = readOptions(args);
    if (options === 'help') {
      io.out(USAGE);
      return 0;
    }
    return await run(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof Stop) {
      io.err(error.message);
      return error.status;
    }
    throw error;
  }
}
