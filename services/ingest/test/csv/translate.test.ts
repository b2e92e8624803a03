import { readFileSync } from 'node:fs';
import { deriveEventId, validateEvent } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import {
  CsvHeaderError,
  type CsvMapping,
  parseCsvMapping,
  parseExport,
  translateCsvRows,
} from '../../src/adapters/csv/index.js';
import type { AdapterContext } from '../../src/adapters/types.js';

const TENANT = 'GM0363';
const KEYS: Record<string, string> = {
  jjansen: '5f3c0d2e9a1b4c7d8e6f0a1b2c3d4e5f',
  pdevries: '0b9e8d7c6b5a49382716a5b4c3d2e1f0',
  mbakker: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  'J. Jansen': '1111aaaa2222bbbb3333cccc4444dddd',
  'P. de Vries': '5555eeee6666ffff7777aaaa8888bbbb',
};
const ctx: AdapterContext = {
  tenant: TENANT,
  now: new Date('2026-10-27T12:00:00Z'),
  fingerprint: (text) => `fingerprint:${text.length}`,
  pseudonymise(value) {
    const key = KEYS[value];
    if (!key) throw new Error(`test pseudonymiser has no key for ${value}`);
    return key;
  },
};

const here = (name: string) => new URL(name, import.meta.url);
function loadMapping(name: string): CsvMapping {
  const result = parseCsvMapping(JSON.parse(readFileSync(here(`../../mappings/${name}`), 'utf8')));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.mapping;
}
function loadExport(name: string, delimiter: string) {
  const parsed = parseExport(readFileSync(here(name), 'utf8'), delimiter);
  return { header: parsed.header, rows: parsed.rows.map((r) => r.cells) };
}

function event(vendor: string, idParts: string[], type: string, occurred_at: string, payload: object) {
  return {
    spec_version: 1,
    event_id: deriveEventId(TENANT, vendor, 'visit', ...idParts),
    tenant: TENANT,
    source: { system: 'queue_management', vendor },
    occurred_at,
    type,
    payload,
  };
}
const q = (idParts: string[], type: string, at: string, payload: object) =>
  event('qmatic', idParts, type, at, payload);
const j = (idParts: string[], type: string, at: string, payload: object) =>
  event('jcc', idParts, type, at, payload);

const C = 'stadsloket-centrum';
const R = 'reisdocumenten';

describe('Qmatic statistics export (one row per visit transaction)', () => {
  const mapping = loadMapping('qmatic-statistics.json');
  const records = translateCsvRows({ ...loadExport('qmatic-statistics.csv', ','), mapping }, ctx);

  it('turns each transaction row into its events', () => {
    expect(records.map((r) => r.errors)).toEqual(records.map(() => []));
    expect(records.map((r) => r.events)).toEqual([
      [
        q(['90001', 'T1', 'arrived'], 'visit.arrived', '2026-10-24T09:00:05+02:00', {
          visit_id: '90001',
          location_id: C,
          queue_id: R,
          kind: 'walk_in',
          products: ['paspoort'],
          ticket: 'A001',
        }),
        q(['90001', 'T1', 'called'], 'visit.called', '2026-10-24T09:06:35+02:00', {
          visit_id: '90001',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-1',
          staff_key: KEYS.jjansen,
          recall: false,
        }),
        q(['90001', 'T1', 'finished'], 'visit.finished', '2026-10-24T09:14:00+02:00', {
          visit_id: '90001',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-1',
          outcome: 'served',
          products: ['paspoort'],
        }),
      ],
      [
        q(['90002', 'T2', 'arrived'], 'visit.arrived', '2026-10-24T09:02:00+02:00', {
          visit_id: '90002',
          location_id: C,
          queue_id: R,
          kind: 'walk_in',
          products: ['rijbewijs', 'paspoort'],
          ticket: 'A002',
        }),
        q(['90002', 'T2', 'called'], 'visit.called', '2026-10-24T09:10:00+02:00', {
          visit_id: '90002',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-2',
          staff_key: KEYS.pdevries,
          recall: false,
        }),
        q(['90002', 'T2', 'transferred'], 'visit.transferred', '2026-10-24T09:12:30+02:00', {
          visit_id: '90002',
          location_id: C,
          from_queue_id: R,
          to: { kind: 'queue', id: 'burgerzaken' },
        }),
      ],
      [
        // The second transaction of visit 90002: no new arrival.
        q(['90002', 'T3', 'called'], 'visit.called', '2026-10-24T09:20:00+02:00', {
          visit_id: '90002',
          location_id: C,
          queue_id: 'burgerzaken',
          desk_id: 'balie-3',
          staff_key: KEYS.jjansen,
          recall: false,
        }),
        q(['90002', 'T3', 'finished'], 'visit.finished', '2026-10-24T09:31:10+02:00', {
          visit_id: '90002',
          location_id: C,
          queue_id: 'burgerzaken',
          desk_id: 'balie-3',
          outcome: 'served',
          products: ['verhuizing'],
        }),
      ],
      [
        q(['90003', 'T4', 'arrived'], 'visit.arrived', '2026-10-24T09:25:00+02:00', {
          visit_id: '90003',
          location_id: C,
          queue_id: R,
          kind: 'appointment',
          appointment_id: 'AFS-7001',
          appointment_start: '2026-10-24T09:30:00+02:00',
          products: ['id-kaart'],
          ticket: 'B001',
        }),
        q(['90003', 'T4', 'called'], 'visit.called', '2026-10-24T09:31:00+02:00', {
          visit_id: '90003',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-1',
          staff_key: KEYS.jjansen,
          recall: false,
        }),
        q(['90003', 'T4', 'finished'], 'visit.finished', '2026-10-24T09:33:00+02:00', {
          visit_id: '90003',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-1',
          outcome: 'no_show',
          products: ['id-kaart'],
        }),
      ],
      [
        q(['90004', 'T5', 'arrived'], 'visit.arrived', '2026-10-24T11:40:00+02:00', {
          visit_id: '90004',
          location_id: C,
          queue_id: R,
          kind: 'walk_in',
          products: [],
          ticket: 'A003',
        }),
        q(['90004', 'T5', 'finished'], 'visit.finished', '2026-10-24T17:00:00+02:00', {
          visit_id: '90004',
          location_id: C,
          queue_id: R,
          outcome: 'left',
          products: [],
        }),
      ],
      [
        // 25 October: 02:00-03:00 happens twice. Arrival at the first 02:50 (summer time), the call
        // at 02:05 can then only be the second reading (winter time): a 15-minute wait.
        q(['90005', 'T6', 'arrived'], 'visit.arrived', '2026-10-25T02:50:00+02:00', {
          visit_id: '90005',
          location_id: C,
          queue_id: R,
          kind: 'walk_in',
          products: ['paspoort'],
          ticket: 'A004',
        }),
        q(['90005', 'T6', 'called'], 'visit.called', '2026-10-25T02:05:00+01:00', {
          visit_id: '90005',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-1',
          staff_key: KEYS.jjansen,
          recall: false,
        }),
        q(['90005', 'T6', 'finished'], 'visit.finished', '2026-10-25T02:20:00+01:00', {
          visit_id: '90005',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-1',
          outcome: 'served',
          products: ['paspoort'],
        }),
      ],
      [
        q(['90006', 'T7', 'arrived'], 'visit.arrived', '2026-10-26T09:00:00+01:00', {
          visit_id: '90006',
          location_id: C,
          queue_id: R,
          kind: 'walk_in',
          products: ['paspoort'],
          ticket: 'A005',
        }),
        q(['90006', 'T7', 'called'], 'visit.called', '2026-10-26T09:04:00+01:00', {
          visit_id: '90006',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-2',
          staff_key: KEYS.pdevries,
          recall: false,
        }),
        q(['90006', 'T7', 'transferred'], 'visit.transferred', '2026-10-26T09:10:00+01:00', {
          visit_id: '90006',
          location_id: C,
          from_queue_id: R,
          to: { kind: 'desk', id: 'balie-4' },
        }),
      ],
      [
        q(['90006', 'T8', 'called'], 'visit.called', '2026-10-26T09:10:30+01:00', {
          visit_id: '90006',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-4',
          staff_key: KEYS.mbakker,
          recall: false,
        }),
        q(['90006', 'T8', 'finished'], 'visit.finished', '2026-10-26T09:20:00+01:00', {
          visit_id: '90006',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-4',
          outcome: 'removed',
          products: ['paspoort'],
        }),
      ],
      [
        q(['90007', 'T9', 'arrived'], 'visit.arrived', '2026-10-26T10:00:00+01:00', {
          visit_id: '90007',
          location_id: C,
          queue_id: R,
          kind: 'walk_in',
          products: ['uittreksel-brp', 'naamsgebruik'],
          ticket: 'A006',
        }),
        q(['90007', 'T9', 'called'], 'visit.called', '2026-10-26T10:05:00+01:00', {
          visit_id: '90007',
          location_id: C,
          queue_id: R,
          desk_id: 'balie-2',
          staff_key: KEYS.pdevries,
          recall: false,
        }),
        q(['90007', 'T9', 'transferred'], 'visit.transferred', '2026-10-26T10:07:00+01:00', {
          visit_id: '90007',
          location_id: C,
          from_queue_id: R,
          to: { kind: 'staff', id: KEYS.mbakker },
        }),
      ],
    ]);
  });

  it('emits only valid canonical events with distinct ids', () => {
    const events = records.flatMap((r) => r.events);
    for (const e of events) expect(validateEvent(e)).toMatchObject({ ok: true });
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
  });

  it('keeps staff names and unmapped columns out of events and originals', () => {
    const out = JSON.stringify(records);
    for (const name of ['jjansen', 'pdevries', 'mbakker']) expect(out).not.toContain(name);
    expect(records[8]!.original).toMatchObject({
      row: 8,
      cells: { Staff: KEYS.pdevries, 'Transferred To': KEYS.mbakker },
    });
    expect((records[8]!.original as { cells: object }).cells).not.toHaveProperty('Waiting Time');
  });
});

describe('JCC export (one row per visit, Dutch headers, spring DST change)', () => {
  const mapping = loadMapping('jcc.json');
  const records = translateCsvRows({ ...loadExport('jcc.csv', ';'), mapping }, ctx);
  const S = 'Stadhuis';
  const B = 'Burgerzaken';

  it('turns each row into its events', () => {
    expect(records.map((r) => r.errors)).toEqual(records.map(() => []));
    expect(records.map((r) => r.events)).toEqual([
      [
        j(['2026032801', 'arrived'], 'visit.arrived', '2026-03-28T10:02:00+01:00', {
          visit_id: '2026032801',
          location_id: S,
          queue_id: B,
          kind: 'walk_in',
          products: ['Paspoort', 'ID-kaart'],
          ticket: 'A012',
        }),
        j(['2026032801', 'called'], 'visit.called', '2026-03-28T10:09:00+01:00', {
          visit_id: '2026032801',
          location_id: S,
          queue_id: B,
          desk_id: 'Balie 2',
          staff_key: KEYS['J. Jansen'],
          recall: false,
        }),
        j(['2026032801', 'finished'], 'visit.finished', '2026-03-28T10:21:00+01:00', {
          visit_id: '2026032801',
          location_id: S,
          queue_id: B,
          desk_id: 'Balie 2',
          outcome: 'served',
          products: ['Paspoort', 'ID-kaart'],
        }),
      ],
      [
        j(['2026032802', 'arrived'], 'visit.arrived', '2026-03-28T10:15:00+01:00', {
          visit_id: '2026032802',
          location_id: S,
          queue_id: B,
          kind: 'appointment',
          appointment_id: 'JCC-88123',
          appointment_start: '2026-03-28T10:30:00+01:00',
          products: ['Rijbewijs (omwisseling België)'],
          ticket: 'B004',
        }),
        j(['2026032802', 'called'], 'visit.called', '2026-03-28T10:31:00+01:00', {
          visit_id: '2026032802',
          location_id: S,
          queue_id: B,
          desk_id: 'Balie 1',
          staff_key: KEYS['P. de Vries'],
          recall: false,
        }),
        j(['2026032802', 'finished'], 'visit.finished', '2026-03-28T10:33:00+01:00', {
          visit_id: '2026032802',
          location_id: S,
          queue_id: B,
          desk_id: 'Balie 1',
          outcome: 'no_show',
          products: ['Rijbewijs (omwisseling België)'],
        }),
      ],
      [
        // 29 March: the clocks go from 02:00 to 03:00. 01:55 winter time to 03:05 summer time is
        // a 10-minute wait, not 70 minutes.
        j(['2026032901', 'arrived'], 'visit.arrived', '2026-03-29T01:55:00+01:00', {
          visit_id: '2026032901',
          location_id: S,
          queue_id: 'Nachtloket',
          kind: 'walk_in',
          products: ['Aangifte'],
          ticket: 'N001',
        }),
        j(['2026032901', 'called'], 'visit.called', '2026-03-29T03:05:00+02:00', {
          visit_id: '2026032901',
          location_id: S,
          queue_id: 'Nachtloket',
          desk_id: 'Balie 5',
          staff_key: KEYS['J. Jansen'],
          recall: false,
        }),
        j(['2026032901', 'finished'], 'visit.finished', '2026-03-29T03:12:00+02:00', {
          visit_id: '2026032901',
          location_id: S,
          queue_id: 'Nachtloket',
          desk_id: 'Balie 5',
          outcome: 'served',
          products: ['Aangifte'],
        }),
      ],
      [
        j(['2026033001', 'arrived'], 'visit.arrived', '2026-03-30T09:00:00+02:00', {
          visit_id: '2026033001',
          location_id: S,
          queue_id: B,
          kind: 'walk_in',
          products: ['Uittreksel BRP'],
          ticket: 'A013',
        }),
        j(['2026033001', 'finished'], 'visit.finished', '2026-03-30T09:40:00+02:00', {
          visit_id: '2026033001',
          location_id: S,
          queue_id: B,
          outcome: 'left',
          products: ['Uittreksel BRP'],
        }),
      ],
      [
        j(['2026033002', 'arrived'], 'visit.arrived', '2026-03-30T09:05:00+02:00', {
          visit_id: '2026033002',
          location_id: S,
          queue_id: B,
          kind: 'walk_in',
          products: [],
          ticket: 'A014',
        }),
        j(['2026033002', 'called'], 'visit.called', '2026-03-30T09:12:00+02:00', {
          visit_id: '2026033002',
          location_id: S,
          queue_id: B,
          desk_id: 'Balie 2',
          staff_key: KEYS['J. Jansen'],
          recall: false,
        }),
        // 'verwijderd': outcome values match regardless of case.
        j(['2026033002', 'finished'], 'visit.finished', '2026-03-30T09:13:00+02:00', {
          visit_id: '2026033002',
          location_id: S,
          queue_id: B,
          desk_id: 'Balie 2',
          outcome: 'removed',
          products: [],
        }),
      ],
      [
        // Still waiting when the export was made: only the arrival.
        j(['2026033003', 'arrived'], 'visit.arrived', '2026-03-30T16:55:00+02:00', {
          visit_id: '2026033003',
          location_id: S,
          queue_id: B,
          kind: 'walk_in',
          products: ['Paspoort'],
          ticket: 'A015',
        }),
      ],
    ]);
  });

  it('emits only valid canonical events', () => {
    for (const e of records.flatMap((r) => r.events)) expect(validateEvent(e)).toMatchObject({ ok: true });
  });

  it('keeps staff names out', () => {
    const out = JSON.stringify(records);
    expect(out).not.toContain('Jansen');
    expect(out).not.toContain('Vries');
  });
});

describe('CSV row rejects', () => {
  const mapping = loadMapping('jcc.json');
  const { header } = loadExport('jcc.csv', ';');
  const good = [
    '2026032801',
    'Stadhuis',
    'Burgerzaken',
    'Balie 2',
    'J. Jansen',
    'Paspoort',
    'A012',
    '28-03-2026 10:02',
    '28-03-2026 10:09',
    '28-03-2026 10:21',
    'Geholpen',
    '',
    '',
    '7',
  ];
  const col = (name: string) => header.indexOf(name);
  const withCells = (changes: Record<string, string>) => {
    const row = [...good];
    for (const [name, value] of Object.entries(changes)) row[col(name)] = value;
    return row;
  };

  it('accepts the good row', () => {
    const [record] = translateCsvRows({ header, rows: [good], mapping }, ctx);
    expect(record!.errors).toEqual([]);
    expect(record!.events).toHaveLength(3);
  });

  it.each([
    [
      'too few columns',
      ['2026032801', 'Stadhuis'],
      [{ path: 'row.0', reason: 'expected 14 columns, got 2' }],
    ],
    ['too many columns', [...good, 'x'], [{ path: 'row.0', reason: 'expected 14 columns, got 15' }]],
    [
      'a date that does not exist',
      withCells({ Aankomsttijd: '31-02-2026 10:02' }),
      [
        {
          path: 'row.0.arrival',
          reason: "column 'Aankomsttijd': '31-02-2026 10:02' is not a date-time as dd-MM-yyyy HH:mm",
        },
      ],
    ],
    [
      'a date in another format',
      withCells({ Eindtijd: '2026-03-28 10:21' }),
      [
        {
          path: 'row.0.finished',
          reason: "column 'Eindtijd': '2026-03-28 10:21' is not a date-time as dd-MM-yyyy HH:mm",
        },
      ],
    ],
    [
      'a local time skipped by the spring DST change',
      withCells({
        Aankomsttijd: '29-03-2026 02:30',
        Oproeptijd: '29-03-2026 03:09',
        Eindtijd: '29-03-2026 03:21',
      }),
      [
        {
          path: 'row.0.arrival',
          reason:
            "column 'Aankomsttijd': '29-03-2026 02:30' does not exist in Europe/Amsterdam: the clocks were put forward over that hour",
        },
      ],
    ],
    [
      'an empty visit id',
      withCells({ Bezoeknummer: ' ' }),
      [{ path: 'row.0.visit_id', reason: "required: column 'Bezoeknummer' is empty" }],
    ],
    [
      'an empty arrival',
      withCells({ Aankomsttijd: '' }),
      [{ path: 'row.0.arrival', reason: "required: column 'Aankomsttijd' is empty" }],
    ],
    [
      'an outcome the mapping does not know',
      withCells({ Status: 'Weggelopen' }),
      [
        {
          path: 'row.0.outcome',
          reason:
            "column 'Status': 'Weggelopen' is not one of the mapping's outcomes (Geholpen, No-show, Niet verschenen, Verwijderd, Vertrokken)",
        },
      ],
    ],
    [
      'a call before the arrival',
      withCells({ Oproeptijd: '28-03-2026 09:00' }),
      [
        {
          path: 'row.0.called',
          reason: "column 'Oproeptijd': 2026-03-28T09:00:00+01:00 lies before 2026-03-28T10:02:00+01:00",
        },
      ],
    ],
    [
      'a call without a desk',
      withCells({ Balie: '' }),
      [{ path: 'row.0.desk', reason: "required when the row has a call time: column 'Balie' is empty" }],
    ],
    [
      'an end time without an outcome',
      withCells({ Status: '' }),
      [{ path: 'row.0.outcome', reason: "required when the row has an end time: column 'Status' is empty" }],
    ],
    [
      'an outcome without an end time',
      withCells({ Eindtijd: '' }),
      [
        {
          path: 'row.0.finished',
          reason: "required when the row has an outcome: column 'Eindtijd' is empty",
        },
      ],
    ],
    [
      'an appointment number without its time',
      withCells({ Afspraaknummer: 'JCC-1' }),
      [
        {
          path: 'row.0.appointment_start',
          reason: "required when the row has an appointment id: column 'Afspraaktijd' is empty",
        },
      ],
    ],
    [
      'a ticket longer than 32 characters',
      withCells({ Volgnummer: 'X'.repeat(33) }),
      [{ path: 'row.0.ticket', reason: "column 'Volgnummer' holds more than 32 characters" }],
    ],
  ])('rejects %s', (_name, row, errors) => {
    const [record] = translateCsvRows({ header, rows: [row], mapping }, ctx);
    expect(record!.events).toEqual([]);
    expect(record!.errors).toEqual(errors);
    expect(JSON.stringify(record)).not.toContain('Jansen');
  });

  it('numbers rows from first_row, so a batch names rows of the whole export', () => {
    const records = translateCsvRows(
      { header, rows: [good, withCells({ Aankomsttijd: 'gisteren' })], mapping, first_row: 5000 },
      ctx,
    );
    expect(records[1]).toMatchObject({
      index: 1,
      original: { row: 5001 },
      errors: [
        {
          path: 'row.5001.arrival',
          reason: "column 'Aankomsttijd': 'gisteren' is not a date-time as dd-MM-yyyy HH:mm",
        },
      ],
    });
  });

  it('counts a row of empty cells as ignored', () => {
    const [record] = translateCsvRows({ header, rows: [header.map(() => ' ')], mapping }, ctx);
    expect(record).toMatchObject({ index: 0, events: [], errors: [], ignored: 'empty row' });
  });

  it('refuses a header that lacks mapped columns', () => {
    const short = header.filter((h) => h !== 'Status' && h !== 'Balie');
    expect(() => translateCsvRows({ header: short, rows: [], mapping }, ctx)).toThrow(
      new CsvHeaderError(
        'header does not fit the mapping: missing columns: Balie, Status',
        ['Balie', 'Status'],
        [],
      ),
    );
  });
});
