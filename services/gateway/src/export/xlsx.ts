import ExcelJS from 'exceljs';
import type { ExportDocument } from './document.js';

/** The document as an XLSX workbook: sheet "history" with the table, sheet "about" with the header block. */
export async function toXlsx(doc: ExportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'stuurwiel';
  const table = workbook.addWorksheet('history');
  table.addRow(doc.header).font = { bold: true };
  for (const row of doc.rows) table.addRow(row);
  table.views = [{ state: 'frozen', ySplit: 1 }];
  const about = workbook.addWorksheet('about');
  for (const line of doc.about) about.addRow(line);
  about.getColumn(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
