export {
  CSV_MAX_COLUMNS,
  CSV_MAX_ROWS,
  type CsvImportBody,
  type CsvImportBodyInput,
  csvImportBody,
} from './body.js';
export {
  compileDateFormat,
  type DateFormat,
  type Instant,
  parseDateTime,
  wallClockInstants,
} from './local-time.js';
export {
  CSV_OUTCOMES,
  type CsvMapping,
  type CsvMappingInput,
  type CsvOutcome,
  checkHeader,
  csvMapping,
  type HeaderCheck,
  issuesToErrors,
  mappedColumns,
  parseCsvMapping,
} from './mapping.js';
export {
  CSV_ENCODINGS,
  type CsvEncoding,
  CsvFileError,
  decodeExport,
  type ExportRow,
  type ParsedExport,
  parseExport,
} from './read-export.js';
export { CsvHeaderError, type CsvRowsInput, translateCsvRows } from './translate.js';
