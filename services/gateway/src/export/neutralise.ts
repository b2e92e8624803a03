/**
 * Spreadsheet formula injection: a cell whose text starts with =, +, - or @ (or a tab or carriage
 * return, which some spreadsheets skip before reading such a sign) is read as a formula by Excel
 * and LibreOffice. Such text gets a leading apostrophe, so it is shown as text. Numbers stay
 * numbers (a negative number is a number, not text).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type Cell = string | number | boolean | null;

export const neutraliseCell = (cell: Cell): Cell => (typeof cell === 'string' ? neutralise(cell) : cell);
