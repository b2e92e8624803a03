export { HistoryQueryError } from './errors.js';
export { KPI_NAMES, KPIS, type KpiName } from './kpis.js';
export { type ExportQuery, exportQuery, type HistoryQuery, historyQuery } from './query.js';
export { answerHistory, type HistoryResult, historyResult } from './result.js';
export { type HistoryRoutesOptions, historyRoutes } from './routes.js';
