import type { Principal } from '../auth/principal.js';
import { type Dimension, type Grouping, type HistoryRead, MAX_STATEMENT_ROWS } from '../tables/statement.js';
import { isLocalMidnight, isWholeHour, nextDay, startOfLocalDay } from './amsterdam.js';
import { HistoryQueryError } from './errors.js';
import { type Answer, type Kpi, kpiOf } from './kpis.js';
import { FILTER_FIELDS, type HistoryQuery } from './query.js';

/** How a question is answered: the KPI, the measure set chosen, the statement's parameters. */
export interface Plan {
  kpi: Kpi;
  answer: Answer;
  read: HistoryRead;
  norm: number | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The instant a `from` or `to` stands for: a date's local midnight (for `to`, the next one). */
function instantOf(field: 'from' | 'to', value: string): Date {
  if (DATE.test(value)) {
    const year = Number(value.slice(0, 4));
    if (year < FIRST_YEAR || year > LAST_YEAR)
      throw new HistoryQueryError(field, `must lie in the years ${FIRST_YEAR} to ${LAST_YEAR}`);
    return startOfLocalDay(field === 'to' ? nextDay(value) : value);
  }
  return new Date(value);
}

/** The filters of the query, by dimension. */
function filtersOf(query: HistoryQuery): Partial<Record<Dimension, string>> {
  const out: Partial<Record<Dimension, string>> = {};
  for (const field of FILTER_FIELDS) {
    const value = query[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** Why an answer cannot take the question (the field and reason), or null when it can. */
function misfit(
  answer: Answer,
  kpiName: string,
  query: HistoryQuery,
  groups: readonly Grouping[],
): HistoryQueryError | null {
  const { dimensions, hours } = answer.capabilities;
  if (query.granularity === 'hour' && !hours)
    return new HistoryQueryError('granularity', `${kpiName} is kept per day, not per hour`);
  for (const field of FILTER_FIELDS) {
    if (query[field] !== undefined && !dimensions.includes(field))
      return new HistoryQueryError(
        field,
        `${kpiName} cannot be filtered by ${field}; it can by ${dimensions.join(', ') || 'nothing'}`,
      );
  }
  for (const g of groups) {
    const supported = g === 'weekday' || (g === 'hour_of_day' ? hours : dimensions.includes(g as Dimension));
    if (!supported)
      return new HistoryQueryError(
        'group_by',
        `${kpiName} cannot be grouped by ${g}; it can by ${[...dimensions, ...(hours ? ['hour_of_day'] : []), 'weekday'].join(', ')}`,
      );
  }
  return null;
}

/**
 * Turns a validated query into a plan for the caller, or throws a HistoryQueryError naming the
 * field. The tenant is the principal's; locations and teams are narrowed to the principal's.
 */
export function planHistory(query: HistoryQuery, principal: Principal): Plan {
  const kpi = kpiOf(query.kpi);
  const groups = (query.group_by?.split(',') ?? []) as Grouping[];
  if (new Set(groups).size !== groups.length)
    throw new HistoryQueryError('group_by', 'names a grouping twice');

  const problems = kpi.answers.map((a) => misfit(a, query.kpi, query, groups));
  const chosen = kpi.answers.findIndex((_, i) => problems[i] === null);
  if (chosen < 0) throw problems[0]!;
  const answer = kpi.answers[chosen]!;

  const from = instantOf('from', query.from);
  const to = instantOf('to', query.to);
  if (to.getTime() <= from.getTime()) throw new HistoryQueryError('to', 'must be after from');
  const hourly = query.granularity === 'hour' || groups.includes('hour_of_day');
  for (const [field, at] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (hourly && !isWholeHour(at)) throw new HistoryQueryError(field, 'must be on a whole hour');
    if (!hourly && !isLocalMidnight(at))
      throw new HistoryQueryError(
        field,
        `${query.kpi} is read per day here: give a date or a local midnight (or ask for granularity hour)`,
      );
  }

  let norm: number | undefined;
  if (query.norm !== undefined) {
    if (!kpi.norm) throw new HistoryQueryError('norm', `${query.kpi} is not a share within a norm`);
    norm = Number(query.norm);
    if (!(norm > 0) || norm > kpi.norm.max)
      throw new HistoryQueryError('norm', `must be above 0 and at most ${kpi.norm.max} ${kpi.norm.unit}`);
  }

  const filters = filtersOf(query);
  const scopes: Partial<Record<Dimension, string[]>> = {};
  for (const [dimension, allowed] of [
    ['location', principal.locations],
    ['team', principal.teams],
  ] as const) {
    if (allowed === null) continue;
    if (!answer.capabilities.dimensions.includes(dimension))
      throw new HistoryQueryError(
        dimension,
        `your access is limited to some ${dimension}s, and ${query.kpi} cannot be narrowed to them`,
        403,
      );
    const asked = filters[dimension];
    if (asked !== undefined && !allowed.includes(asked))
      throw new HistoryQueryError(dimension, `not one of the ${dimension}s you may see`, 403);
    scopes[dimension] = [...allowed];
  }

  return {
    kpi,
    answer,
    norm,
    read: {
      tenant: principal.tenant,
      granularity: query.granularity,
      from,
      to,
      filters,
      scopes,
      groupBy: groups,
      limit: MAX_STATEMENT_ROWS,
    },
  };
}
