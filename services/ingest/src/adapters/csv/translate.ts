import { type CanonicalEventInput, deriveEventId, type ValidationError } from '@stuurwiel/schemas';
import { type AdapterContext, ignoredRecord, rejected, type TranslatedRecord } from '../types.js';
import { compileDateFormat, type DateFormat, type Instant, parseDateTime } from './local-time.js';
import { type CsvMapping, type CsvOutcome, checkHeader, mappedColumns } from './mapping.js';

export interface CsvRowsInput {
  /** The export's header row. */
  header: readonly string[];
  /** Data rows, as parsed; rows[0] is data row `first_row`. */
  rows: readonly (readonly string[])[];
  mapping: CsvMapping;
  /**
   * Data row number of rows[0] in the whole export (0 = the first row after the header), so
   * that a batch's reject paths name rows of the file. Default 0.
   */
  first_row?: number;
}

/** The header lacks columns the mapping reads, or has one twice: the whole input is unusable. */
export class CsvHeaderError extends Error {
  constructor(
    message: string,
    readonly missing: string[],
    readonly duplicate: string[],
  ) {
    super(message);
    this.name = 'CsvHeaderError';
  }
}

type Field = keyof CsvMapping['columns'];

const FIELD_ORDER = [
  'visit_id',
  'transaction_id',
  'ticket',
  'location',
  'queue',
  'desk',
  'staff',
  'products',
  'arrival',
  'called',
  'finished',
  'outcome',
  'transfer_to',
  'appointment_id',
  'appointment_start',
] as const satisfies readonly Field[];

const TRANSFER_KIND = {
  transfer_to_queue: 'queue',
  transfer_to_desk: 'desk',
  transfer_to_staff: 'staff',
} as const;

const isTransfer = (o: CsvOutcome): o is keyof typeof TRANSFER_KIND => o in TRANSFER_KIND;

/**
 * Translates the rows of a queue-management CSV export into canonical visit events with a
 * column mapping. One record per data row (index = position in `rows`); reject paths are
 * `row.<n>.<mapping field>` with n the data row number in the export (0 = first row after the
 * header), e.g. `row.12.arrival`, and `row.<n>` for a row with the wrong number of columns.
 *
 * A row becomes visit.arrived (unless it is a later transaction of the visit), visit.called
 * when it has a call time, and visit.finished, or visit.transferred when its outcome is a
 * transfer. Local times in the repeated autumn hour take the reading that keeps arrival ≤ call
 * ≤ end. Throws CsvHeaderError when the header lacks a mapped column (check with checkHeader,
 * or parse the request with csvImportBody, first).
 */
export function translateCsvRows(input: CsvRowsInput, ctx: AdapterContext): TranslatedRecord[] {
  const { header, rows, mapping } = input;
  const check = checkHeader(header, mapping);
  if (check.missing.length > 0 || check.duplicate.length > 0) {
    const problems = [
      ...(check.missing.length > 0 ? [`missing columns: ${check.missing.join(', ')}`] : []),
      ...(check.duplicate.length > 0 ? [`columns more than once: ${check.duplicate.join(', ')}`] : []),
    ];
    throw new CsvHeaderError(
      `header does not fit the mapping: ${problems.join('; ')}`,
      check.missing,
      check.duplicate,
    );
  }
  const format = compileDateFormat(mapping.date_format);
  if (typeof format === 'string') throw new RangeError(`mapping.date_format ${format}`);
  const reader = new RowReader(header, mapping, format, ctx);
  const first = input.first_row ?? 0;
  return rows.map((row, index) => reader.translate(row, index, first + index));
}

class RowReader {
  private readonly columnIndex = new Map<string, number>();
  private readonly outcomes = new Map<string, CsvOutcome>();

  constructor(
    private readonly header: readonly string[],
    private readonly mapping: CsvMapping,
    private readonly format: DateFormat,
    private readonly ctx: AdapterContext,
  ) {
    header.forEach((name, i) => {
      this.columnIndex.set(name.trim(), i);
    });
    for (const [value, outcome] of Object.entries(mapping.outcomes))
      this.outcomes.set(value.toLowerCase(), outcome);
  }

  translate(row: readonly string[], index: number, n: number): TranslatedRecord {
    const at = `row.${n}`;
    if (row.length !== this.header.length) {
      return rejected(
        index,
        this.original(row, n, undefined),
        at,
        `expected ${this.header.length} columns, got ${row.length}`,
      );
    }
    if (row.every((cell) => cell.trim() === ''))
      return ignoredRecord(index, this.original(row, n, undefined), 'empty row');

    const m = this.mapping;
    const c = m.columns;
    const errors: ValidationError[] = [];
    const fail = (field: string, reason: string) => {
      errors.push({ path: `${at}.${field}`, reason });
    };
    const cell = (column: string | undefined): string | undefined => {
      if (column === undefined) return undefined;
      const value = row[this.columnIndex.get(column)!]!.trim();
      return value === '' ? undefined : value;
    };
    const describe = (field: Field) => {
      const spec = c[field];
      return typeof spec === 'string' ? `column '${spec}'` : 'the mapping';
    };
    /** An id cell (or the mapping's fixed value); undefined and an error when required and empty. */
    const id = (field: Field, required: boolean, max = 128): string | undefined => {
      const spec = c[field];
      const value = typeof spec === 'object' ? spec.value : cell(spec);
      if (value === undefined) {
        if (required) fail(field, `required: ${describe(field)} is empty`);
        return undefined;
      }
      if (value.length > max) {
        fail(field, `${describe(field)} holds more than ${max} characters`);
        return undefined;
      }
      return value;
    };
    const time = (field: 'arrival' | 'called' | 'finished' | 'appointment_start'): Instant[] | undefined => {
      const text = cell(c[field]);
      if (text === undefined) return undefined;
      const parsed = parseDateTime(text, this.format, m.timezone);
      if (!parsed.ok) {
        fail(field, `${describe(field)}: ${parsed.reason}`);
        return undefined;
      }
      return parsed.candidates;
    };

    // Outcome first: it decides whether the transfer target is a person.
    const rawOutcome = cell(c.outcome);
    let outcome: CsvOutcome | undefined;
    if (rawOutcome !== undefined) {
      outcome = this.outcomes.get(rawOutcome.toLowerCase());
      if (outcome === undefined) {
        const known = Object.keys(m.outcomes);
        fail(
          'outcome',
          `${describe('outcome')}: '${rawOutcome}' is not one of the mapping's outcomes${known.length > 0 ? ` (${known.join(', ')})` : ''}`,
        );
      }
    }
    const original = this.original(row, n, outcome);

    const visitId = id('visit_id', true);
    const transactionId = c.transaction_id === undefined ? undefined : id('transaction_id', true);
    const location = id('location', true);
    const queue = id('queue', true);
    const desk = c.desk === undefined ? undefined : id('desk', false);
    const ticket = id('ticket', false, 32);
    const startsVisit =
      m.first_transaction === undefined ||
      m.first_transaction.values.includes(cell(m.first_transaction.column) ?? '');

    const arrivalTimes = time('arrival');
    if (arrivalTimes === undefined && startsVisit && cell(c.arrival) === undefined) {
      fail('arrival', `required: ${describe('arrival')} is empty`);
    }
    const calledTimes = time('called');
    const finishedTimes = time('finished');
    const appointmentTimes = time('appointment_start');
    const appointmentId = id('appointment_id', false);
    if (
      appointmentId !== undefined &&
      appointmentTimes === undefined &&
      cell(c.appointment_start) === undefined
    ) {
      fail(
        'appointment_start',
        `required when the row has an appointment id: ${describe('appointment_start')} is empty`,
      );
    }

    // The earliest reading of each time that is not before the one before it.
    const arrival = arrivalTimes?.[0];
    const pick = (
      field: 'called' | 'finished',
      candidates: Instant[] | undefined,
      after: Instant | undefined,
    ) => {
      if (candidates === undefined) return undefined;
      const chosen = after === undefined ? candidates[0] : candidates.find((t) => t.epochMs >= after.epochMs);
      if (chosen === undefined)
        fail(field, `${describe(field)}: ${candidates[0]!.iso} lies before ${after!.iso}`);
      return chosen;
    };
    const called = pick('called', calledTimes, arrival);
    const finished = pick('finished', finishedTimes, called ?? arrival);
    const appointmentStart = appointmentTimes?.[0];

    if (calledTimes !== undefined && desk === undefined && c.desk !== undefined) {
      fail('desk', `required when the row has a call time: ${describe('desk')} is empty`);
    }
    if (finishedTimes !== undefined && outcome === undefined && rawOutcome === undefined) {
      outcome = m.default_outcome;
      if (outcome === undefined)
        fail('outcome', `required when the row has an end time: ${describe('outcome')} is empty`);
    }
    if (rawOutcome !== undefined && finishedTimes === undefined && cell(c.finished) === undefined) {
      fail('finished', `required when the row has an outcome: ${describe('finished')} is empty`);
    }
    let transferTarget: string | undefined;
    if (outcome !== undefined && isTransfer(outcome)) {
      transferTarget = id('transfer_to', true);
    }
    const products: string[] = [];
    for (const product of (cell(c.products) ?? '').split(m.products_separator)) {
      const p = product.trim();
      if (p === '') continue;
      if (p.length > 128)
        fail('products', `${describe('products')}: a product id longer than 128 characters`);
      else products.push(p);
    }
    if (errors.length > 0) {
      // In the order of the mapping's fields, whatever order they were checked in.
      const rank = (e: ValidationError) => FIELD_ORDER.indexOf(e.path.slice(at.length + 1) as Field);
      return { index, original, events: [], errors: errors.sort((a, b) => rank(a) - rank(b)) };
    }

    const staff = cell(c.staff);
    const envelope = (kind: string, at: Instant) => ({
      spec_version: 1 as const,
      event_id: deriveEventId(
        this.ctx.tenant,
        m.vendor,
        'visit',
        visitId!,
        ...(transactionId === undefined ? [] : [transactionId]),
        kind,
      ),
      tenant: this.ctx.tenant,
      source: { system: 'queue_management' as const, vendor: m.vendor },
      occurred_at: at.iso,
    });
    const visit_id = visitId!;
    const location_id = location!;
    const queue_id = queue!;
    const events: CanonicalEventInput[] = [];
    if (startsVisit && arrival !== undefined) {
      const appointment = appointmentId !== undefined || appointmentStart !== undefined;
      events.push({
        ...envelope('arrived', arrival),
        type: 'visit.arrived',
        payload: {
          visit_id,
          location_id,
          queue_id,
          kind: appointment ? 'appointment' : 'walk_in',
          ...(appointmentId === undefined ? {} : { appointment_id: appointmentId }),
          ...(appointmentStart === undefined ? {} : { appointment_start: appointmentStart.iso }),
          products,
          ...(ticket === undefined ? {} : { ticket }),
        },
      });
    }
    if (called !== undefined) {
      events.push({
        ...envelope('called', called),
        type: 'visit.called',
        payload: {
          visit_id,
          location_id,
          queue_id,
          desk_id: desk!,
          ...(staff === undefined ? {} : { staff_key: this.ctx.pseudonymise(staff) }),
          recall: false,
        },
      });
    }
    if (finished !== undefined && outcome !== undefined) {
      if (isTransfer(outcome)) {
        const kind = TRANSFER_KIND[outcome];
        events.push({
          ...envelope('transferred', finished),
          type: 'visit.transferred',
          payload: {
            visit_id,
            location_id,
            from_queue_id: queue_id,
            to: { kind, id: kind === 'staff' ? this.ctx.pseudonymise(transferTarget!) : transferTarget! },
          },
        });
      } else {
        events.push({
          ...envelope('finished', finished),
          type: 'visit.finished',
          payload: {
            visit_id,
            location_id,
            queue_id,
            ...(desk === undefined ? {} : { desk_id: desk }),
            outcome,
            products,
          },
        });
      }
    }
    return { index, original, events, errors: [] };
  }

  /**
   * What the dead-letter topic keeps of a row: its number and the cells of the columns the
   * mapping reads (other columns may hold anything: names, phone numbers, remarks), with the
   * staff member (and a transfer to a staff member) as keyed hashes. A row with the wrong
   * number of cells cannot be read by column, so only its number of cells is kept.
   */
  private original(row: readonly string[], n: number, outcome: CsvOutcome | undefined): unknown {
    const personal = new Set<number>();
    const staffColumn = this.mapping.columns.staff;
    if (staffColumn !== undefined) personal.add(this.columnIndex.get(staffColumn)!);
    const transferColumn = this.mapping.columns.transfer_to;
    if (transferColumn !== undefined && (outcome === undefined || outcome === 'transfer_to_staff')) {
      personal.add(this.columnIndex.get(transferColumn)!);
    }
    const cells = row.map((value, i) =>
      personal.has(i) && value.trim() !== '' ? this.ctx.pseudonymise(value.trim()) : value,
    );
    if (row.length !== this.header.length) return { row: n, cell_count: row.length };
    return {
      row: n,
      cells: Object.fromEntries(
        mappedColumns(this.mapping).map((name) => [name, cells[this.columnIndex.get(name)!]]),
      ),
    };
  }
}
