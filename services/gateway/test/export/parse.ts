import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** An export read back: the header block as label → value, the table as records by column. */
export interface ParsedExport {
  about: Record<string, string>;
  rows: Record<string, string | number | boolean | null>[];
}

/** Reads an export's CSV: the header block, an empty line, the table. */
export function parseCsvExport(body: Buffer): ParsedExport {
  const lines: string[][] = parse(body, { bom: true, relax_column_count: true, skip_empty_lines: false });
  const blank = lines.findIndex((l) => l.length === 1 && l[0] === '');
  const about = Object.fromEntries(lines.slice(0, blank).map(([k, v]) => [k!, v ?? '']));
  const [header, ...table] = lines.slice(blank + 1).filter((l) => !(l.length === 1 && l[0] === ''));
  const rows = table.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
  return { about, rows };
}

/** Reads an export's XLSX: sheet "about" and sheet "history". */
export async function parseXlsxExport(body: Buffer): Promise<ParsedExport> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheetRows = (name: string) => {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const out: (string | number | boolean | null)[][] = [];
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      out.push(values.map((v) => (v === undefined ? null : (v as string | number | boolean | null))));
    });
    return out;
  };
  const about = Object.fromEntries(sheetRows('about').map(([k, v]) => [String(k), String(v ?? '')]));
  const [header, ...table] = sheetRows('history');
  const rows = table.map((cells) => Object.fromEntries(header!.map((h, i) => [String(h), cells[i] ?? null])));
  return { about, rows };
}
