import { entityId, parseMessages, type ValidationError } from '@stuurwiel/schemas';
import { z } from 'zod';
import { compileDateFormat, isTimeZone } from './local-time.js';

/**
 * A column mapping: which column of a vendor's CSV export holds what. See
 * services/ingest/mappings/README.md for the fields and the shipped mappings.
 */

/** What a row's outcome cell may mean. A transfer ends the row with visit.transferred. */
export const CSV_OUTCOMES = [
  'served',
  'no_show',
  'removed',
  'left',
  'transfer_to_queue',
  'transfer_to_desk',
  'transfer_to_staff',
] as const;
export type CsvOutcome = (typeof CSV_OUTCOMES)[number];

const columnName = z.string().trim().min(1, { error: 'must name a column' }).max(200);

/** An id taken from a column (its name), or the same for every row: `{ "value": "..." }`. */
const columnOrValue = z.union([columnName, z.strictObject({ value: entityId })], {
  error: 'must be a column name, or {"value": "..."} for a fixed id',
});

export const csvMappingColumns = z.strictObject({
  visit_id: columnName.describe('The visit (ticket) id; with transaction_id it identifies the row.'),
  transaction_id: columnName
    .optional()
    .describe('Exports with one row per visit transaction: the transaction id.'),
  ticket: columnName.optional(),
  location: columnOrValue,
  queue: columnOrValue,
  desk: columnOrValue.optional(),
  staff: columnName.optional().describe('Staff member; only its keyed hash leaves the adapter.'),
  products: columnName.optional(),
  arrival: columnName.describe('Arrival (ticket) time, or the transaction create time.'),
  called: columnName.optional(),
  finished: columnName.optional(),
  outcome: columnName.optional(),
  transfer_to: columnName.optional().describe('Target queue, desk or staff member of a transfer.'),
  appointment_id: columnName.optional(),
  appointment_start: columnName.optional(),
});

export const csvMapping = z
  .strictObject({
    format: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'must be 1-64 lower-case letters, digits or -' })
      .describe('Name of the export format, e.g. jcc; the import command checks it against --format.'),
    vendor: z.string().trim().min(1).max(64).describe('source.vendor of the events, e.g. qmatic or jcc.'),
    description: z.string().max(4000).optional(),
    delimiter: z.string().length(1, { error: 'must be one character' }).optional(),
    date_format: z
      .string()
      .min(1)
      .max(64)
      .describe('"iso" (with offset), or a pattern of yyyy, MM/M, dd/d, HH/H, mm, ss, SSS.'),
    timezone: z
      .string()
      .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Amsterdam' })
      .optional(),
    columns: csvMappingColumns,
    first_transaction: z
      .strictObject({ column: columnName, values: z.array(z.string().trim()).min(1) })
      .optional()
      .describe('One row per visit transaction: rows whose column holds one of values start the visit.'),
    products_separator: z.string().min(1).max(5).default(','),
    outcomes: z.record(z.string().trim().min(1), z.enum(CSV_OUTCOMES)).default({}),
    default_outcome: z.enum(CSV_OUTCOMES).optional(),
  })
  .superRefine((m, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message, input: m });
    const format = compileDateFormat(m.date_format);
    if (typeof format === 'string') problem(['date_format'], format);
    if (m.date_format !== 'iso' && m.timezone === undefined) {
      problem(['timezone'], 'required when date_format is not iso: the export has local times');
    }
    const c = m.columns;
    if (c.called !== undefined && c.desk === undefined) {
      problem(['columns', 'desk'], 'required when columns.called is mapped: a call is to a desk');
    }
    if (c.outcome !== undefined && c.finished === undefined) {
      problem(['columns', 'finished'], 'required when columns.outcome is mapped: an outcome ends the visit');
    }
    if (c.appointment_id !== undefined && c.appointment_start === undefined) {
      problem(['columns', 'appointment_start'], 'required when columns.appointment_id is mapped');
    }
    const outcomes = [...Object.values(m.outcomes), ...(m.default_outcome ? [m.default_outcome] : [])];
    if (c.transfer_to === undefined && outcomes.some((o) => o.startsWith('transfer_'))) {
      problem(['columns', 'transfer_to'], 'required when an outcome is a transfer');
    }
    if (c.finished !== undefined && c.outcome === undefined && m.default_outcome === undefined) {
      problem(['default_outcome'], 'required when columns.finished is mapped but columns.outcome is not');
    }
    const seen = new Map<string, string>();
    for (const [value] of Object.entries(m.outcomes)) {
      const key = value.toLowerCase();
      if (seen.has(key))
        problem(['outcomes', value], `the same value as '${seen.get(key)}' (case is ignored)`);
      seen.set(key, value);
    }
  });

export type CsvMapping = z.output<typeof csvMapping>;
export type CsvMappingInput = z.input<typeof csvMapping>;

/** Every column the mapping reads, once each, in mapping order. */
export function mappedColumns(mapping: CsvMapping): string[] {
  const names: string[] = [];
  for (const spec of Object.values(mapping.columns)) {
    if (typeof spec === 'string') names.push(spec);
  }
  if (mapping.first_transaction) names.push(mapping.first_transaction.column);
  return [...new Set(names)];
}

export interface HeaderCheck {
  /** Columns the mapping names that the header lacks. */
  missing: string[];
  /** Header columns the mapping does not read (fine, reported). */
  extra: string[];
  /** Columns the mapping reads that the header has more than once (ambiguous). */
  duplicate: string[];
}

/** Compares an export's header (cells trimmed) with what the mapping reads. */
export function checkHeader(header: readonly string[], mapping: CsvMapping): HeaderCheck {
  const names = header.map((h) => h.trim());
  const wanted = mappedColumns(mapping);
  const count = (name: string) => names.filter((n) => n === name).length;
  return {
    missing: wanted.filter((w) => count(w) === 0),
    extra: [...new Set(names.filter((n) => !wanted.includes(n)))],
    duplicate: wanted.filter((w) => count(w) > 1),
  };
}

/** zod issues as `{ path, reason }`, one per unknown key, so that every problem names its field. */
export function issuesToErrors(error: z.ZodError): ValidationError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, reason: 'unknown field' }));
    }
    return [{ path, reason: issue.message }];
  });
}

/** Validates a mapping (e.g. a parsed mapping file); every error names its field. */
export function parseCsvMapping(
  input: unknown,
): { ok: true; mapping: CsvMapping } | { ok: false; errors: ValidationError[] } {
  const result = csvMapping.safeParse(input, { error: parseMessages });
  return result.success
    ? { ok: true, mapping: result.data }
    : { ok: false, errors: issuesToErrors(result.error) };
}
