import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type CanonicalEvent, validateEvent } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeExport,
  parseCsvMapping,
  parseExport,
  translateCsvRows,
} from '../../src/adapters/csv/index.js';
import { translateQmaticEvents } from '../../src/adapters/qmatic/index.js';
import { translateSurveyResponses } from '../../src/adapters/survey/index.js';
import type { AdapterContext, TranslatedRecord } from '../../src/adapters/types.js';
import { runImport } from '../../src/cli/import.js';
import { fingerprinter, pseudonymiser } from '../../src/privacy/pseudonymise.js';
import { testCredentials } from '../credentials-fixture.js';
import { type IngestUnderTest, personalDataOnTopics, startIngest, TENANT } from './harness.js';

const here = (path: string) => new URL(path, import.meta.url);
const read = (path: string) => readFileSync(here(path), 'utf8');
const byId = (a: { event_id: string }, b: { event_id: string }) => a.event_id.localeCompare(b.event_id);

// The adapters' own unit tests hold the hand-written expectations for these fixtures; here the
// point is that what the adapter makes is exactly what lands on Kafka through the real endpoint.
function accepted(records: TranslatedRecord[]): CanonicalEvent[] {
  return records
    .filter((r) => r.errors.length === 0)
    .flatMap((r) => r.events)
    .map((e) => {
      const v = validateEvent(e);
      if (!v.ok) throw new Error(`fixture event invalid: ${JSON.stringify(v.errors)}`);
      return v.event;
    });
}

describe('queue management and survey sources through the real endpoints into Kafka', () => {
  let ingest: IngestUnderTest;
  let context: AdapterContext;
  beforeAll(async () => {
    ingest = await startIngest();
    const secret = testCredentials().credentials.tenants[TENANT]!.pseudonym_secret;
    context = {
      tenant: TENANT,
      now: new Date(),
      pseudonymise: pseudonymiser(secret),
      fingerprint: fingerprinter(secret),
    };
  });
  afterAll(async () => {
    await ingest.close();
  });

  it('puts the Qmatic event stream on the visit topic, field by field', async () => {
    const body = read('../qmatic/event-stream.json');
    const res = await ingest.post('/v1/sources/qmatic/events', body);
    const answer = (await res.json()) as { accepted: number; rejected: unknown[] };
    const records = translateQmaticEvents(JSON.parse(body), context);
    expect(res.status).toBe(202);
    expect(answer.rejected).toHaveLength(records.filter((r) => r.errors.length > 0).length);
    const expected = accepted(records);
    expect(expected.length).toBeGreaterThan(10);
    const onTopic = (await ingest.consume('events.visit.v1', { count: expected.length })) as CanonicalEvent[];
    expect(onTopic.sort(byId)).toEqual(expected.sort(byId));
  });

  it('imports a Qmatic statistics CSV export with the command, onto the visit topic', async () => {
    const dir = mkdtempSync(`${tmpdir()}/import-e2e-`);
    writeFileSync(`${dir}/key`, ingest.keys[TENANT]!);
    const mappingPath = here('../../mappings/qmatic-statistics.json').pathname;
    const exportPath = here('../csv/qmatic-statistics.csv').pathname;
    const out: string[] = [];
    const status = await runImport(
      [
        '--format',
        'qmatic-statistics',
        '--mapping',
        mappingPath,
        '--url',
        ingest.url,
        // The test server speaks plain http.
        '--allow-insecure-http',
        '--key-file',
        `${dir}/key`,
        exportPath,
      ],
      { out: (l) => out.push(l), err: () => {} },
    );
    expect(status).toBe(0);
    const mapping = parseCsvMapping(JSON.parse(readFileSync(mappingPath, 'utf8')));
    if (!mapping.ok) throw new Error('mapping invalid');
    const parsedExport = parseExport(
      decodeExport(readFileSync(exportPath), 'utf-8'),
      mapping.mapping.delimiter ?? ',',
    );
    const records = translateCsvRows(
      { header: parsedExport.header, rows: parsedExport.rows.map((r) => r.cells), mapping: mapping.mapping },
      context,
    );
    const expected = accepted(records);
    expect(out).toEqual([
      `accepted ${records.length} rows (${expected.length} events), rejected 0 rows, ignored 0`,
    ]);
    const all = (await ingest.consume('events.visit.v1', { idleMs: 2500 })) as CanonicalEvent[];
    const ids = new Set(expected.map((e) => e.event_id));
    expect(all.filter((e) => ids.has(e.event_id)).sort(byId)).toEqual(expected.sort(byId));
  });

  it('refuses an export in the wrong encoding before sending anything, naming the line', async () => {
    const dir = mkdtempSync(`${tmpdir()}/import-encoding-`);
    writeFileSync(`${dir}/key`, ingest.keys[TENANT]!);
    const jcc = readFileSync(here('../csv/jcc.csv'), 'utf8').replace('België', 'Belgi\u00eb');
    // Windows-1252 bytes: ë becomes the single byte 0xEB, which is not UTF-8.
    writeFileSync(`${dir}/export.csv`, Buffer.from(jcc, 'latin1'));
    const err: string[] = [];
    const status = await runImport(
      [
        '--format',
        'jcc',
        '--mapping',
        here('../../mappings/jcc.json').pathname,
        '--url',
        ingest.url,
        // The test server speaks plain http.
        '--allow-insecure-http',
        '--key-file',
        `${dir}/key`,
        `${dir}/export.csv`,
      ],
      { out: () => {}, err: (l) => err.push(l) },
    );
    expect(status).toBe(2);
    expect(err.join('\n')).toContain('line 3: not valid UTF-8 (byte 0xEB');
    expect(err.join('\n')).toContain('--encoding windows-1252');
  });

  it('puts survey responses on the survey topic with comments redacted', async () => {
    const body = read('../survey/responses.json');
    const res = await ingest.post('/v1/sources/survey', body);
    expect(res.status).toBe(202);
    const expected = accepted(translateSurveyResponses(JSON.parse(body), context));
    const onTopic = (await ingest.consume('events.survey.v1', {
      count: expected.length,
    })) as CanonicalEvent[];
    expect(onTopic.sort(byId)).toEqual(expected.sort(byId));
  });

  it('leaves no staff name, e-mail address, phone number or BSN in clear on any topic', async () => {
    expect(await personalDataOnTopics(ingest, ['jjansen', 'pdevries', 'J. Jansen', 'P. de Vries'])).toEqual(
      [],
    );
  });
});
