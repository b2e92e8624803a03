import { readFile } from 'node:fs/promises';
import { type AlertMessage, labelMatcher, tenantCode } from '@stuurwiel/schemas';
import { z } from 'zod';
import type { Labels } from '../model.js';
import { matchesAll } from '../notify/matchers.js';

/**
 * Where the alerts of a municipality (and optionally of some teams) are sent, and how they are
 * grouped and timed, as Alertmanager's routes: the first route whose tenant and matchers fit an
 * alert takes it. Durations are seconds, or text such as "30s", "5m", "4h", "1h30m".
 */

const durationText = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

const duration = (what: string) =>
  z
    .union([
      z.number().positive(),
      z
        .string()
        .regex(durationText, { error: 'must be seconds or a duration such as 30s, 5m, 4h or 1h30m' })
        .refine((text) => text !== '', { error: 'must not be empty' }),
    ])
    .transform((value) => (typeof value === 'number' ? value : seconds(value)))
    .pipe(
      z
        .number()
        .positive('must be longer than 0 seconds')
        .max(7 * 24 * 3600, 'must be at most 7 days'),
    )
    .describe(what);

function seconds(text: string): number {
  const [, h, m, s] = durationText.exec(text) ?? [];
  return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

const receiverName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, { error: 'must be a receiver name such as team-webhook' });
const labelName = z.string().regex(/^[a-z_][a-z0-9_]*$/, { error: 'must be a label name such as team' });

export const DEFAULT_TIMING = { group_wait: 30, group_interval: 5 * 60, repeat_interval: 4 * 3600 } as const;

export const route = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, { error: 'must be a name such as gm0363-burgerzaken' })
      .describe('Stable name: it is part of the group keys the notification log remembers.'),
    tenant: tenantCode,
    matchers: z
      .array(labelMatcher)
      .max(20)
      .default([])
      .describe('All must match too, e.g. team=burgerzaken; none: every alert of the tenant.'),
    receivers: z.array(receiverName).min(1).describe('Every notification of the route goes to each.'),
    group_by: z
      .array(labelName)
      .min(1)
      .default(['tenant', 'team'])
      .describe('Labels that make a group; an alert without one of them (no team) groups without it.'),
    group_wait: duration('Wait before the first notification of a new group.').default(
      DEFAULT_TIMING.group_wait,
    ),
    group_interval: duration('Wait between notifications about changes in a group.').default(
      DEFAULT_TIMING.group_interval,
    ),
    repeat_interval: duration('Repeat a group whose firing alerts did not change after this long.').default(
      DEFAULT_TIMING.repeat_interval,
    ),
    escalation_receivers: z
      .array(receiverName)
      .default([])
      .describe('Receive a firing alert nobody acknowledged within escalate_after, once per occurrence.'),
    escalate_after: duration(
      'How long a firing alert may stay unacknowledged before it escalates.',
    ).optional(),
  })
  .check((ctx) => {
    const r = ctx.value;
    if (r.repeat_interval < r.group_interval)
      ctx.issues.push({
        code: 'custom',
        input: r.repeat_interval,
        path: ['repeat_interval'],
        message: `must be at least group_interval (${r.group_interval} s)`,
      });
    if (r.escalation_receivers.length > 0 && r.escalate_after === undefined)
      ctx.issues.push({
        code: 'custom',
        input: r.escalate_after,
        path: ['escalate_after'],
        message: 'is required when escalation_receivers are set',
      });
    if (r.escalation_receivers.length === 0 && r.escalate_after !== undefined)
      ctx.issues.push({
        code: 'custom',
        input: r.escalation_receivers,
        path: ['escalation_receivers'],
        message: 'must name at least one receiver when escalate_after is set',
      });
  });
export type Route = z.output<typeof route>;

export const routesConfig = z
  .strictObject({ routes: z.array(route).min(1, 'must hold at least one route') })
  .check((ctx) => {
    const seen = new Set<string>();
    ctx.value.routes.forEach((r, i) => {
      if (seen.has(r.name))
        ctx.issues.push({
          code: 'custom',
          input: r.name,
          path: ['routes', i, 'name'],
          message: `must be unique; "${r.name}" is used before`,
        });
      seen.add(r.name);
    });
  });
export type RoutesConfig = z.output<typeof routesConfig>;

export class RoutesConfigError extends Error {
  constructor(
    readonly source: string,
    readonly reasons: readonly string[],
  ) {
    super(`Invalid routes in ${source}:\n${reasons.map((r) => `  - ${r}`).join('\n')}`);
    this.name = 'RoutesConfigError';
  }
}

/**
 * Validates routes; `receivers`, when given, are the receiver names that exist, so that a route
 * naming another one is refused. Throws a RoutesConfigError listing every field and its reason.
 */
export function parseRoutes(
  input: unknown,
  options: { source?: string; receivers?: ReadonlySet<string> } = {},
): RoutesConfig {
  const source = options.source ?? 'routes';
  const parsed = routesConfig.safeParse(input);
  if (!parsed.success)
    throw new RoutesConfigError(
      source,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  const known = options.receivers;
  if (known !== undefined) {
    const unknown = parsed.data.routes.flatMap((r, i) =>
      (['receivers', 'escalation_receivers'] as const).flatMap((field) =>
        r[field].flatMap((name, j) =>
          known.has(name)
            ? []
            : [
                `routes.${i}.${field}.${j}: unknown receiver "${name}" (known: ${[...known].sort().join(', ')})`,
              ],
        ),
      ),
    );
    if (unknown.length > 0) throw new RoutesConfigError(source, unknown);
  }
  return parsed.data;
}

/** Reads and validates a JSON routes file. */
export async function loadRoutes(path: string, receivers?: ReadonlySet<string>): Promise<RoutesConfig> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new RoutesConfigError(path, [`(file): ${(error as Error).message}`]);
  }
  return parseRoutes(input, { source: path, receivers });
}

/** The first route that takes the alert; undefined: no route (the caller reports it). */
export function routeFor(
  routes: RoutesConfig,
  alert: Pick<AlertMessage, 'tenant' | 'labels'>,
): Route | undefined {
  return routes.routes.find((r) => r.tenant === alert.tenant && matchesAll(r.matchers, alert.labels));
}

/** The group of an alert within its route: the route's group_by labels the alert has. */
export function groupOf(r: Route, alert: Pick<AlertMessage, 'labels'>): { key: string; labels: Labels } {
  const labels: Record<string, string> = {};
  for (const name of [...r.group_by].sort()) {
    const value = alert.labels[name];
    if (value !== undefined && value !== '') labels[name] = value;
  }
  const inner = Object.entries(labels)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(',');
  return { key: `${r.name}:{${inner}}`, labels };
}
