import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { csvImportBody, translateCsvRows } from '../../src/adapters/csv/index.js';
import { runImport } from '../../src/cli/import.js';
import { judge } from '../../src/pipeline/accept.js';

const KEY = 'swk_gm0363-csv_0123456789abcdef';
const fixture = (name: string) => readFileSync(new URL(`../csv/${name}`, import.meta.url), 'utf8');
const mappingFile = (name: string) => new URL(`../../mappings/${name}`, import.meta.url).pathname;

interface Received {
  authorization: string | undefined;
  body: { format: string; header: string[]; rows: string[][]; first_row: number };
}

/**
 * The receiving end: a real HTTP server that does what the ingest route does with a CSV body
 * (schema check, translation, per-record verdict) and answers in the same shape.
 */
let server: Server;
let url: string;
let received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || request.url !== '/v1/sources/csv')
        return send(404, { error: 'not_found' });
      if (request.headers.authorization !== `Bearer ${KEY}`) {
        return send(401, { error: 'unauthorized', reason: 'unknown API key' });
      }
      if (failNext > 0) {
        failNext--;
        return send(
          503,
          { error: 'service_unavailable', reason: 'Kafka unavailable; retry later' },
          { 'retry-after': '0' },
        );
      }
      const json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      received.push({ authorization: request.headers.authorization, body: json });
      const parsed = csvImportBody.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return send(400, { error: 'bad_request', path: issue.path.join('.'), reason: issue.message });
      }
      const now = new Date('2026-12-01T00:00:00Z');
      const records = translateCsvRows(parsed.data, {
        tenant: 'GM0363',
        now,
        pseudonymise: (v) => createHmac('sha256', 'test-secret').update(v).digest('hex'),
        fingerprint: (v) => createHmac('sha256', 'test-secret').update(v).digest('hex'),
      });
      const verdict = judge(records, {
        tenant: 'GM0363',
        source: { system: 'queue_management', vendor: 'csv' },
        now,
        maxFutureSeconds: 300,
        maxAgeSeconds: 400 * 86_400,
      });
      send(verdict.acceptedRecords === 0 && verdict.rejected.length > 0 ? 422 : 202, {
        accepted: verdict.acceptedRecords,
        events: verdict.events.length,
        ignored: verdict.ignored,
        rejected: verdict.rejected,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let dir: string;
let keyFile: string;
beforeEach(() => {
  received = [];
  failNext = 0;
  dir = mkdtempSync(join(tmpdir(), 'stuurwiel-import-'));
  keyFile = join(dir, 'key');
  writeFileSync(keyFile, `${KEY}\n`);
  return () => rmSync(dir, { recursive: true, force: true });
});

// The receiver here speaks plain http, which only the test flag allows.
async function run(args: string[], insecure: string[] = ['--allow-insecure-http']) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runImport([...insecure, ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { status, out, err: err.join('\n') };
}

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('stuurwiel-ingest import', () => {
  it('sends a Qmatic statistics export in batches and reports the extra column', async () => {
    const file = write('visits.csv', fixture('qmatic-statistics.csv'));
    const result = await run([
      '--format',
      'qmatic-statistics',
      '--mapping',
      mappingFile('qmatic-statistics.json'),
      '--url',
      url,
      '--key-file',
      keyFile,
      '--batch',
      '4',
      file,
    ]);
    expect(result).toEqual({
      status: 0,
      out: ['accepted 9 rows (24 events), rejected 0 rows, ignored 0'],
      err: `note: columns the mapping does not read: Waiting Time\n${file}: 9 rows, format qmatic-statistics`,
    });
    expect(
      received.map((r) => [r.authorization, r.body.format, r.body.first_row, r.body.rows.length]),
    ).toEqual([
      [`Bearer ${KEY}`, 'qmatic-statistics', 0, 4],
      [`Bearer ${KEY}`, 'qmatic-statistics', 4, 4],
      [`Bearer ${KEY}`, 'qmatic-statistics', 8, 1],
    ]);
  });

  it('reads a Windows-1252 JCC export with --encoding, using the shipped mapping for --format', async () => {
    const file = write('jcc.csv', iconv.encode(fixture('jcc.csv'), 'windows-1252'));
    const result = await run([
      '--format',
      'jcc',
      '--url',
      `${url}/`,
      '--key-file',
      keyFile,
      '--encoding',
      'windows-1252',
      file,
    ]);
    expect(result.status).toBe(0);
    expect(result.out).toEqual(['accepted 6 rows (15 events), rejected 0 rows, ignored 0']);
    expect(received[0]!.body.rows[1]![5]).toBe('Rijbewijs (omwisseling België)');
  });

  it('refuses the same file as UTF-8, naming the line, and sends nothing', async () => {
    const file = write('jcc.csv', iconv.encode(fixture('jcc.csv'), 'windows-1252'));
    const result = await run(['--format', 'jcc', '--url', url, '--key-file', keyFile, file]);
    expect(result).toEqual({
      status: 2,
      out: [],
      err:
        `export ${file}: line 3: not valid UTF-8 (byte 0xEB at byte 81 of the line); ` +
        'if the export is in another encoding, pass --encoding windows-1252 or latin1',
    });
    expect(received).toEqual([]);
  });

  it('prints each rejected row with its line and reason, and exits 1', async () => {
    const lines = fixture('jcc.csv').trimEnd().split('\n');
    const bad = [
      lines[0],
      lines[1],
      // a row one column short
      '2026032803;Stadhuis;Burgerzaken;Balie 2;J. Jansen;Paspoort;A016;28-03-2026 11:00;28-03-2026 11:05;28-03-2026 11:15;Geholpen;;',
      // a date that does not exist, and an outcome the mapping does not know
      '2026032804;Stadhuis;Burgerzaken;Balie 2;J. Jansen;Paspoort;A017;31-02-2026 11:00;28-03-2026 11:05;28-03-2026 11:15;Weggelopen;;;5',
      lines[2],
    ].join('\r\n');
    const file = write('bad.csv', bad);
    const result = await run(['--format', 'jcc', '--url', url, '--key-file', keyFile, '--batch', '2', file]);
    expect(result.status).toBe(1);
    expect(result.out).toEqual([
      'rejected row 1 (line 3): row.1: expected 14 columns, got 13',
      "rejected row 2 (line 4): row.2.arrival: column 'Aankomsttijd': '31-02-2026 11:00' is not a date-time as dd-MM-yyyy HH:mm",
      "rejected row 2 (line 4): row.2.outcome: column 'Status': 'Weggelopen' is not one of the mapping's outcomes (Geholpen, No-show, Niet verschenen, Verwijderd, Vertrokken)",
      'accepted 2 rows (6 events), rejected 2 rows, ignored 0',
    ]);
  });

  it('stops with exit 2 when the header lacks mapped columns, naming them', async () => {
    const text = fixture('jcc.csv').replace('Oproeptijd', 'Opgeroepen').replace(';Status;', ';Resultaat;');
    const file = write('renamed.csv', text);
    const result = await run(['--format', 'jcc', '--url', url, '--key-file', keyFile, file]);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(
      /^export .*renamed\.csv: missing columns the mapping reads: Oproeptijd, Status\n {2}the header has: Bezoeknummer, /,
    );
    expect(received).toEqual([]);
  });

  it('checks a file locally with --dry-run, without URL or key', async () => {
    const file = write(
      'visits.csv',
      fixture('qmatic-statistics.csv').replace(
        '2026-10-24 09:31:00,2026-10-24 09:33:00',
        '2026-10-24 09:31:00,2026-10-24 25:33:00',
      ),
    );
    const result = await run(['--format', 'qmatic-statistics', '--dry-run', file]);
    expect(result.status).toBe(1);
    expect(result.out).toEqual([
      "rejected row 3 (line 5): row.3.finished: column 'Ended': '2026-10-24 25:33:00' is not a date-time as yyyy-MM-dd HH:mm:ss",
      'would accept 8 rows (21 events), rejected 1 rows, ignored 0',
    ]);
    expect(received).toEqual([]);
  });

  it('retries a batch the service could not take yet', async () => {
    failNext = 1;
    const file = write('visits.csv', fixture('qmatic-statistics.csv'));
    const result = await run(['--format', 'qmatic-statistics', '--url', url, '--key-file', keyFile, file]);
    expect(result.status).toBe(0);
    expect(result.err).toContain('HTTP 503: Kafka unavailable; retry later; retrying in 0 s');
    expect(received).toHaveLength(1);
  });

  it('exits 2 when the service refuses the key', async () => {
    const wrongKey = write('wrong-key', 'swk_other_000');
    const file = write('visits.csv', fixture('qmatic-statistics.csv'));
    const result = await run(['--format', 'qmatic-statistics', '--url', url, '--key-file', wrongKey, file]);
    expect(result.status).toBe(2);
    expect(result.err).toContain('ingest refused the batch: HTTP 401: unknown API key');
  });

  it('exits 3 when the service stays unavailable', async () => {
    failNext = 100;
    const file = write('visits.csv', fixture('qmatic-statistics.csv'));
    const result = await run(['--format', 'qmatic-statistics', '--url', url, '--key-file', keyFile, file]);
    expect(result.status).toBe(3);
    expect(result.err.split('\n').filter((l) => l.includes('retrying'))).toHaveLength(4);
    expect(result.err).toContain('ingest could not take the batch: 503 Kafka unavailable; retry later');
    expect(received).toEqual([]);
  });

  it.each([
    [['--url', 'http://x', '--key-file', 'k', 'a.csv'], '--format is required'],
    [['--format', 'jcc', '--key-file', 'k', 'a.csv'], '--url is required (or --dry-run)'],
    [
      ['--format', 'jcc', '--dry-run', '--encoding', 'ebcdic', 'a.csv'],
      '--encoding must be one of utf-8, latin1, windows-1252',
    ],
    [
      ['--format', 'jcc', '--dry-run', '--batch', '5001', 'a.csv'],
      '--batch must be a whole number from 1 to 5000',
    ],
    [['--format', 'jcc', '--dry-run', '--delimiter', ';;', 'a.csv'], '--delimiter must be one character'],
    [['--format', 'jcc', '--dry-run'], 'give exactly one export file'],
    [['--format', 'jcc', '--dry-run', '--colour', 'a.csv'], "Unknown option '--colour'"],
  ])('exits 2 on usage errors: %j', async (args, message) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain('usage: stuurwiel-ingest import');
  });

  it('refuses a plain http --url without --allow-insecure-http, and sends nothing', async () => {
    const file = write('jcc.csv', fixture('jcc.csv'));
    const result = await run(['--format', 'jcc', '--url', url, '--key-file', keyFile, file], []);
    expect(result.status).toBe(2);
    expect(result.err).toContain(
      '--url must be an https:// URL (http only with --allow-insecure-http, for tests and local development)',
    );
    expect(received).toEqual([]);
    const ftp = await run(['--format', 'jcc', '--url', 'ftp://x.nl', '--key-file', keyFile, file]);
    expect(ftp.err).toContain('--url must be an http:// or https:// URL');
  });

  it('exits 2 on a mapping that is not valid, naming each field', async () => {
    const mapping = JSON.parse(readFileSync(mappingFile('jcc.json'), 'utf8'));
    mapping.timezone = 'Europe/Amsterdamm';
    delete mapping.columns.arrival;
    const file = write('mapping.json', JSON.stringify(mapping));
    const result = await run([
      '--format',
      'jcc',
      '--mapping',
      file,
      '--dry-run',
      write('a.csv', fixture('jcc.csv')),
    ]);
    expect(result).toEqual({
      status: 2,
      out: [],
      err: `mapping ${file} is not valid:\n  timezone: must be an IANA time zone such as Europe/Amsterdam\n  columns.arrival: required`,
    });
  });

  it('exits 2 when --format and the mapping disagree, or a file is missing', async () => {
    const csv = write('a.csv', fixture('jcc.csv'));
    const mismatch = await run([
      '--format',
      'jcc',
      '--mapping',
      mappingFile('qmatic-statistics.json'),
      '--dry-run',
      csv,
    ]);
    expect(mismatch.status).toBe(2);
    expect(mismatch.err).toContain("is for format 'qmatic-statistics', not --format 'jcc'");
    const missing = await run(['--format', 'jcc', '--dry-run', join(dir, 'nope.csv')]);
    expect(missing).toEqual({ status: 2, out: [], err: `export ${join(dir, 'nope.csv')}: ENOENT` });
    const noKey = await run(['--format', 'jcc', '--url', url, '--key-file', join(dir, 'nokey'), csv]);
    expect(noKey).toEqual({ status: 2, out: [], err: `key file ${join(dir, 'nokey')}: ENOENT` });
  });
});
