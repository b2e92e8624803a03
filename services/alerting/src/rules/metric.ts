import { type KpiDomain, type KpiSnapshot, kpiSnapshot } from '@stuurwiel/schemas';
import { z } from 'zod';
import type { Observation } from '../model.js';

/**
 * Metric paths of a threshold rule (`now.<field>`, `windows.<window>.<field>[.<stat>]`), checked
 * against the domain's own zod snapshot schema, so that a new field or window (such as
 * `half_hour`) is usable the moment the schema has it, and a misspelt one is refused by name.
 */

const DOMAIN_SCHEMAS = new Map<string, z.ZodType>(
  kpiSnapshot.options.map((option) => [option.shape.domain.value, option]),
);

const unwrap = (schema: z.ZodType): z.ZodType =>
  schema instanceof z.ZodNullable || schema instanceof z.ZodOptional
    ? unwrap(schema.unwrap() as z.ZodType)
    : schema;

export type MetricCheck = { ok: true; integer: boolean; stats: boolean } | { ok: false; reason: string };

/** Whether `path` names a number of the domain's snapshot; if not, why, naming the part that fails. */
export function checkMetricPath(domain: KpiDomain, path: string): MetricCheck {
  let schema = DOMAIN_SCHEMAS.get(domain);
  if (schema === undefined) return { ok: false, reason: `unknown domain ${domain}` };
  const parts = path.split('.');
  let parent: z.ZodType | undefined;
  for (let i = 0; i < parts.length; i++) {
    const node = unwrap(schema);
    if (!(node instanceof z.ZodObject)) {
      return { ok: false, reason: `${parts.slice(0, i).join('.')} of a ${domain} snapshot has no fields` };
    }
    const next = (node.shape as Record<string, z.ZodType>)[parts[i] as string];
    if (next === undefined) {
      const known = Object.keys(node.shape).join(', ');
      return {
        ok: false,
        reason: `${parts.slice(0, i + 1).join('.')} does not exist in a ${domain} snapshot (${parts.slice(0, i).join('.') || 'it'} has ${known || 'nothing'})`,
      };
    }
    parent = node;
    schema = next;
  }
  const leaf = unwrap(schema);
  if (!(leaf instanceof z.ZodNumber))
    return { ok: false, reason: `${path} of a ${domain} snapshot is not a number` };
  // A field of duration statistics (count, mean, median, p90) has its own count beside it.
  const stats = parent instanceof z.ZodObject && 'p90' in parent.shape && 'count' in parent.shape;
  return { ok: true, integer: leaf.format === 'safeint' || leaf.isInt === true, stats };
}

/** The number at `path` of a snapshot; null when the snapshot has no value there. */
export function readMetric(snapshot: KpiSnapshot, path: string): number | null {
  let node: unknown = snapshot;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' && Number.isFinite(node) ? node : null;
}

/**
 * The count beside a metric, for min_count: a duration statistic's own `count`; for other window
 * figures the items the window is about (counter: visitors called, phone: calls offered to a queue,
 * cases: closed, written: answered, survey: responses); for `now` figures the open items (counter:
 * waiting, phone: calls waiting, cases and written: open, sources: events in 15 minutes).
 */
export function countPathBeside(domain: KpiDomain, path: string, stats: boolean): string | null {
  const parts = path.split('.');
  if (stats) return [...parts.slice(0, -1), 'count'].join('.');
  const field = parts[0] === 'now' ? NOW_COUNT[domain] : WINDOW_COUNT[domain];
  if (field === null) return null;
  return parts[0] === 'now' ? `now.${field}` : `${parts[0]}.${parts[1]}.${field}`;
}

const WINDOW_COUNT: Record<KpiDomain, string | null> = {
  counter: 'called',
  phone: 'queued',
  cases: 'closed',
  written: 'answered',
  survey: 'responses',
  sources: null,
};

const NOW_COUNT: Record<KpiDomain, string | null> = {
  counter: 'waiting',
  phone: 'calls_waiting',
  cases: 'open',
  written: 'open',
  survey: null,
  sources: 'events_15m',
};

/** The unit of a metric, from its name and schema: seconds, share, count, or none said. */
export function metricUnit(path: string, check: { integer: boolean; stats: boolean }): Observation['unit'] {
  const field = path.split('.').at(-1) ?? '';
  if (path.includes('lead_time_days') || field.includes('per_hour') || field === 'mean_score') return null;
  if (field.endsWith('_seconds') || (check.stats && field !== 'count')) return 'seconds';
  if (check.integer) return 'count';
  if (/service_level|_rate$|_share$/.test(field)) return 'share';
  return null;
}
