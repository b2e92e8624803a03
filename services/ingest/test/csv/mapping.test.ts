import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSV_MAX_ROWS, csvImportBody, parseCsvMapping } from '../../src/adapters/csv/index.js';

const jcc = JSON.parse(readFileSync(new URL('../../mappings/jcc.json', import.meta.url), 'utf8'));
const header = readFileSync(new URL('./jcc.csv', import.meta.url), 'utf8')
  .split('\n')[0]!
  .split(';');

describe('csv mapping', () => {
  it('accepts the shipped mappings', () => {
    for (const name of ['jcc.json', 'qmatic-statistics.json']) {
      const file = JSON.parse(readFileSync(new URL(`../../mappings/${name}`, import.meta.url), 'utf8'));
      expect(parseCsvMapping(file)).toMatchObject({ ok: true });
    }
  });

  const without = (key: string) => Object.fromEntries(Object.entries(jcc.columns).filter(([k]) => k !== key));

  it.each([
    ['no arrival column', { columns: without('arrival') }, [{ path: 'columns.arrival', reason: 'required' }]],
    ['a misspelt field', { colums: {} }, [{ path: 'colums', reason: 'unknown field' }]],
    [
      'an unknown time zone',
      { timezone: 'Europe/Amsterdamm' },
      [{ path: 'timezone', reason: 'must be an IANA time zone such as Europe/Amsterdam' }],
    ],
    [
      'local times without a time zone',
      { timezone: undefined },
      [{ path: 'timezone', reason: 'required when date_format is not iso: the export has local times' }],
    ],
    [
      'a date format without time',
      { date_format: 'dd-MM-yyyy' },
      [{ path: 'date_format', reason: 'has no hour; e.g. dd-MM-yyyy HH:mm' }],
    ],
    [
      'a date format with an unknown letter',
      { date_format: 'dd-MM-yyyy hh:mm' },
      [
        {
          path: 'date_format',
          reason: 'unknown letter \'h\'; use yyyy, MM or M, dd or d, HH or H, mm, ss and SSS, or "iso"',
        },
      ],
    ],
    [
      'an outcome that is not a canonical one',
      { outcomes: { Geholpen: 'helped' } },
      [
        {
          path: 'outcomes.Geholpen',
          reason:
            'Invalid option: expected one of "served"|"no_show"|"removed"|"left"|"transfer_to_queue"|"transfer_to_desk"|"transfer_to_staff"',
        },
      ],
    ],
    [
      'a call time without a desk',
      { columns: without('desk') },
      [{ path: 'columns.desk', reason: 'required when columns.called is mapped: a call is to a desk' }],
    ],
    [
      'a transfer outcome without a target column',
      { outcomes: { Doorverwezen: 'transfer_to_queue' } },
      [{ path: 'columns.transfer_to', reason: 'required when an outcome is a transfer' }],
    ],
    [
      'an end time without outcome or default',
      { columns: without('outcome') },
      [
        {
          path: 'default_outcome',
          reason: 'required when columns.finished is mapped but columns.outcome is not',
        },
      ],
    ],
    [
      'a format name with capitals',
      { format: 'JCC' },
      [{ path: 'format', reason: 'must be 1-64 lower-case letters, digits or -' }],
    ],
  ])('refuses %s, naming the field', (_name, change, errors) => {
    expect(parseCsvMapping({ ...jcc, ...change })).toEqual({ ok: false, errors });
  });
});

describe('csvImportBody (POST /v1/sources/csv)', () => {
  const body = { format: 'jcc', mapping: jcc, header, rows: [header.map(() => '')] };

  it('accepts a batch and defaults first_row to 0', () => {
    const parsed = csvImportBody.parse(body);
    expect(parsed.first_row).toBe(0);
    expect(parsed.mapping.products_separator).toBe(',');
  });

  it('accepts rows with the wrong number of cells (rejected per row later)', () => {
    expect(csvImportBody.safeParse({ ...body, rows: [['1']] }).success).toBe(true);
  });

  const problems = (input: unknown) => {
    const result = csvImportBody.safeParse(input);
    return result.success
      ? []
      : result.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message }));
  };

  it("refuses a format that is not the mapping's", () => {
    expect(problems({ ...body, format: 'qmatic-statistics' })).toEqual([
      { path: 'format', reason: "'qmatic-statistics' does not match mapping.format 'jcc'" },
    ]);
  });

  it('refuses a header without the mapped columns, naming them', () => {
    expect(
      problems({ ...body, header: header.filter((h) => h !== 'Eindtijd' && h !== 'Volgnummer') }),
    ).toEqual([{ path: 'header', reason: 'missing columns the mapping reads: Volgnummer, Eindtijd' }]);
  });

  it('refuses a header with a mapped column twice', () => {
    expect(problems({ ...body, header: [...header, 'Status'] })).toEqual([
      { path: 'header', reason: 'columns the mapping reads appear more than once: Status' },
    ]);
  });

  it(`refuses more than ${CSV_MAX_ROWS} rows`, () => {
    expect(problems({ ...body, rows: Array.from({ length: CSV_MAX_ROWS + 1 }, () => ['']) })).toEqual([
      { path: 'rows', reason: 'at most 5000 rows per request; send the export in batches' },
    ]);
  });

  it('refuses a bad mapping with the path into it', () => {
    expect(problems({ ...body, mapping: { ...jcc, timezone: 'Mars/Olympus' } })).toEqual([
      { path: 'mapping.timezone', reason: 'must be an IANA time zone such as Europe/Amsterdam' },
    ]);
  });
});
