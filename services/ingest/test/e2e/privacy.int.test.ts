import { buildApp as buildAggregator } from '@stuurwiel/aggregator';
import { countRawEvents, type Db, ident, sql } from '@stuurwiel/clickhouse';
import { testDatabase, useInfra } from '@stuurwiel/infra/testing';
import { ALL_EVENT_TOPICS, TOPICS } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validEvents } from '../../../../schemas/test/fixtures/valid-events.js';
import { aggregatorConfig, aggregatorTopics } from '../../../aggregator/test/e2e/harness.js';
import { jcc, qmaticCall, surveyResponseFixture } from '../source-fixtures.js';
import { type FakeZgwServer, startFakeZgwServer } from '../zgw/fake-zgw-server.js';
import { type IngestUnderTest, startIngest } from './harness.js';

/**
 * Personal data posted in every field of every source format, in records valid and invalid and
 * in bodies refused whole, must not appear in clear on any topic (events and dead letters), in
 * any ClickHouse table the aggregator fills from them, or in the service's logs.
 *
 * Not covered, by design: `payload.line` of call.offered is the municipality's own dialled number
 * and is let through; a name in a field that is not a person's (a queue id, a comment) cannot be
 * recognised, so staff names are posted in the fields meant for staff and in fields the adapters
 * do not know.
 */
const BSNS = ['111222333', '111 222 333', '1112.22.333'];
const PHONES = [
  '0612345678',
  '06-12345678',
  '+31 6 12345678',
  '0031612345678',
  '31612345678',
  '+4915112345678',
];
const EMAILS = ['jan.jansen@example.nl', 'p.devries@gemeente.example.org'];
const IBANS = ['NL91ABNA0417164300', 'NL91 ABNA 0417 1643 00'];
const NAMES = ['Jan Jansen', 'Piet de Vries'];
const VALUES = [...BSNS, ...PHONES, ...EMAILS, ...IBANS];
// The digits of each number, however it was written: found in any run of digits and separators.
const DIGIT_CORES = ['111222333', '612345678', '15112345678', '0417164300'];

type Json = Record<string, unknown>;
let serial = 0;
const nextId = () => `privacy-${++serial}`;

// ---- canonical: every string field of a few event types, the envelope, and numbers ----------
const CANONICAL_TYPES = [
  'visit.arrived',
  'visit.called',
  'call.answered',
  'survey.responded',
  'case.suspended',
  'reference.location',
] as const;
function canonicalRecords(): Json[] {
  const records: Json[] = [];
  for (const type of CANONICAL_TYPES) {
    const base = validEvents[type] as unknown as Json & { payload: Json };
    const payload = { ...base.payload, ...(type === 'survey.responded' ? { comment: 'Goed' } : {}) };
    records.push({ ...base, event_id: nextId(), payload });
    for (const value of VALUES) {
      records.push({ ...base, event_id: value.replaceAll(' ', '') });
      records.push({ ...base, event_id: nextId(), source: { ...(base.source as Json), instance: value } });
      for (const [field, current] of Object.entries(payload)) {
        if (typeof current !== 'string') continue;
        records.push({ ...base, event_id: nextId(), payload: { ...payload, [field]: value } });
      }
    }
  }
  const called = validEvents['visit.called'] as unknown as Json & { payload: Json };
  const answered = validEvents['call.answered'] as unknown as Json & { payload: Json };
  for (const name of NAMES) {
    records.push({ ...called, event_id: nextId(), payload: { ...called.payload, staff_key: name } });
    records.push({ ...answered, event_id: nextId(), payload: { ...answered.payload, agent_key: name } });
  }
  for (const number of [111222333, 612345678, 31612345678]) {
    records.push({ ...answered, event_id: nextId(), payload: { ...answered.payload, wait_seconds: number } });
  }
  return records;
}

// ---- Qmatic ------------------------------------------------------------------------------------
const call = { ...qmaticCall, ticketId: 'A042', staffUserName: 'Jan Jansen' };
function qmaticRecords(): Json[] {
  const records: Json[] = [call];
  for (const value of VALUES) {
    for (const field of ['branchId', 'visitId', 'queueId', 'servicePointId', 'ticketId', 'appointmentId'])
      records.push({ ...call, visitId: nextId(), [field]: value });
    records.push({ ...call, visitId: nextId(), services: [value, { id: 'p1', name: value }] });
    records.push({ ...call, visitId: nextId(), customerPhone: value });
    // Invalid: the time cannot be read, so the record is dead-lettered with its fields.
    records.push({ ...call, visitId: nextId(), eventTime: value, ticketId: value });
  }
  for (const name of NAMES) {
    records.push({ ...call, visitId: nextId(), staffUserName: name, customerName: name });
    records.push({
      event: 'VISIT_TRANSFER_TO_USER_POOL',
      eventTime: call.eventTime,
      branchId: 12,
      visitId: nextId(),
      queueId: 3,
      targetStaffUserName: name,
    });
    records.push({ ...call, eventTime: 'yesterday', staffUserName: name, targetStaffUserName: name });
    // Names where the adapter expects an id or an event name: the dead letter keeps neither
    // the object nor the name, and the reason does not quote them.
    records.push({
      ...call,
      eventTime: 'yesterday',
      visitId: { customer: name, phone: PHONES[1] },
      services: [{ id: 'p1', customerName: name }],
    });
    records.push({ ...call, visitId: nextId(), event: name });
  }
  return records;
}

// ---- survey ------------------------------------------------------------------------------------
const response = surveyResponseFixture;
function surveyRecords(): Json[] {
  const records: Json[] = [response];
  for (const value of VALUES) {
    for (const field of ['response_id', 'product', 'location', 'team', 'supplier'])
      records.push({ ...response, [field]: value });
    records.push({ ...response, response_id: nextId(), comment: `Bel me op ${value} aub` });
    records.push({ ...response, response_id: nextId(), email: value });
    records.push({ ...response, response_id: nextId(), score: 11, comment: `mijn nummer ${value}` });
  }
  for (const name of NAMES) {
    records.push({ ...response, response_id: nextId(), respondent: name });
    records.push({ ...response, response_id: { name }, score: 11 });
  }
  return records;
}

// ---- CSV ---------------------------------------------------------------------------------------
const { mapping: jccMapping, header, row: good } = jcc;
function csvBody(): string {
  const rows: string[][] = [good];
  for (const value of VALUES) {
    header.forEach((_, column) => {
      rows.push(good.map((cell, i) => (i === column ? value : i === 0 ? nextId() : cell)));
    });
  }
  const staff = header.indexOf('Medewerker');
  const waited = header.indexOf('Wachttijd (min)');
  for (const name of NAMES) {
    rows.push(good.map((cell, i) => (i === staff || i === waited ? name : i === 0 ? nextId() : cell)));
    rows.push(good.map((cell, i) => (i === staff ? name : i === 7 ? 'gisteren' : i === 0 ? nextId() : cell)));
  }
  return JSON.stringify({ format: 'jcc', mapping: jccMapping, header, rows });
}

// ---- Asterisk queue_log ------------------------------------------------------------------------
function queueLog(): string {
  const epoch = Math.floor(Date.now() / 1000) - 3600;
  const lines: string[] = [];
  let call = 0;
  const id = () => `${epoch}.${++call}`;
  for (const value of VALUES) {
    lines.push(`${epoch}|${id()}|kcc|NONE|ENTERQUEUE||${value}|1`);
    lines.push(`${epoch}|${value}|kcc|NONE|ENTERQUEUE||0612345678|1`);
    lines.push(`${epoch}|${id()}|${value}|NONE|ENTERQUEUE||0612345678|1`);
    lines.push(`${epoch}|${id()}|kcc|NONE|${value}|${value}|${value}`);
    lines.push(`${value}|${id()}|kcc|NONE|ENTERQUEUE||${value}|1`);
  }
  for (const name of NAMES) {
    const c = id();
    lines.push(`${epoch}|${c}|kcc|NONE|ENTERQUEUE||0612345678|1`);
    lines.push(`${epoch + 5}|${c}|kcc|${name}|CONNECT|5|${c}|3`);
    lines.push(`${epoch + 6}|${c}|kcc|${name}|BOGUS|${name}`);
    // Names in fields whose reasons used to quote them.
    lines.push(`${name}|${id()}|kcc|NONE|ENTERQUEUE||1`);
    lines.push(`${epoch}|${id()}|kcc|NONE|${name.toUpperCase()}|x`);
    lines.push(`${epoch}|${id()}|kcc|NONE|${name.toUpperCase().replaceAll(' ', '_')}|x`);
    lines.push(`${epoch + 7}|${c}|kcc|SIP/100|CONNECT|${name}|${c}|3`);
    lines.push(`${epoch + 8}|${c}|kcc|SIP/100|ATTENDEDTRANSFER|${name}|x|1|2`);
  }
  return lines.join('\n');
}

// ---- ZGW ---------------------------------------------------------------------------------------
function zgwNotifications(): Json[] {
  // Zaken outside the configured API roots are rejected without a request: dead letters only.
  const zaak = 'https://zaken.elders.example/zaken/api/v1/zaken/3d9f1c2a-8b4e-4f6a-9c1d-2e5b7a8f0c13';
  const base = {
    kanaal: 'zaken',
    hoofdObject: zaak,
    resource: 'zaak',
    resourceUrl: zaak,
    actie: 'create',
    aanmaakdatum: '2026-03-02T08:15:00Z',
  };
  const records: Json[] = [];
  for (const value of [...VALUES, ...NAMES]) {
    records.push({ ...base, hoofdObject: { naam: value }, kenmerken: { zaaktype: { omschrijving: value } } });
    records.push({ ...base, kenmerken: { bronorganisatie: value, toelichting: value } });
    records.push({ ...base, resource: value, betrokkene: value });
    records.push({ ...base, aanmaakdatum: value });
    records.push({
      specversion: '1.0',
      id: value,
      source: value,
      type: 'nl.overheid.zaken.zaak-opgeschort',
      time: '2026-03-02T08:15:00Z',
      subject: value,
      data: { reden: value },
    });
  }
  return records;
}

/** Every notation of every value, found in `text`. */
function clearValues(text: string): string[] {
  const lower = text.toLowerCase();
  const found = [...VALUES, ...NAMES, 'jjansen'].filter((v) => lower.includes(v.toLowerCase()));
  for (const run of text.match(/\d(?:[\s.()+-]?\d)*/g) ?? []) {
    const digits = run.replace(/\D/g, '');
    for (const core of DIGIT_CORES) if (digits.includes(core)) found.push(`${core} (in ${run})`);
  }
  return found;
}

describe('personal data in every field of every source format', () => {
  let ingest: IngestUnderTest;
  let zgw: FakeZgwServer;
  let db: Db;
  const logs: string[] = [];
  const statuses: Record<string, number> = {};

  beforeAll(async () => {
    zgw = await startFakeZgwServer();
    ingest = await startIngest(
      { LOG_LEVEL: 'debug' },
      {
        zgw: {
          zaken_api_url: zgw.zakenApiUrl,
          catalogi_api_url: zgw.catalogiApiUrl,
          client_id: zgw.clientId,
          secret: zgw.secret,
        },
      },
      undefined,
      { write: (line) => void logs.push(line) },
    );
    const posts: [string, string, string, string][] = [
      ['canonical', '/v1/events', JSON.stringify(canonicalRecords()), 'application/json'],
      [
        'canonical ndjson',
        '/v1/events',
        canonicalRecords()
          .map((r) => JSON.stringify(r))
          .join('\n'),
        'application/x-ndjson',
      ],
      ['qmatic', '/v1/sources/qmatic/events', JSON.stringify(qmaticRecords()), 'application/json'],
      ['survey', '/v1/sources/survey', JSON.stringify(surveyRecords()), 'application/json'],
      ['csv', '/v1/sources/csv', csvBody(), 'application/json'],
      ['asterisk', '/v1/sources/asterisk/queue-log', queueLog(), 'text/plain'],
      ['zgw', '/v1/sources/zgw/notifications', JSON.stringify(zgwNotifications()), 'application/json'],
    ];
    // Bodies refused whole, on every route.
    const broken = `[{"name": "${NAMES[0]}", "bsn": "${BSNS[0]}", "phone": "${PHONES[1]}", "mail": "${EMAILS[0]}"`;
    // V8's parse error quotes the text around where it fails: here, a name and a number.
    const bare = `[{"naam": ${NAMES[1]}, "telefoon": ${PHONES[1]}}]`;
    for (const [name, url] of [...posts]) {
      posts.push([`${name} unparsable`, url, broken, 'application/json']);
      posts.push([
        `${name} with bare words`,
        url,
        bare,
        url === '/v1/events' ? 'application/x-ndjson' : 'application/json',
      ]);
    }
    posts.push(['asterisk as JSON', '/v1/sources/asterisk/queue-log', broken, 'application/json']);
    posts.push([
      'csv bad mapping',
      '/v1/sources/csv',
      JSON.stringify({
        format: 'jcc',
        mapping: { ...jccMapping, columns: { staff: 'Jan Jansen 0612345678' } },
        header,
        rows: [good],
      }),
      'application/json',
    ]);
    for (const [name, url, body, contentType] of posts) {
      const res = await ingest.post(url, body, { contentType });
      statuses[name] = res.status;
      await res.arrayBuffer();
    }
    db = await testDatabase(useInfra(), 'privacy');
  }, 120_000);
  afterAll(async () => {
    await ingest?.close();
    await zgw?.close();
    await db?.close();
  });

  it('posted valid and invalid records on every route', () => {
    expect(statuses).toMatchObject({
      canonical: 202,
      'canonical ndjson': 202,
      qmatic: 202,
      survey: 202,
      csv: 202,
      asterisk: 202,
      zgw: 422,
      'canonical unparsable': 400,
      'canonical with bare words': 422,
      'qmatic with bare words': 400,
      'qmatic unparsable': 400,
      'asterisk as JSON': 400,
      'csv bad mapping': 400,
    });
  });

  let eventCount = 0;
  it('holds none of them in clear on any topic, events or dead letters, in values or keys', async () => {
    const keys: string[] = [];
    const all = await ingest.consumeTopics([...ALL_EVENT_TOPICS, TOPICS.deadLetter], { idleMs: 3000, keys });
    const found: string[] = keys.flatMap((key) => clearValues(key).map((v) => `key ${key}: ${v}`));
    expect(keys.length).toBeGreaterThan(500);
    for (const [topic, messages] of all) {
      if (topic !== TOPICS.deadLetter) eventCount += messages.length;
      messages.forEach((m, i) => {
        for (const v of clearValues(JSON.stringify(m))) found.push(`${topic}[${i}]: ${v}`);
      });
    }
    expect(eventCount).toBeGreaterThan(20);
    expect(all.get(TOPICS.deadLetter)!.length).toBeGreaterThan(500);
    expect(found).toEqual([]);
  });

  it('holds none of them in clear in the service logs', () => {
    expect(logs.length).toBeGreaterThan(10);
    expect(logs.flatMap((line) => clearValues(line))).toEqual([]);
  });

  it('holds none of them in clear in any ClickHouse table the aggregator fills', async () => {
    const infra = useInfra();
    const prefix = ingest.topic('');
    await aggregatorTopics(infra, prefix);
    const aggregator = buildAggregator(aggregatorConfig(infra, db, prefix));
    await aggregator.start();
    try {
      const deadline = Date.now() + 60_000;
      while ((await countRawEvents(db)) < eventCount && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(await countRawEvents(db)).toBe(eventCount);
    } finally {
      await aggregator.app.close();
    }
    const tables = await db.query<{ name: string }>(
      sql`SELECT name FROM system.tables WHERE database = ${db.database}`,
    );
    const found: string[] = [];
    for (const { name } of tables) {
      const rows = await db.query(sql`SELECT * FROM ${ident(name)}`);
      rows.forEach((row, i) => {
        for (const v of clearValues(JSON.stringify(row))) found.push(`${name}[${i}]: ${v}`);
      });
    }
    expect(tables.length).toBeGreaterThan(3);
    expect(found).toEqual([]);
  }, 120_000);
});
