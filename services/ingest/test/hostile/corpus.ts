import { validEvents } from '../../../../schemas/test/fixtures/valid-events.js';
import { jcc, surveyResponseFixture } from '../source-fixtures.js';
import type { FakeZgwServer } from '../zgw/fake-zgw-server.js';

/**
 * Hostile input for every route: huge strings in every free-text field, deep nesting, binary and
 * invalid UTF-8, numbers where strings belong, bodies beyond the limit, thousands of records,
 * 1970 and 2100 timestamps, another municipality's ids, wrong content types. Each with the
 * status services/ingest/README.md documents for it. Posted by test/e2e/hostile.int.test.ts
 * (statuses and reasons) and by bench/hostile.ts (how long /healthz waits meanwhile), both with
 * the default limits (8 MiB body, 5000 records).
 */

export interface HostileEnv {
  /** The fake Zaken and Catalogi APIs the tenant's ZGW settings point at. */
  zgw: Pick<FakeZgwServer, 'baseUrl'>;
}

export interface HostileInput {
  name: string;
  url: string;
  /** Made when posted, so that the corpus does not hold its 10 MiB bodies all at once. */
  body: (env: HostileEnv) => string | Buffer;
  contentType: string;
  /** The tenant's own key, or that of another municipality. */
  key?: 'own' | 'other';
  status: number;
}

const MiB = 1024 * 1024;
const RECORDS_OVER_LIMIT = 6000;
const big = (unit = 'a', size = MiB) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const emailBait = `${'a'.repeat(80_000)}@`;
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
/** Bytes that are no UTF-8 at all, with NUL and control bytes among them. */
const binary = () => Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 131 + 7) % 256));
/** A JSON text with a byte sequence inside a string that is not valid UTF-8. */
const invalidUtf8 = (json: string, marker: string) => {
  const [head, tail] = json.split(marker) as [string, string];
  return Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(tail)]);
};
const tenMiB = () => `[${big(' ', 10 * MiB)}]`;
const json = (value: unknown) => JSON.stringify(value);
/** One array of `[]`, `1`, …, as long as fits under the 8 MiB body limit. */
const nearly8MiB = (unit: string) =>
  `${unit.repeat(Math.floor((8 * MiB - 4096) / unit.length))}${unit.slice(0, -1)}`;
const many = (item: unknown) => json(Array.from({ length: RECORDS_OVER_LIMIT }, () => item));

/** Inputs of one route: `name`, the body, the status, and optionally another content type or key. */
const route =
  (label: string, url: string, defaultType = 'application/json') =>
  (
    name: string,
    body: (env: HostileEnv) => string | Buffer,
    status: number,
    contentType = defaultType,
    key: 'own' | 'other' = 'own',
  ): HostileInput => ({ name: `${label}: ${name}`, url, body, contentType, status, key });

// ---- canonical events -------------------------------------------------------------------------
const EVENTS = '/v1/events';
type Json = Record<string, unknown>;
const canonical = (type: keyof typeof validEvents, envelope: Json = {}, payload: Json = {}) => {
  const base = validEvents[type] as unknown as Json;
  return { ...base, ...envelope, payload: { ...(base.payload as Json), ...payload } };
};
const survey = canonical('survey.responded');
const ev = route('canonical', EVENTS);

const canonicalInputs: HostileInput[] = [
  ev('1 MiB event_id', () => json([canonical('visit.called', { event_id: big() })]), 422),
  ev(
    '1 MiB source.vendor',
    () => json([canonical('visit.called', { source: { system: 'queue_management', vendor: big() } })]),
    422,
  ),
  ev(
    "comment of 80,000 × 'a' + '@'",
    () => json([canonical('survey.responded', {}, { comment: emailBait })]),
    422,
  ),
  ev(
    "1 MiB comment of 'a' + '@'",
    () => json([canonical('survey.responded', {}, { comment: `${big()}@` })]),
    422,
  ),
  ev(
    '1 MiB suspension reason',
    () => json([canonical('case.suspended', {}, { reason: big('Kerkstraat ') })]),
    422,
  ),
  ev('1 MiB location name', () => json([canonical('reference.location', {}, { name: big('A-') })]), 422),
  ev('1 MiB status name', () => json([canonical('case.status_changed', {}, { status: big('0 ') })]), 422),
  ev(
    '50 unknown fields named by 1000 control characters each',
    () =>
      json([
        canonical(
          'visit.called',
          {},
          Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${'\u0001'.repeat(1000)}${i}`, 1])),
        ),
      ]),
    422,
  ),
  ev('nesting 100,000 deep', () => deep(100_000), 400),
  ev(
    'payload nested 40 deep',
    () => json([canonical('visit.called', {}, { extra: JSON.parse(deepObject(40)) })]),
    400,
  ),
  ev('binary body', binary, 400),
  ev(
    'invalid UTF-8 in event_id',
    () => invalidUtf8(json([canonical('visit.called', { event_id: 'X' })]), 'X'),
    422,
  ),
  ev('event_id as a number', () => json([canonical('visit.called', { event_id: 12345 })]), 422),
  ev(
    'zero-padded ids, which are no phone numbers',
    () =>
      json([
        canonical('visit.called', {}, { visit_id: 'ZAAK-2026-0000001234', desk_id: 'balie-0012345678' }),
      ]),
    202,
  ),
  ev('BSN as a JSON number', () => json([canonical('visit.called', {}, { visit_id: 111222333 })]), 422),
  ev('body of 10 MiB', tenMiB, 413),
  ev('8 MiB of {} lines', () => '{}\n'.repeat(Math.floor((8 * MiB - 1024) / 3)), 413, 'application/x-ndjson'),
  ev(
    '6000 lines of valid events',
    () => `${json(survey)}\n`.repeat(RECORDS_OVER_LIMIT),
    413,
    'application/x-ndjson',
  ),
  ev(
    "200,000 {} lines after an unclosed '\"'",
    () => `"\n${'{}\n'.repeat(200_000)}`,
    413,
    'application/x-ndjson',
  ),
  ev('6000 events in an array', () => many(survey), 413),
  ev(
    'one event with a payload array of 8 MiB',
    () =>
      json([canonical('visit.called', {}, { extra: 0 })]).replace(
        '"extra":0',
        `"extra":[${nearly8MiB('1,')}]`,
      ),
    413,
  ),
  ev('1 MiB line that is no JSON', () => `${json(survey)}\n${big('x')}`, 202, 'application/x-ndjson'),
  ev('line nested 100,000 deep', () => `${json(survey)}\n${deep(100_000)}`, 400, 'application/x-ndjson'),
  ev('event of 1970', () => json([canonical('visit.called', { occurred_at: '1970-01-01T00:00:00Z' })]), 422),
  ev('event of 2100', () => json([canonical('visit.called', { occurred_at: '2100-01-01T00:00:00Z' })]), 422),
  ev('event of 1969', () => json([canonical('visit.called', { occurred_at: '1969-12-31T23:59:59Z' })]), 422),
  ev("another municipality's event", () => json([canonical('visit.called', { tenant: 'GM0599' })]), 403),
  ev(
    'staff name as staff_key',
    () => json([canonical('visit.called', {}, { staff_key: 'Jan Jansen' })]),
    422,
  ),
  ev('XML', () => '<events/>', 415, 'application/xml'),
  ev('multipart form', () => '--x\r\n\r\n--x--', 415, 'multipart/form-data; boundary=x'),
  ev('null', () => 'null', 422),
];

// ---- Asterisk queue_log ------------------------------------------------------------------------
const QUEUE_LOG = '/v1/sources/asterisk/queue-log';
const line = (epoch: number | string, agent = 'NONE', event = 'ENTERQUEUE', data = '|0612345678|1') =>
  `${epoch}|${epoch}.1|kcc|${agent}|${event}${data}`;
const ast = route('asterisk', QUEUE_LOG, 'text/plain');
const asteriskInputs: HostileInput[] = [
  ast('one line of 1 MiB', () => big('|'), 422),
  ast('agent name of 1 MiB', () => line(1772439041, big('Jan Jansen '), 'CONNECT', '|5|1772439041.1|3'), 422),
  ast('6000 lines', () => `${line(1772439041)}\n`.repeat(RECORDS_OVER_LIMIT), 413),
  ast('binary body', binary, 422),
  ast('invalid UTF-8 in a line', () => invalidUtf8(line(1772439041, 'X'), 'X'), 202),
  ast('sent as JSON', () => json({ line: line(1772439041) }), 400, 'application/json'),
  ast('line of 1970', () => line(1), 422),
  ast('line of 2100', () => line(4102444800), 422),
  ast('body of 10 MiB', tenMiB, 413),
];

// ---- Qmatic ------------------------------------------------------------------------------------
const QMATIC = '/v1/sources/qmatic/events';
const visit = {
  event: 'VISIT_CREATE',
  eventTime: '2026-03-02T09:07:40+01:00',
  branchId: 12,
  visitId: 81234,
  queueId: 3,
};
const qm = route('qmatic', QMATIC);
const qmaticInputs: HostileInput[] = [
  qm(
    'staff user name of 1 MiB',
    () => json([{ ...visit, event: 'VISIT_CALL', servicePointId: 5, staffUserName: big() }]),
    422,
  ),
  qm('ticket of 1 MiB', () => json([{ ...visit, ticketId: big('A') }]), 422),
  qm(
    'unknown field of 1 MiB with an e-mail bait',
    () => json([{ ...visit, customerName: `${big()}@` }]),
    202,
  ),
  qm('nesting 100,000 deep', () => deep(100_000), 400),
  qm('binary body', binary, 400),
  qm('visit id as an object', () => json([{ ...visit, visitId: { id: 1 } }]), 422),
  qm('event of 1970', () => json([{ ...visit, eventTime: '1970-01-01T00:00:00Z' }]), 422),
  qm('event of 2100', () => json([{ ...visit, eventTime: '2100-01-01T00:00:00Z' }]), 422),
  qm('6000 events', () => many(visit), 413),
  qm(
    'one event with 8 MiB of services',
    () => `[{"event":"VISIT_CREATE","services":[${nearly8MiB('1,')}]}]`,
    413,
  ),
  qm('body of 10 MiB', tenMiB, 413),
  qm('XML', () => '<visit/>', 415, 'application/xml'),
];

// ---- survey ------------------------------------------------------------------------------------
const SURVEY = '/v1/sources/survey';
const response = surveyResponseFixture;
const sv = route('survey', SURVEY);
const surveyInputs: HostileInput[] = [
  sv("comment of 80,000 × 'a' + '@'", () => json([{ ...response, comment: emailBait }]), 202),
  sv("comment of 1 MiB of 'Aé'", () => json([{ ...response, comment: big('Aé') }]), 202),
  sv("comment of 1 MiB of '0 6 '", () => json([{ ...response, comment: big('0 6 ') }]), 202),
  sv('comment as a number', () => json([{ ...response, comment: 612345678 }]), 422),
  sv('response id of 1 MiB', () => json([{ ...response, response_id: big() }]), 422),
  sv('unknown field with an e-mail address', () => json([{ ...response, email: 'jan@example.nl' }]), 422),
  sv('answered in 1970', () => json([{ ...response, answered_at: '1970-01-01T00:00:00Z' }]), 422),
  sv('answered in 2100', () => json([{ ...response, answered_at: '2100-01-01T00:00:00Z' }]), 422),
  sv('nesting 100,000 deep', () => deep(100_000), 400),
  sv('6000 responses', () => many(response), 413),
  sv('one response with 8 MiB of products', () => `[{"product":[${nearly8MiB('1,')}]}]`, 413),
  sv('body of 10 MiB', tenMiB, 413),
];

// ---- CSV ---------------------------------------------------------------------------------------
const CSV = '/v1/sources/csv';
const { mapping: jccMapping, header, row: good } = jcc;
const csvBody = (patch: Json) => json({ format: 'jcc', mapping: jccMapping, header, rows: [good], ...patch });
const cv = route('csv', CSV);
const csvInputs: HostileInput[] = [
  cv('cell of 1 MiB', () => csvBody({ rows: [good.map((c, i) => (i === 0 ? big() : c))] }), 400),
  cv(
    'cells of 9,000 characters in every column',
    () => csvBody({ rows: [good.map(() => big('0 ', 9000))] }),
    422,
  ),
  cv('8 MiB of empty rows', () => `{"format":"jcc","rows":[${nearly8MiB('[],')}]}`, 413),
  cv('6000 rows', () => csvBody({ rows: Array.from({ length: RECORDS_OVER_LIMIT }, () => good) }), 413),
  cv('binary body', binary, 400),
  cv('mapping that reads no column', () => csvBody({ mapping: { ...jccMapping, columns: 42 } }), 400),
  cv('nesting 100,000 deep', () => deep(100_000), 400),
  cv('body of 10 MiB', tenMiB, 413),
];

// ---- ZGW ---------------------------------------------------------------------------------------
const ZGW = '/v1/sources/zgw/notifications';
const notification = (env: HostileEnv, patch: Json = {}) => ({
  kanaal: 'zaken',
  hoofdObject: `${env.zgw.baseUrl}/zaken/api/v1/zaken/3d9f1c2a-8b4e-4f6a-9c1d-2e5b7a8f0c13`,
  resource: 'zaak',
  resourceUrl: `${env.zgw.baseUrl}/zaken/api/v1/zaken/3d9f1c2a-8b4e-4f6a-9c1d-2e5b7a8f0c13`,
  actie: 'create',
  aanmaakdatum: '2026-03-02T08:15:00Z',
  kenmerken: { bronorganisatie: '123456782' },
  ...patch,
});
const zg = route('zgw', ZGW);
const zgwInputs: HostileInput[] = [
  zg('6000 notifications (none may be looked up)', (env) => many(notification(env)), 413),
  zg('nesting 100,000 deep', () => deep(100_000), 400),
  zg('kanaal of 1 MiB', (env) => json([notification(env, { kanaal: big() })]), 202),
  zg(
    'kenmerk of 1 MiB',
    (env) => json([notification(env, { kenmerken: { toelichting: big('06 1234 5678 ') }, hoofdObject: 42 })]),
    422,
  ),
  zg('hoofdObject as a number', (env) => json([notification(env, { hoofdObject: 42 })]), 422),
  zg(
    'zaak of another municipality',
    () => json([notification({ zgw: { baseUrl: 'https://zaken.other.example' } })]),
    422,
  ),
  zg(
    'without ZGW settings (another municipality)',
    (env) => json([notification(env)]),
    400,
    'application/json',
    'other',
  ),
  zg('binary body', binary, 400),
  zg('body of 10 MiB', tenMiB, 413),
];

export const hostileInputs: readonly HostileInput[] = [
  ...canonicalInputs,
  ...asteriskInputs,
  ...qmaticInputs,
  ...surveyInputs,
  ...csvInputs,
  ...zgwInputs,
];

/**
 * The field the first rejection of each 422 input names (its path; '' for a record that is no
 * object at all), so that a reason is known to point at what was wrong.
 */
export const rejectedFields: Readonly<Record<string, string>> = {
  'canonical: 1 MiB event_id': 'event_id',
  'canonical: 1 MiB source.vendor': 'source.vendor',
  "canonical: comment of 80,000 × 'a' + '@'": 'payload.comment',
  "canonical: 1 MiB comment of 'a' + '@'": 'payload.comment',
  'canonical: 1 MiB suspension reason': 'payload.reason',
  'canonical: 1 MiB location name': 'payload.name',
  'canonical: 1 MiB status name': 'payload.status',
  'canonical: 50 unknown fields named by 1000 control characters each': 'payload',
  'canonical: invalid UTF-8 in event_id': 'event_id',
  'canonical: event_id as a number': 'event_id',
  'canonical: BSN as a JSON number': 'payload.visit_id',
  'canonical: event of 1970': 'occurred_at',
  'canonical: event of 2100': 'occurred_at',
  'canonical: event of 1969': 'occurred_at',
  'canonical: staff name as staff_key': 'payload.staff_key',
  'canonical: null': '',
  'asterisk: one line of 1 MiB': 'line',
  'asterisk: agent name of 1 MiB': 'line',
  'asterisk: binary body': 'line',
  'asterisk: line of 1970': 'events.0.occurred_at',
  'asterisk: line of 2100': 'events.0.occurred_at',
  'qmatic: staff user name of 1 MiB': 'staffUserName',
  'qmatic: ticket of 1 MiB': 'ticketId',
  'qmatic: visit id as an object': 'visitId',
  'qmatic: event of 1970': 'occurred_at',
  'qmatic: event of 2100': 'occurred_at',
  'survey: comment as a number': 'comment',
  'survey: response id of 1 MiB': 'response_id',
  'survey: unknown field with an e-mail address': 'email',
  'survey: answered in 1970': 'occurred_at',
  'survey: answered in 2100': 'occurred_at',
  'csv: cells of 9,000 characters in every column': 'row.0.visit_id',
  'zgw: kenmerk of 1 MiB': 'hoofdObject',
  'zgw: hoofdObject as a number': 'hoofdObject',
  'zgw: zaak of another municipality': 'hoofdObject',
};
