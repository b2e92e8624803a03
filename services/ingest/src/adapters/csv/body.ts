import { z } from 'zod';
import { checkHeader, csvMapping } from './mapping.js';

/** At most this many rows per request; the import command sends larger exports in batches. */
export const CSV_MAX_ROWS = 5000;
export const CSV_MAX_COLUMNS = 500;
const CELL_LIMIT = 10_000;

/**
 * Body of `POST /v1/sources/csv`: rows of a CSV export with the mapping that reads them.
 * Parsing it checks the mapping, the limits and that the header has every mapped column
 * (path `header`); rows with the wrong number of cells are left to translateCsvRows, which
 * rejects them one by one.
 */
export const csvImportBody = z
  .strictObject({
    format: z.string().min(1).max(64).describe('Export format; must equal mapping.format.'),
    mapping: csvMapping,
    header: z
      .array(z.string().max(500))
      .min(1)
      .max(CSV_MAX_COLUMNS, { error: `at most ${CSV_MAX_COLUMNS} columns` }),
    rows: z
      .array(
        z
          .array(z.string().max(CELL_LIMIT, { error: `a cell holds at most ${CELL_LIMIT} characters` }))
          .max(CSV_MAX_COLUMNS, { error: `at most ${CSV_MAX_COLUMNS} cells in a row` }),
      )
      .max(CSV_MAX_ROWS, { error: `at most ${CSV_MAX_ROWS} rows per request; send the export in batches` }),
    first_row: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe(
        'Data row number of rows[0] in the export (0 = first row after the header), for reject paths.',
      ),
  })
  .superRefine((body, ctx) => {
    if (body.format !== body.mapping.format) {
      ctx.addIssue({
        code: 'custom',
        path: ['format'],
        message: `'${body.format}' does not match mapping.format '${body.mapping.format}'`,
        input: body.format,
      });
    }
    const { missing, duplicate } = checkHeader(body.header, body.mapping);
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['header'],
        message: `missing columns the mapping reads: ${missing.join(', ')}`,
        input: body.header,
      });
    }
    if (duplicate.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['header'],
        message: `columns the mapping reads appear more than once: ${duplicate.join(', ')}`,
        input: body.header,
      });
    }
  });

export type CsvImportBody = z.output<typeof csvImportBody>;
export type CsvImportBodyInput = z.input<typeof csvImportBody>;
