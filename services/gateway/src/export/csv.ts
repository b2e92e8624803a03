import { stringify } from 'csv-stringify/sync';
import type { ExportDocument } from './document.js';

/**
 * The document as CSV (RFC 4180, UTF-8 with a byte-order mark so that Excel reads the accents): the
 * header block, an empty line, then the table. Numbers are written as JavaScript writes them (a
 * dot as decimal separator), empty cells for nulls.
 */
export function toCsv(doc: ExportDocument): Buffer {
  const options = {
    cast: { boolean: (b: boolean) => (b ? 'true' : 'false') },
    record_delimiter: 'windows',
  } as const;
  const about = stringify(doc.about, options);
  const table = stringify([doc.header, ...doc.rows], options);
  return Buffer.from(`\uFEFF${about}\r\n${table}`, 'utf8');
}
