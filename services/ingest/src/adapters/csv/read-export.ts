import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/** Encodings the import command reads. latin1 is ISO-8859-1; windows-1252 adds €, ‘ ’ and friends. */
export const CSV_ENCODINGS = ['utf-8', 'latin1', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** The export file cannot be read as CSV at all (encoding, quoting): nothing is sent. */
export class CsvFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CsvFileError';
  }
}

/**
 * The text of an export. UTF-8 is checked strictly: a byte sequence that is not UTF-8 (as in
 * an export written in Windows-1252) is refused with its line number, never replaced by �.
 */
export function decodeExport(bytes: Uint8Array, encoding: CsvEncoding): string {
  if (encoding !== 'utf-8') return iconv.decode(Buffer.from(bytes), encoding);
  try {
    // TextDecoder drops a leading byte-order mark by itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidUtf8(bytes);
  }
}

// A line feed (0x0A) is never part of a multi-byte UTF-8 sequence, so lines can be checked one by one.
function invalidUtf8(bytes: Uint8Array): CsvFileError {
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    const bad = firstInvalidByte(bytes.subarray(start, end));
    if (bad !== undefined) {
      const byte = bytes[start + bad]!.toString(16).padStart(2, '0').toUpperCase();
      return new CsvFileError(
        `line ${line}: not valid UTF-8 (byte 0x${byte} at byte ${bad + 1} of the line); ` +
          'if the export is in another encoding, pass --encoding windows-1252 or latin1',
        line,
      );
    }
    start = end + 1;
  }
  return new CsvFileError('not valid UTF-8');
}

/** Index of the byte that starts the first invalid (or unfinished) UTF-8 sequence, if any. */
function firstInvalidByte(line: Uint8Array): number | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let sequenceStart = -1;
  let remaining = 0;
  for (let i = 0; i < line.length; i++) {
    const byte = line[i]!;
    try {
      decoder.decode(line.subarray(i, i + 1), { stream: true });
    } catch {
      // A sequence broken off by this byte is reported at its first byte.
      return sequenceStart >= 0 ? sequenceStart : i;
    }
    if (remaining > 0) {
      remaining--;
      if (remaining === 0) sequenceStart = -1;
    } else if (byte >= 0xc0) {
      sequenceStart = i;
      remaining = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : 1;
    }
  }
  try {
    decoder.decode();
  } catch {
    return sequenceStart;
  }
  return undefined;
}

export interface ExportRow {
  cells: string[];
  /** Line of the file the row starts on (1 = the header's first line). */
  line: number;
}

export interface ParsedExport {
  header: string[];
  headerLine: number;
  rows: ExportRow[];
}

/**
 * Splits an export's text into the header and data rows with csv-parse (quotes per RFC 4180,
 * blank lines skipped). Rows keep their number of cells, so a row with too few or too many is
 * rejected on its own later, not here.
 */
export function parseExport(text: string, delimiter: string): ParsedExport {
  // CRLF and LF alike; csv-parse counts lines reliably on LF.
  const normalised = text.replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(normalised, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new CsvFileError(`not readable as CSV: ${e.message}`, e.lines);
  }
  const rows = records.map(({ record, info }) => ({
    cells: record,
    line: info.lines - record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0),
  }));
  const first = rows.shift();
  if (!first) throw new CsvFileError('the file is empty: no header row');
  return { header: first.cells.map((h) => h.trim()), headerLine: first.line, rows };
}
