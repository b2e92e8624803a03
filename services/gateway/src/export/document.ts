import type { HistoryResult } from '../history/result.js';
import { type Cell, neutraliseCell } from './neutralise.js';

/**
 * A history result as an exported document: a header block that says what the figures are (KPI,
 * unit, definition, period, time zone, tables, the query) and the table of rows. CSV writes both
 * in one sheet (the block, an empty line, the table); XLSX writes the table on one sheet and the
 * block on a second. Every text cell is neutralised against formula injection.
 */
export interface ExportDocument {
  /** [label, value] lines describing the result. */
  about: Cell[][];
  header: string[];
  rows: Cell[][];
}

export function exportDocument(result: HistoryResult, exportedAt: Date): ExportDocument {
  const groups = result.query.group_by?.split(',') ?? [];
  const query = Object.entries(result.query).filter(([, v]) => v !== undefined);
  const about: Cell[][] = [
    ['municipality', result.tenant],
    ['kpi', result.kpi.name],
    ['unit', result.kpi.unit],
    ['definition', result.kpi.definition],
    ...(result.kpi.norm
      ? [
          ['norm unit', result.kpi.norm.unit],
          ['norm in force', result.kpi.norm.in_force],
        ]
      : []),
    ['period from', result.period.from],
    ['period to (exclusive)', result.period.to],
    ['time zone', result.period.time_zone],
    ['tables', result.tables.join(', ')],
    ...query.map(([k, v]) => [`query ${k}`, String(v)]),
    ['exported at', exportedAt.toISOString()],
  ];
  const header = ['bucket', ...groups, 'value', 'unit', 'basis', 'norm', 'low', 'high', 'exact'];
  const rows = result.rows.map((r) => [
    r.bucket,
    ...groups.map((g) => r.group[g as keyof typeof r.group] ?? null),
    r.value,
    r.unit,
    r.basis,
    r.norm ?? null,
    r.estimate?.low ?? null,
    r.estimate?.high ?? null,
    r.estimate === undefined ? null : r.estimate.exact,
  ]);
  return {
    about: about.map((line) => line.map(neutraliseCell)),
    header: header.map((h) => neutraliseCell(h) as string),
    rows: rows.map((line) => line.map(neutraliseCell)),
  };
}
